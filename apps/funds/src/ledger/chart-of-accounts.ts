/**
 * The chart of accounts of every pocket (a thematic window, the unearmarked pool, a credit line). Pockets never share
 * an account, so Line 1 money can never appear in a Line 2 balance (F2) and earmarked money stays in its window (M9).
 *
 * Balance-sheet accounts hold the money:   cash = available + committed
 *   cash       debit-normal   money held for the pocket
 *   available  credit-normal  free to allocate (G5 checks allocations against it)
 *   committed  credit-normal  approved allocations not yet transferred
 * Memorandum accounts say where it came from and went (M13 sources and uses), against a control account:
 *   control = contributions + income + refunds − fees − transfers − directCosts − bankCharges, and control always
 *   equals cash.
 */
export type Side = 'debit' | 'credit';

export const ACCOUNT_KINDS = {
  cash: { normal: 'debit', nonNegative: true },
  available: { normal: 'credit', nonNegative: true },
  committed: { normal: 'credit', nonNegative: true },
  control: { normal: 'debit', nonNegative: false },
  contributions: { normal: 'credit', nonNegative: true },
  income: { normal: 'credit', nonNegative: true },
  refunds: { normal: 'credit', nonNegative: true },
  fees: { normal: 'debit', nonNegative: true },
  transfers: { normal: 'debit', nonNegative: true },
  directCosts: { normal: 'debit', nonNegative: true },
  bankCharges: { normal: 'debit', nonNegative: true },
} as const satisfies Record<string, { normal: Side; nonNegative: boolean }>;

export type AccountKind = keyof typeof ACCOUNT_KINDS;

export function accountId(fundCode: string, pocketCode: string, kind: AccountKind): string {
  return `${fundCode}:${pocketCode}:${kind}`;
}

export interface PocketRef {
  fundCode: string;
  pocketCode: string;
}
