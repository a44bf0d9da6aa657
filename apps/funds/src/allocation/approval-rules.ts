import { DomainError, Fund1035Lists, line2Verdict, Violation } from '@fundline/domain';
import { Money } from '@fundline/money';

/**
 * What an approval re-checks in its own transaction, beside the pocket's available balance (G5, in the ledger):
 * - G4 OnlyAPipelineEntryIsApproved (in pipeline or deferred).
 * - M7 AnExpiredEntryIsNotApproved.
 * - M8 TheAmountIsPositiveAndAtMostTheRequest.
 * - F3 NoLine2ForAStateUnderArticle4OrOffTheLine2List: the screening's own rule (line2Verdict), on the lists in force
 *   on the approval date.
 * - F4 TheProjectCeilingOfTheLineAndScopeHolds (F4.1 Line 2 national, F4.2 Line 2 regional, F4.3 Line 1).
 * - F4.4 TheApprovedAmountIsAtLeastTheMinimumOfTheScope: an approval below the request is still a whole project.
 * - F6 AFollowUpOnLine2NeedsAParentFundedOnLine1.
 */
export interface ApprovalCandidate {
  conceptId: string;
  fund: string;
  status: string;
  expiresAt: Date | null;
  countries: string[];
  scope: string | null;
  requested: Money;
  parentId: string | null;
}

export interface ApprovalContext {
  now: Date;
  creditLine: 1 | 2 | null;
  /**
   * What Line 2 eligibility reads (Article 4, the Line 2 list and its source, beneficiaries) on the approval date;
   * needed for a Line 2 approval only, so other approvals do not load it.
   */
  lists?: Fund1035Lists;
  parameters: Readonly<Record<string, number>>;
  /** The credit line on which the parent was funded, when the candidate is a follow-up (null: not funded). */
  parentFundedOnLine: number | null;
}

export function checkApproval(candidate: ApprovalCandidate, amount: Money, context: ApprovalContext): void {
  if (!['in-pipeline', 'deferred'].includes(candidate.status)) {
    throw new DomainError(
      'ALLOCATION.NOT_IN_PIPELINE',
      `${candidate.conceptId} is ${candidate.status}; only an eligible pipeline entry is approved (G4)`,
      'conflict',
      [{ field: 'conceptId', rule: 'G4', message: `${candidate.status} → approved is not an allowed transition` }],
    );
  }
  const broken: Violation[] = [];
  if (candidate.expiresAt && candidate.expiresAt <= context.now) {
    broken.push({
      field: 'conceptId',
      rule: 'M7',
      message: `the pipeline entry expired on ${candidate.expiresAt.toISOString().slice(0, 10)}`,
    });
  }
  if (!amount.isPositive() || amount.compare(candidate.requested) > 0) {
    broken.push({
      field: 'amount',
      rule: 'M8',
      message: `the approved amount is above zero and at most the request (${candidate.requested.toDecimalString()})`,
      limit: candidate.requested.toDecimalString(),
    });
  }
  if (candidate.fund === 'FUND_1035') {
    const line = context.creditLine;
    if (line === 2) {
      if (!context.lists) throw new Error('a Line 2 approval is checked against the Fund 1035 lists in force');
      for (const { why } of line2Verdict(context.lists, candidate.countries).refused) {
        broken.push({ field: 'creditLine', rule: 'F3', message: `${why}: it cannot benefit from Line 2` });
      }
      if (candidate.parentId && context.parentFundedOnLine !== 1) {
        broken.push({
          field: 'creditLine',
          rule: 'F6',
          message:
            context.parentFundedOnLine === null
              ? `the parent project ${candidate.parentId} was not funded; a Line 2 follow-up needs a parent funded on Line 1`
              : `the parent project ${candidate.parentId} was funded on Line ${context.parentFundedOnLine}, not Line 1`,
        });
      }
    }
    const scope = candidate.scope === 'regional' ? 'regional' : 'national';
    const rule = line === 1 ? 'F4.3' : scope === 'regional' ? 'F4.2' : 'F4.1';
    const ceiling = usdParameter(context, `f1035.line${line}.${scope}.ceiling-minor`);
    if (amount.compare(ceiling) > 0) {
      broken.push({
        field: 'amount',
        rule,
        message: `Line ${line} ${scope} projects are limited to USD ${ceiling.toDecimalString()}`,
        limit: ceiling.toDecimalString(),
      });
    }
    const minimum = usdParameter(context, `f1035.${scope}.minimum-minor`);
    if (amount.compare(minimum) < 0) {
      broken.push({
        field: 'amount',
        rule: 'F4.4',
        message: `${scope} projects receive at least USD ${minimum.toDecimalString()}`,
        limit: minimum.toDecimalString(),
      });
    }
  }
  if (broken.length > 0) throw DomainError.invalid('ALLOCATION.NOT_APPROVABLE', broken);
}

/** A fund parameter in USD minor units, as in force on the approval date; a missing one is a broken seed, not input. */
function usdParameter(context: ApprovalContext, key: string): Money {
  const minor = context.parameters[key];
  if (minor === undefined) throw new Error(`no fund parameter ${key}`);
  return Money.ofMinor(BigInt(minor), 'USD');
}
