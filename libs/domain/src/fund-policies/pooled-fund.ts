import { Money } from '@fundline/money';
import { DomainError } from '../domain-error';
import { ApprovalCandidate, ApprovalTerms, Earmark, PocketDefinition } from './fund-policy';

/**
 * What pooled funds (a common pool with thematic windows, programmes run by several participating organisations)
 * share, for their policies to use.
 */

/** The unearmarked pool and one window per thematic area. */
export function poolAndThematicWindows(
  areas: ReadonlyArray<readonly [area: number, name: string]>,
): PocketDefinition[] {
  return [
    { code: 'UNEARMARKED', name: 'Unearmarked pool', kind: 'pool', thematicArea: null, creditLine: null },
    ...areas.map(([area, name]) => ({
      code: `THEMATIC_${area}`,
      name: `Thematic area ${area}: ${name}`,
      kind: 'thematic-window' as const,
      thematicArea: area,
      creditLine: null,
    })),
  ];
}

/** M9: a programme draws on the unearmarked pool (by default) or on the window of its own thematic area. */
export function thematicEarmark(
  candidate: ApprovalCandidate,
  terms: Pick<ApprovalTerms, 'pocketCode' | 'creditLine'>,
): Earmark {
  const pocketCode = terms.pocketCode ?? 'UNEARMARKED';
  if (pocketCode !== 'UNEARMARKED' && pocketCode !== `THEMATIC_${candidate.thematicArea}`) {
    throw DomainError.invalid('ALLOCATION.EARMARK', [
      {
        field: 'pocketCode',
        rule: 'M9',
        message: `a thematic area ${candidate.thematicArea} programme draws on UNEARMARKED or THEMATIC_${candidate.thematicArea} only`,
      },
    ]);
  }
  return { pocketCode, creditLine: null };
}

/** M10: one share per participating organisation, adding up to the approved amount. */
export function sharesAmongParticipatingOrganisations(
  terms: ApprovalTerms,
): Array<{ organisation: string; amount: Money }> {
  const shares = (terms.shares ?? []).map((s) => ({ organisation: s.organisation, amount: s.amount }));
  const total = shares.reduce((sum, s) => sum.plus(s.amount), Money.zero(terms.amount.currency));
  if (!total.equals(terms.amount) || new Set(shares.map((s) => s.organisation)).size !== shares.length) {
    throw DomainError.invalid('ALLOCATION.SHARES', [
      {
        field: 'shares',
        rule: 'M10',
        message: `one share per participating organisation, adding up to the approved ${terms.amount.toDecimalString()} (they add up to ${total.toDecimalString()})`,
        limit: terms.amount.toDecimalString(),
      },
    ]);
  }
  return shares;
}
