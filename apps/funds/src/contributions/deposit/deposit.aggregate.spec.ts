import { MIGRATION_MPTF } from '@fundline/domain';
import { ExchangeRate, Money } from '@fundline/money';
import { accountId } from '../../ledger/chart-of-accounts';
import { Deposit, DepositReceipt } from './deposit.aggregate';

const donor = { id: 'donor-1', name: 'Government of Germany' };
const fund = { code: MIGRATION_MPTF.code, reportingCurrency: 'USD' };

function aReceipt(overrides: Partial<DepositReceipt> = {}): DepositReceipt {
  return {
    id: 'deposit-1',
    fund,
    policy: MIGRATION_MPTF,
    pocketCode: 'THEMATIC_2',
    donor,
    original: Money.parse('250000.00', 'USD'),
    rate: ExchangeRate.parse('1'),
    depositDate: '2026-11-20',
    ...overrides,
  };
}

const commitment = { id: 'commitment-1', donorId: donor.id, fundCode: fund.code, pocketCode: 'THEMATIC_2' };

function linesOf(deposit: Deposit) {
  return deposit.journalEntry().lines.map((l) => [l.accountId.split(':').slice(1).join(':'), l.side, l.amountMinor]);
}

describe('Deposit', () => {
  it('M9 takes the fund policy’s fee on receipt and makes the rest available in the earmarked pocket', () => {
    const deposit = Deposit.receive(aReceipt());
    expect(deposit.fee.toDecimalString()).toBe('2500.00');
    expect(deposit.feeBasisPoints).toBe(MIGRATION_MPTF.feeBasisPoints);
    expect(linesOf(deposit)).toEqual([
      ['THEMATIC_2:cash', 'debit', 25_000_000n],
      ['THEMATIC_2:available', 'credit', 25_000_000n],
      ['THEMATIC_2:control', 'debit', 25_000_000n],
      ['THEMATIC_2:contributions', 'credit', 25_000_000n],
      ['THEMATIC_2:available', 'debit', 250_000n],
      ['THEMATIC_2:cash', 'credit', 250_000n],
      ['THEMATIC_2:fees', 'debit', 250_000n],
      ['THEMATIC_2:control', 'credit', 250_000n],
    ]);
  });

  it('M9 posts no fee line for a fund whose policy takes none', () => {
    const deposit = Deposit.receive(aReceipt({ policy: { feeBasisPoints: 0 } }));
    expect(deposit.fee.isPositive()).toBe(false);
    expect(deposit.journalEntry().lines.some((l) => l.accountId.endsWith(':fees'))).toBe(false);
  });

  it('G1 keeps the original amount and currency, and the USD equivalent at the given rate', () => {
    const deposit = Deposit.receive(
      aReceipt({ original: Money.parse('1000000.00', 'EUR'), rate: ExchangeRate.parse('1.0850') }),
    );
    expect(deposit.original.toJSON()).toEqual({ amount: '1000000.00', currency: 'EUR' });
    expect(deposit.usd.toJSON()).toEqual({ amount: '1085000.00', currency: 'USD' });
    expect(deposit.fee.toDecimalString()).toBe('10850.00');
  });

  it('G1 refuses a USD deposit at a rate other than 1, and accepts "1.0000"', () => {
    expect(() => Deposit.receive(aReceipt({ rate: ExchangeRate.parse('1.1') }))).toThrow(
      expect.objectContaining({ code: 'DEPOSIT.RATE' }),
    );
    expect(Deposit.receive(aReceipt({ rate: ExchangeRate.parse('1.0000') })).usd.toDecimalString()).toBe('250000.00');
  });

  it('G1 refuses a deposit whose USD equivalent rounds to zero', () => {
    const tiny = aReceipt({ original: Money.parse('1', 'JPY'), rate: ExchangeRate.parse('0.001') });
    expect(() => Deposit.receive(tiny)).toThrow(expect.objectContaining({ code: 'DEPOSIT.TOO_SMALL' }));
  });

  it('M9 settles a commitment of its donor into the pocket it was committed to', () => {
    const deposit = Deposit.receive(aReceipt({ commitmentId: commitment.id, commitment }));
    expect(deposit.commitmentId).toBe(commitment.id);
  });

  it('M9 refuses to settle a commitment elsewhere than where it was committed', () => {
    const receipt = aReceipt({ commitmentId: commitment.id, commitment, pocketCode: 'THEMATIC_3' });
    expect(() => Deposit.receive(receipt)).toThrow(expect.objectContaining({ code: 'DEPOSIT.NOT_AS_COMMITTED' }));
  });

  it('M9 refuses a commitment that does not exist or that another donor signed', () => {
    for (const found of [null, { ...commitment, donorId: 'donor-2' }]) {
      expect(() => Deposit.receive(aReceipt({ commitmentId: commitment.id, commitment: found }))).toThrow(
        expect.objectContaining({ code: 'CONTRIBUTION.UNKNOWN_REFERENCE' }),
      );
    }
  });

  it('G2 posts one balanced entry that names the deposit', () => {
    const entry = Deposit.receive(aReceipt()).journalEntry();
    expect(entry.input.reference).toEqual({ type: 'deposit', id: 'deposit-1' });
    expect(entry.lines[0].accountId).toBe(accountId(fund.code, 'THEMATIC_2', 'cash'));
  });
});
