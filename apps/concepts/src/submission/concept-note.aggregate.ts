import { ResultsFrameworkV1 } from '@fundline/contracts';
import { DomainError, duplicateCodes, FundPolicies, Violation } from '@fundline/domain';
import { Money } from '@fundline/money';
import { BudgetCategories, BudgetLine, categoriesOf, checkLines, describeLines, totalOf } from '../budget/budget.value';
import {
  defaultFund,
  FocalPoint,
  freshDraft,
  fundsTaking,
  GeographicScope,
  NewSubmission,
  Submission,
  SubmissionCore,
} from '../lifecycle/submission';

/**
 * A joint programme concept note to a pooled fund that takes them, the Migration MPTF in production (its lifecycle is
 * in Submission).
 *
 * Invariants checked whenever the note is written (a note that breaks them is never stored):
 * - ConceptNoteGoesToAFundThatTakesConceptNotes: a registered fund whose form is the concept note.
 * - M1 ConceptNoteHasOnePrimaryThematicAreaAndAMatchingGcmObjective.
 * - M2 SubmittingGovernmentIsACoveredCountry, and the scope matches the covered countries
 *      (national: one; regional: two or more; global: at least one).
 * - M3 ConceptNoteIsJoint: at least two participating UN organisations, each on the list.
 * - M4 BudgetSplitSumsExactlyToTheRequest, one budget per participating organisation, its lines by category of the
 *      list in force, one line per category (issue 14).
 * - G1 RequestedAmountIsAPositiveUsdAmount.
 * - RF2 ResultsFrameworkCodesAreUnique, when the draft carries a framework (issue 14).
 * And when the note is submitted:
 * - M14 ConceptNoteIsSubmittedWithItsResultsFramework: a draft without one stays a draft (422), since a note that
 *      says nothing of what it will achieve is incomplete, not ineligible (docs/domain-decisions.md).
 * Eligibility rules that reference data can change (M1–M6 as in force on a date) are screened, not enforced here.
 */

/** A participating organisation's budget, by UN harmonised category (issue 14). */
export interface OrganisationBudget {
  organisation: string;
  lines: BudgetLine[];
}

export interface Partner {
  name: string;
  type: string;
}

export interface ConceptNoteContent {
  /** The fund it goes to; unset: the draft's own fund, or for a new draft the default one (`defaultFund`). */
  fund?: string;
  title: string;
  scope: GeographicScope;
  countries: string[];
  thematicArea: number;
  gcmObjectives: number[];
  budget: OrganisationBudget[];
  requested: Money;
  markers: { gender: number; humanRights: number };
  partners: { government: Partner[]; society: Partner[] };
  durationMonths: number;
  endorsement: { letterReference: string; dated: string };
  focalPoint: FocalPoint;
  /** Outcomes, outputs and indicators; a draft may lack it, a submission may not (M14). */
  resultsFramework: ResultsFrameworkV1 | null;
}

export interface ConceptNoteState extends SubmissionCore, ConceptNoteContent {
  fund: string;
}

/** Only what drafting needs to know of the reference data: which areas, countries and organisations exist. */
export interface ConceptNoteReferenceData {
  thematicAreas: ReadonlyMap<number, ReadonlySet<number>>;
  organisations: ReadonlyMap<string, unknown>;
  countries: ReadonlyMap<string, unknown>;
  budgetCategories: BudgetCategories;
}

export function participatingOrganisations(content: Pick<ConceptNoteContent, 'budget'>): string[] {
  return content.budget.map((b) => b.organisation);
}

export class ConceptNote extends Submission<ConceptNoteState> {
  readonly kind = 'concept-note' as const;

  static draft(
    input: NewSubmission & { content: ConceptNoteContent },
    reference: ConceptNoteReferenceData,
  ): ConceptNote {
    const content = ConceptNote.normalised(input.content, defaultFund('concept-note'));
    ConceptNote.check(content, input.submittingCountry, reference);
    const note = new ConceptNote({
      ...content,
      ...freshDraft(input),
    });
    note.record({ kind: 'drafted', at: input.at, from: null });
    return note;
  }

  static restore(state: ConceptNoteState): ConceptNote {
    return new ConceptNote({ ...state });
  }

  update(content: ConceptNoteContent, reference: ConceptNoteReferenceData, at: Date): void {
    this.assertDraft();
    const normalised = ConceptNote.normalised(content, this.state.fund);
    ConceptNote.check(normalised, this.state.submittingCountry, reference);
    this.replaceContent(normalised, at);
  }

  override submit(at: Date, region: string | null): void {
    if (this.state.status === 'draft' && !this.state.resultsFramework) {
      throw DomainError.invalid('CONCEPT_NOTE.RULE_BROKEN', [
        {
          field: 'resultsFramework',
          rule: 'M14',
          message: 'a concept note is submitted with its results framework (outcomes, outputs and indicators)',
        },
      ]);
    }
    super.submit(at, region);
  }

  private static normalised(content: ConceptNoteContent, fund: string): ConceptNoteContent & { fund: string } {
    return {
      ...content,
      fund: content.fund ?? fund,
      countries: [...new Set(content.countries)],
      gcmObjectives: [...new Set(content.gcmObjectives)].sort((a, b) => a - b),
    };
  }

  private static check(
    content: ConceptNoteContent & { fund: string },
    submittingCountry: string,
    reference: ConceptNoteReferenceData,
  ) {
    const unknown: Violation[] = [];
    const broken: Violation[] = [];

    const funds = fundsTaking('concept-note');
    if (!funds.includes(content.fund)) {
      const form = FundPolicies.find(content.fund)?.form;
      const why = form
        ? `${content.fund} takes ${form.replace('-', ' ')}s, not concept notes`
        : `Fundline runs no fund ${content.fund}`;
      unknown.push({ field: 'fund', rule: 'isFund', message: `${why}; concept notes go to ${funds.join(', ')}` });
    }

    const objectivesOfArea = reference.thematicAreas.get(content.thematicArea);
    if (!objectivesOfArea) {
      unknown.push({
        field: 'thematicArea',
        rule: 'M1',
        message: `unknown thematic area ${content.thematicArea}; known: ${[...reference.thematicAreas.keys()].join(', ')}`,
      });
    } else if (!content.gcmObjectives.some((o) => objectivesOfArea.has(o))) {
      broken.push({
        field: 'gcmObjectives',
        rule: 'M1',
        message: `at least one GCM objective must belong to thematic area ${content.thematicArea} (${[
          ...objectivesOfArea,
        ].join(', ')})`,
      });
    }
    for (const country of content.countries) {
      if (!reference.countries.has(country)) {
        unknown.push({ field: 'countries', rule: 'M2', message: `unknown country code ${country}` });
      }
    }
    const categories = categoriesOf(reference.budgetCategories, 'concept-note');
    for (const [i, organisation] of content.budget.entries()) {
      if (!reference.organisations.has(organisation.organisation)) {
        unknown.push({
          field: `budget.${i}.organisation`,
          rule: 'M3',
          message: `${organisation.organisation} is not a participating UN organisation on the list`,
        });
      }
      const lines = checkLines(organisation.lines, `budget.${i}.lines`, 'M4', categories, 'concept-note');
      unknown.push(...lines.unknown);
      broken.push(...lines.broken);
    }
    if (unknown.length > 0) throw DomainError.invalid('CONCEPT_NOTE.UNKNOWN_REFERENCE', unknown, 'malformed');

    const countries = new Set(content.countries);
    if (!countries.has(submittingCountry)) {
      broken.push({
        field: 'countries',
        rule: 'M2',
        message: `the submitting government ${submittingCountry} must be one of the covered countries`,
      });
    }
    if (content.scope === 'national' && countries.size !== 1) {
      broken.push({ field: 'scope', rule: 'M2', message: 'a national concept covers exactly one country', limit: 1 });
    }
    if (content.scope === 'regional' && countries.size < 2) {
      broken.push({ field: 'scope', rule: 'M2', message: 'a regional concept covers two or more countries', limit: 2 });
    }
    const organisations = participatingOrganisations(content);
    if (new Set(organisations).size !== organisations.length) {
      broken.push({ field: 'budget', rule: 'M4', message: 'one budget line per participating organisation' });
    }
    if (new Set(organisations).size < 2) {
      broken.push({
        field: 'budget',
        rule: 'M3',
        message: 'a joint programme needs at least two participating UN organisations',
        limit: 2,
      });
    }
    const lines = content.budget.flatMap((b) => b.lines);
    if (content.requested.currency !== 'USD' || !content.requested.isPositive()) {
      broken.push({ field: 'requested', rule: 'G1', message: 'the requested amount must be a positive USD amount' });
    } else if (lines.every((l) => l.amount.currency === 'USD')) {
      const total = totalOf(lines);
      if (!total.equals(content.requested)) {
        broken.push({
          field: 'budget',
          rule: 'M4',
          message: `the budget split adds up to ${total.toDecimalString()} (${content.budget
            .map((b) => `${b.organisation}: ${describeLines(b.lines)}`)
            .join('; ')}), the request is ${content.requested.toDecimalString()}`,
          limit: content.requested.toDecimalString(),
        });
      }
    }
    if (content.resultsFramework)
      broken.push(...duplicateCodes(content.resultsFramework, 'resultsFramework').violations);
    if (broken.length > 0) throw DomainError.invalid('CONCEPT_NOTE.RULE_BROKEN', broken);
  }
}
