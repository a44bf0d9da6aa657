import { ResultsFrameworkV1 } from '@fundline/contracts';
import { DomainError, duplicateCodes, Violation } from '@fundline/domain';
import { Money } from '@fundline/money';
import { BudgetCategories, BudgetLine, categoriesOf, checkLines, describeLines, totalOf } from '../budget/budget.value';
import {
  defaultFund,
  FocalPoint,
  freshDraft,
  NewSubmission,
  Submission,
  SubmissionCore,
} from '../lifecycle/submission';

/**
 * A project proposal to the fund that takes them, Fund 1035 (IOM Development Fund) in production (its lifecycle is in
 * Submission). A government does not name the fund: a proposal goes to the default fund of its form (`defaultFund`).
 *
 * Invariants checked whenever the proposal is written (a proposal that breaks them is never stored):
 * - F5 ScopeMatchesTheBenefitingStates: national has one, regional two or more; the applicant is one of them
 *      (a non-member never applies), and every endorsement is by a benefiting state.
 * - F7 BudgetLinesSumExactlyToTheRequest, by IDF template line of the list in force, one line per category
 *      (issue 14); staff and office costs are computed from the lines at screening, never declared.
 * - F1/F8 BenefitingStatesAndFocusAreaExist in the reference data.
 * - G1 RequestedAmountIsAPositiveUsdAmount.
 * - RF2 ResultsFrameworkCodesAreUnique, when the draft carries a framework (issue 14); it is optional at submission,
 *      F12's monitoring framework being owed within the first month after approval.
 * Eligibility (F1, F3, F4, F5, F6, F7, F8, F11 as in force on a date) is screened, not enforced here.
 */

export interface ProjectProposalContent {
  title: string;
  creditLine: 1 | 2;
  scope: 'national' | 'regional';
  countries: string[];
  endorsements: Array<{ country: string; letterReference: string }>;
  focusArea: string;
  budget: {
    lines: BudgetLine[];
    includesOtherDonorFunding: boolean;
    includesProposalDevelopmentCosts: boolean;
  };
  requested: Money;
  durationMonths: number;
  parentProposalId: string | null;
  focalPoint: FocalPoint;
  resultsFramework: ResultsFrameworkV1 | null;
}

export interface ProjectProposalState extends Omit<SubmissionCore, 'scope'>, ProjectProposalContent {}

export interface ProjectProposalReferenceData {
  countries: ReadonlyMap<string, unknown>;
  focusAreas: ReadonlyMap<string, unknown>;
  budgetCategories: BudgetCategories;
}

export class ProjectProposal extends Submission<ProjectProposalState> {
  readonly kind = 'project-proposal' as const;

  static draft(
    input: NewSubmission & { content: ProjectProposalContent },
    reference: ProjectProposalReferenceData,
  ): ProjectProposal {
    const content = { ...input.content, countries: [...new Set(input.content.countries)] };
    ProjectProposal.check(content, input.submittingCountry, reference);
    const proposal = new ProjectProposal({
      ...content,
      ...freshDraft(input),
      fund: defaultFund('project-proposal'),
    });
    proposal.record({ kind: 'drafted', at: input.at, from: null });
    return proposal;
  }

  static restore(state: ProjectProposalState): ProjectProposal {
    return new ProjectProposal({ ...state });
  }

  update(content: ProjectProposalContent, reference: ProjectProposalReferenceData, at: Date): void {
    this.assertDraft();
    const normalised = { ...content, countries: [...new Set(content.countries)] };
    ProjectProposal.check(normalised, this.state.submittingCountry, reference);
    this.replaceContent(normalised, at);
  }

  private static check(content: ProjectProposalContent, applicant: string, reference: ProjectProposalReferenceData) {
    const unknown: Violation[] = [];
    for (const country of content.countries) {
      if (!reference.countries.has(country)) {
        unknown.push({ field: 'countries', rule: 'F1', message: `unknown country code ${country}` });
      }
    }
    if (!reference.focusAreas.has(content.focusArea)) {
      unknown.push({ field: 'focusArea', rule: 'F8', message: `unknown focus area ${content.focusArea}` });
    }
    const lines = checkLines(
      content.budget.lines,
      'budget.lines',
      'F7',
      categoriesOf(reference.budgetCategories, 'project-proposal'),
      'project-proposal',
    );
    unknown.push(...lines.unknown);
    if (unknown.length > 0) throw DomainError.invalid('PROJECT_PROPOSAL.UNKNOWN_REFERENCE', unknown, 'malformed');

    const broken: Violation[] = [...lines.broken];
    const countries = new Set(content.countries);
    if (content.scope === 'national' && countries.size !== 1) {
      broken.push({
        field: 'countries',
        rule: 'F5',
        message: 'a national project benefits exactly one state',
        limit: 1,
      });
    }
    if (content.scope === 'regional' && countries.size < 2) {
      broken.push({
        field: 'countries',
        rule: 'F5',
        message: 'a regional project benefits two or more states',
        limit: 2,
      });
    }
    if (!countries.has(applicant)) {
      broken.push({
        field: 'countries',
        rule: 'F5',
        message: `the applying government ${applicant} must be one of the benefiting states`,
      });
    }
    for (const [i, endorsement] of content.endorsements.entries()) {
      if (!countries.has(endorsement.country)) {
        broken.push({
          field: `endorsements.${i}.country`,
          rule: 'F5',
          message: `${endorsement.country} endorses but is not a benefiting state`,
        });
      }
    }
    const { requested, budget } = content;
    if (requested.currency !== 'USD' || !requested.isPositive()) {
      broken.push({ field: 'requested', rule: 'G1', message: 'the requested amount must be a positive USD amount' });
    } else if (budget.lines.every((l) => l.amount.currency === 'USD')) {
      const total = totalOf(budget.lines);
      if (!total.equals(requested)) {
        broken.push({
          field: 'budget.lines',
          rule: 'F7',
          message: `the budget lines add up to ${total.toDecimalString()} (${describeLines(budget.lines)}), the request is ${requested.toDecimalString()}`,
          limit: requested.toDecimalString(),
        });
      }
    }
    if (content.resultsFramework)
      broken.push(...duplicateCodes(content.resultsFramework, 'resultsFramework').violations);
    if (broken.length > 0) throw DomainError.invalid('PROJECT_PROPOSAL.RULE_BROKEN', broken);
  }
}
