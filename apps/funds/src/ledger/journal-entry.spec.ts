import { DomainError } from '@fundline/domain';
import { accountId } from './chart-of-accounts';
import { applyLine, JournalEntry, POSTINGS } from './journal-entry';

const pocket = { fundCode: 'FUND_1035', pocketCode: 'LINE_2' };
const base = {
  fundCode: 'FUND_1035',
  type: 'test',
  currency: 'USD',
  reference: { type: 'deposit', id: 'd1' },
  description: 'test',
};

describe('JournalEntry', () => {
  it('G2 accepts an entry whose debits equal its credits', () => {
    const entry = JournalEntry.create({ ...base, lines: POSTINGS.receipt(pocket, 100_00n, 'contributions') });
    expect(entry.lines).toHaveLength(4);
  });

  it('G2 refuses an entry whose debits and credits differ', () => {
    const lines = [
      { accountId: accountId('FUND_1035', 'LINE_2', 'cash'), side: 'debit' as const, amountMinor: 100n },
      { accountId: accountId('FUND_1035', 'LINE_2', 'available'), side: 'credit' as const, amountMinor: 99n },
    ];
    expect(() => JournalEntry.create({ ...base, lines })).toThrow(/debits 100 and credits 99 differ/);
  });

  it('G2 refuses a line of zero or a negative amount, a single line, and an entry with no cause', () => {
    const line = { accountId: 'a', side: 'debit' as const, amountMinor: 0n };
    expect(() => JournalEntry.create({ ...base, lines: [line, { ...line, side: 'credit' }] })).toThrow(DomainError);
    expect(() => JournalEntry.create({ ...base, lines: [{ ...line, amountMinor: 5n }] })).toThrow(/at least two lines/);
    expect(() =>
      JournalEntry.create({ ...base, reference: { type: '', id: '' }, lines: POSTINGS.fee(pocket, 5n) }),
    ).toThrow(/names the fact/);
  });

  it('G2 corrects by a reversing entry with every side swapped', () => {
    const entry = JournalEntry.create({ ...base, lines: POSTINGS.fee(pocket, 250n) });
    const reversal = entry.reversing('entered twice', { type: 'correction', id: 'c1' });
    expect(reversal.input.type).toBe('test.reversal');
    expect(reversal.lines.map((l) => l.side)).toEqual(
      entry.lines.map((l) => (l.side === 'debit' ? 'credit' : 'debit')),
    );
  });

  it('M9 posts no fee lines for a fee that rounds to zero', () => {
    expect(POSTINGS.fee(pocket, 0n)).toEqual([]);
  });

  it('G2 applies a line by its account’s normal side', () => {
    expect(applyLine(100n, 'available', { side: 'credit', amountMinor: 5n })).toBe(105n);
    expect(applyLine(100n, 'available', { side: 'debit', amountMinor: 5n })).toBe(95n);
    expect(applyLine(100n, 'cash', { side: 'debit', amountMinor: 5n })).toBe(105n);
  });
});
