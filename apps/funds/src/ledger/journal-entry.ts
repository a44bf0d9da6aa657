import { DomainError } from '@fundline/domain';
import { ACCOUNT_KINDS, AccountKind, accountId, PocketRef, Side } from './chart-of-accounts';

/**
 * One movement of money, as a double-entry journal entry.
 *
 * Invariants (rules.md G2):
 * - JournalEntryBalances: the debits equal the credits.
 * - JournalEntryHasOneCurrency: every line is in the entry's currency.
 * - JournalLinesArePositive: a line moves more than zero; the side says the direction.
 * - JournalEntryHasTwoLinesAtLeast.
 * - JournalEntryNamesItsCause: a reference to the business fact (a deposit, an allocation…).
 * Entries are never changed: a correction is a new entry that reverses the old one (`reversing`).
 */
export interface JournalLine {
  accountId: string;
  side: Side;
  amountMinor: bigint;
}

export interface JournalEntryInput {
  fundCode: string;
  type: string;
  currency: string;
  reference: { type: string; id: string };
  description: string;
  lines: JournalLine[];
  reversesEntryId?: string;
}

export class JournalEntry {
  private constructor(readonly input: Readonly<JournalEntryInput>) {}

  static create(input: JournalEntryInput): JournalEntry {
    if (input.lines.length < 2) throw invalid('a journal entry needs at least two lines');
    if (!input.reference.type || !input.reference.id) throw invalid('a journal entry names the fact that caused it');
    let debits = 0n;
    let credits = 0n;
    for (const line of input.lines) {
      if (line.amountMinor <= 0n) throw invalid(`line on ${line.accountId} must move a positive amount`);
      if (line.side === 'debit') debits += line.amountMinor;
      else credits += line.amountMinor;
    }
    if (debits !== credits) throw invalid(`debits ${debits} and credits ${credits} differ`);
    return new JournalEntry({ ...input, lines: input.lines.map((l) => ({ ...l })) });
  }

  /** The entry that undoes this one: same lines, sides swapped. */
  reversing(reason: string, reference: { type: string; id: string }): JournalEntry {
    return JournalEntry.create({
      ...this.input,
      type: `${this.input.type}.reversal`,
      description: reason,
      reference,
      lines: this.input.lines.map((l) => ({ ...l, side: l.side === 'debit' ? 'credit' : 'debit' })),
    });
  }

  get lines(): readonly JournalLine[] {
    return this.input.lines;
  }
}

function invalid(message: string): DomainError {
  return DomainError.invalid('LEDGER.ENTRY_INVALID', [{ rule: 'G2', message }]);
}

/** A balance after a line is applied, by the account's normal side. */
export function applyLine(balanceMinor: bigint, kind: AccountKind, line: Pick<JournalLine, 'side' | 'amountMinor'>) {
  return line.side === ACCOUNT_KINDS[kind].normal ? balanceMinor + line.amountMinor : balanceMinor - line.amountMinor;
}

function pair(pocket: PocketRef, debit: AccountKind, credit: AccountKind, amountMinor: bigint): JournalLine[] {
  return [
    { accountId: accountId(pocket.fundCode, pocket.pocketCode, debit), side: 'debit', amountMinor },
    { accountId: accountId(pocket.fundCode, pocket.pocketCode, credit), side: 'credit', amountMinor },
  ];
}

/** The lines of each business movement. Zero-amount pairs are left out (a deposit whose fee rounds to 0.00). */
export const POSTINGS = {
  /** Money received into a pocket: it becomes available, and counts as a source of the given kind. */
  receipt(pocket: PocketRef, amountMinor: bigint, source: 'contributions' | 'income' | 'refunds'): JournalLine[] {
    return [...pair(pocket, 'cash', 'available', amountMinor), ...pair(pocket, 'control', source, amountMinor)];
  },
  /** The Administrative Agent fee leaves the pocket's cash and its available balance (M9). */
  fee(pocket: PocketRef, amountMinor: bigint): JournalLine[] {
    if (amountMinor === 0n) return [];
    return [...pair(pocket, 'available', 'cash', amountMinor), ...pair(pocket, 'fees', 'control', amountMinor)];
  },
  commitment(pocket: PocketRef, amountMinor: bigint): JournalLine[] {
    return pair(pocket, 'available', 'committed', amountMinor);
  },
  /** M12: what was committed but never transferred becomes available again. */
  release(pocket: PocketRef, amountMinor: bigint): JournalLine[] {
    return pair(pocket, 'committed', 'available', amountMinor);
  },
  /** M13: a direct cost or a bank charge is paid out of the pocket's free money, never out of committed money. */
  cost(pocket: PocketRef, amountMinor: bigint, use: 'directCosts' | 'bankCharges'): JournalLine[] {
    return [...pair(pocket, 'available', 'cash', amountMinor), ...pair(pocket, use, 'control', amountMinor)];
  },
  transfer(pocket: PocketRef, amountMinor: bigint): JournalLine[] {
    return [...pair(pocket, 'committed', 'cash', amountMinor), ...pair(pocket, 'transfers', 'control', amountMinor)];
  },
};
