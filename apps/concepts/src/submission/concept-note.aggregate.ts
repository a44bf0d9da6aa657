import { DomainError, Violation } from '@fundline/domain';
import { Money } from '@fundline/money';

/**
 * A Migration MPTF joint programme concept note.
 *
 * Invariants (rules.md):
 * - G4  ConceptNoteMovesOnlyAlongAllowedTransitions: draft → submitted → …; anything else is refused.
 * - G4  ConceptNoteIsEditableOnlyInDraft.
 * - M1  ConceptNoteHasOnePrimaryThematicAreaAndAMatchingGcmObjective.
 * - M2  SubmittingGovernmentIsACoveredCountry, and the scope matches the covered countries
 *       (national: one; regional: two or more; global: at least one).
 * - M3  ConceptNoteIsJoint: at least two eligible participating UN organisations.
 * - G1  RequestedAmountIsAPositiveUsdAmount.
 */

export type ConceptNoteStatus =
  | 'draft'
  | 'submitted'
  | 'screened-eligible'
  | 'screened-ineligible'
  | 'in-pipeline'
  | 'approved'
  | 'deferred'
  | 'rejected'
  | 'funded'
  | 'under-implementation'
  | 'closed'
  | 'withdrawn'
  | 'expired';

/** G4: the only moves a concept note can make. */
export const ALLOWED_TRANSITIONS: Readonly<Record<ConceptNoteStatus, readonly ConceptNoteStatus[]>> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['screened-eligible', 'screened-ineligible', 'withdrawn'],
  'screened-eligible': ['in-pipeline', 'withdrawn'],
  'screened-ineligible': ['withdrawn'],
  'in-pipeline': ['approved', 'deferred', 'rejected', 'withdrawn', 'expired'],
  deferred: ['in-pipeline', 'withdrawn', 'expired'],
  approved: ['funded'],
  funded: ['under-implementation'],
  'under-implementation': ['closed'],
  rejected: [],
  closed: [],
  withdrawn: [],
  expired: [],
};

export type GeographicScope = 'national' | 'regional' | 'global';

/** Reference data in force when the note is written; passed in so the domain never reads a database. */
export interface ConceptNoteReferenceData {
  /** Thematic area number → the GCM objectives that belong to it (M1, configurable). */
  thematicAreas: ReadonlyMap<number, ReadonlySet<number>>;
  eligibleOrganisations: ReadonlySet<string>;
  countries: ReadonlySet<string>;
}

export interface ConceptNoteContent {
  title: string;
  scope: GeographicScope;
  countries: string[];
  thematicArea: number;
  gcmObjectives: number[];
  participatingOrganisations: string[];
  requested: Money;
}

export interface ConceptNoteState extends ConceptNoteContent {
  id: string;
  submittingCountry: string;
  ownerUserId: string;
  status: ConceptNoteStatus;
  version: number;
  submittedAt: Date | null;
}

export type ConceptNoteEvent = { kind: 'drafted'; at: Date } | { kind: 'submitted'; at: Date; from: ConceptNoteStatus };

export class ConceptNote {
  private readonly pending: ConceptNoteEvent[] = [];

  private constructor(private state: ConceptNoteState) {}

  static draft(
    input: { id: string; submittingCountry: string; ownerUserId: string; content: ConceptNoteContent; at: Date },
    reference: ConceptNoteReferenceData,
  ): ConceptNote {
    ConceptNote.check(input.content, input.submittingCountry, reference);
    const note = new ConceptNote({
      ...input.content,
      id: input.id,
      submittingCountry: input.submittingCountry,
      ownerUserId: input.ownerUserId,
      status: 'draft',
      version: 1,
      submittedAt: null,
      countries: [...new Set(input.content.countries)],
      gcmObjectives: [...new Set(input.content.gcmObjectives)].sort((a, b) => a - b),
      participatingOrganisations: [...new Set(input.content.participatingOrganisations)],
    });
    note.pending.push({ kind: 'drafted', at: input.at });
    return note;
  }

  static restore(state: ConceptNoteState): ConceptNote {
    return new ConceptNote({ ...state });
  }

  get snapshot(): Readonly<ConceptNoteState> {
    return this.state;
  }

  pullEvents(): ConceptNoteEvent[] {
    return this.pending.splice(0);
  }

  submit(at: Date): void {
    this.moveTo('submitted');
    this.state.submittedAt = at;
    this.pending.push({ kind: 'submitted', at, from: 'draft' });
  }

  private moveTo(next: ConceptNoteStatus): void {
    const from = this.state.status;
    if (!ALLOWED_TRANSITIONS[from].includes(next)) {
      throw new DomainError(
        'CONCEPT_NOTE.TRANSITION_NOT_ALLOWED',
        `a concept note cannot move from ${from} to ${next} (G4); allowed from ${from}: ${
          ALLOWED_TRANSITIONS[from].join(', ') || 'none'
        }`,
        'conflict',
        [{ field: 'status', rule: 'G4', message: `${from} → ${next} is not an allowed transition` }],
      );
    }
    this.state.status = next;
  }

  private static check(content: ConceptNoteContent, submittingCountry: string, reference: ConceptNoteReferenceData) {
    const unknown: Violation[] = [];
    const broken: Violation[] = [];

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
    for (const organisation of content.participatingOrganisations) {
      if (!reference.eligibleOrganisations.has(organisation)) {
        unknown.push({
          field: 'participatingOrganisations',
          rule: 'M3',
          message: `${organisation} is not an eligible participating UN organisation`,
        });
      }
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
    if (new Set(content.participatingOrganisations).size < 2) {
      broken.push({
        field: 'participatingOrganisations',
        rule: 'M3',
        message: 'a joint programme needs at least two participating UN organisations',
        limit: 2,
      });
    }
    if (content.requested.currency !== 'USD' || !content.requested.isPositive()) {
      broken.push({ field: 'requested', rule: 'G1', message: 'the requested amount must be a positive USD amount' });
    }
    if (broken.length > 0) throw DomainError.invalid('CONCEPT_NOTE.RULE_BROKEN', broken);
  }
}
