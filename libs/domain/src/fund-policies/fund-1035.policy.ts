import { Violation } from '../domain-error';
import { line2Verdict } from '../fund1035-eligibility';
import { addMonths } from '../calendar';
import { reportingObligations } from './obligation-schedule';
import { ApprovalCandidate, ApprovalContext, ApprovalTerms, Earmark, FundPolicy } from './fund-policy';

/**
 * Fund 1035, the IOM Development Fund: Member States submit project proposals (F1–F8) for one of two credit lines,
 * funded, monitored and reported separately (F2), each with its ceilings (F4); IOM implements. Rules it re-checks at
 * approval, on the parameters and lists in force that day:
 * - F3 NoLine2ForAStateUnderArticle4OrOffTheLine2List (the screening's own `line2Verdict`).
 * - F4 TheProjectCeilingOfTheLineAndScopeHolds (F4.1 Line 2 national, F4.2 Line 2 regional, F4.3 Line 1).
 * - F4.4 TheApprovedAmountIsAtLeastTheMinimumOfTheScope: an approval below the request is still a whole project.
 * - F6 AFollowUpOnLine2NeedsAParentFundedOnLine1.
 */
export const FUND_1035: FundPolicy = {
  code: 'FUND_1035',
  name: 'IOM Development Fund (Fund 1035)',
  form: 'project-proposal',
  feeBasisPoints: 0,
  pockets: [
    { code: 'LINE_1', name: 'Credit line 1', kind: 'credit-line', thematicArea: null, creditLine: 1 },
    { code: 'LINE_2', name: 'Credit line 2', kind: 'credit-line', thematicArea: null, creditLine: 2 },
  ],
  reports: ['credit-lines'],
  earmark(candidate: ApprovalCandidate, terms: Pick<ApprovalTerms, 'pocketCode' | 'creditLine'>): Earmark {
    const creditLine = (terms.creditLine ?? candidate.creditLine) === 2 ? 2 : 1;
    return { pocketCode: `LINE_${creditLine}`, creditLine };
  },
  needsEligibilityLists: (earmark) => earmark.creditLine === 2,
  approvalViolations(candidate: ApprovalCandidate, terms: ApprovalTerms, earmark: Earmark, context: ApprovalContext) {
    const broken: Violation[] = [];
    const line = earmark.creditLine;
    const amount = terms.amount;
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
    const ceiling = context.parameters.money(`f1035.line${line}.${scope}.ceiling-minor`);
    if (amount.compare(ceiling) > 0) {
      broken.push({
        field: 'amount',
        rule,
        message: `Line ${line} ${scope} projects are limited to USD ${ceiling.toDecimalString()}`,
        limit: ceiling.toDecimalString(),
      });
    }
    const minimum = context.parameters.money(`f1035.${scope}.minimum-minor`);
    if (amount.compare(minimum) < 0) {
      broken.push({
        field: 'amount',
        rule: 'F4.4',
        message: `${scope} projects receive at least USD ${minimum.toDecimalString()}`,
        limit: minimum.toDecimalString(),
      });
    }
    return broken;
  },
  /** IOM implements Fund 1035 projects: the whole amount is its share. */
  shares: (terms) => [{ organisation: 'IOM', amount: terms.amount }],
  /** F12: the common reports, and an ex-post evaluation within twelve months of completion. */
  obligations: (startDate, endDate) => [
    ...reportingObligations(startDate, endDate),
    { kind: 'ex-post-evaluation', dueOn: addMonths(endDate, 12) },
  ],
};
