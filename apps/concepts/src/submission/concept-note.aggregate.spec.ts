import { DomainError } from '@fundline/domain';
import { Money } from '@fundline/money';
import {
  ALLOWED_TRANSITIONS,
  ConceptNote,
  ConceptNoteContent,
  ConceptNoteReferenceData,
} from './concept-note.aggregate';

const reference: ConceptNoteReferenceData = {
  thematicAreas: new Map([
    [1, new Set([1, 3, 17, 23])],
    [4, new Set([5, 6, 18, 19, 20, 22])],
    [5, new Set([4, 14, 15, 16])],
  ]),
  eligibleOrganisations: new Set(['ILO', 'IOM', 'UNDP']),
  countries: new Set(['PHL', 'IDN', 'MEX']),
};

function content(overrides: Partial<ConceptNoteContent> = {}): ConceptNoteContent {
  return {
    title: 'Labour migration',
    scope: 'national',
    countries: ['PHL'],
    thematicArea: 4,
    gcmObjectives: [5],
    participatingOrganisations: ['ILO', 'IOM'],
    requested: Money.parse('250000.00', 'USD'),
    ...overrides,
  };
}

function draft(overrides: Partial<ConceptNoteContent> = {}, country = 'PHL'): ConceptNote {
  return ConceptNote.draft(
    { id: 'c1', submittingCountry: country, ownerUserId: 'u1', content: content(overrides), at: new Date() },
    reference,
  );
}

function violationOf(fn: () => unknown): { code: string; kind: string; rules: string[]; fields: string[] } {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return {
      code: error.code,
      kind: error.kind,
      rules: error.violations.map((v) => v.rule),
      fields: error.violations.map((v) => v.field ?? ''),
    };
  }
  throw new Error('expected a DomainError');
}

describe('ConceptNote', () => {
  it('G4 starts as a draft and moves to submitted', () => {
    const note = draft();
    expect(note.snapshot.status).toBe('draft');
    note.submit(new Date('2026-11-22T10:00:00Z'));
    expect(note.snapshot.status).toBe('submitted');
    expect(note.snapshot.submittedAt?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(note.pullEvents().map((e) => e.kind)).toEqual(['drafted', 'submitted']);
  });

  it('G4 refuses a second submit with a conflict naming the transition', () => {
    const note = draft();
    note.submit(new Date());
    expect(violationOf(() => note.submit(new Date()))).toMatchObject({
      code: 'CONCEPT_NOTE.TRANSITION_NOT_ALLOWED',
      kind: 'conflict',
      rules: ['G4'],
    });
  });

  it('G4 lets nothing leave a closed, rejected or withdrawn concept, and lets deferred return to the pipeline', () => {
    expect(ALLOWED_TRANSITIONS.closed).toEqual([]);
    expect(ALLOWED_TRANSITIONS.rejected).toEqual([]);
    expect(ALLOWED_TRANSITIONS.withdrawn).toEqual([]);
    expect(ALLOWED_TRANSITIONS.deferred).toContain('in-pipeline');
    expect(ALLOWED_TRANSITIONS.approved).not.toContain('withdrawn');
  });

  it('M1 accepts GCM objectives of which one belongs to the primary area', () => {
    expect(draft({ thematicArea: 1, gcmObjectives: [2, 23] }).snapshot.gcmObjectives).toEqual([2, 23]);
  });

  it('M1 refuses GCM objectives none of which belongs to the primary area', () => {
    expect(violationOf(() => draft({ thematicArea: 5, gcmObjectives: [5, 6] }))).toMatchObject({
      kind: 'invalid',
      rules: ['M1'],
      fields: ['gcmObjectives'],
    });
  });

  it('M1 refuses an unknown thematic area as malformed input', () => {
    expect(violationOf(() => draft({ thematicArea: 7 }))).toMatchObject({ kind: 'malformed', rules: ['M1'] });
  });

  it('M2 refuses a concept whose covered countries leave out the submitting government', () => {
    expect(violationOf(() => draft({ countries: ['IDN'] }, 'PHL'))).toMatchObject({
      rules: ['M2'],
      fields: ['countries'],
    });
  });

  it('M2 accepts a regional concept of two countries and refuses a regional concept of one', () => {
    expect(draft({ scope: 'regional', countries: ['PHL', 'IDN'] }).snapshot.scope).toBe('regional');
    expect(violationOf(() => draft({ scope: 'regional', countries: ['PHL'] }))).toMatchObject({ rules: ['M2'] });
    expect(violationOf(() => draft({ scope: 'national', countries: ['PHL', 'IDN'] }))).toMatchObject({ rules: ['M2'] });
  });

  it('M3 accepts two participating UN organisations and refuses one', () => {
    expect(draft({ participatingOrganisations: ['ILO', 'UNDP'] }).snapshot.participatingOrganisations).toHaveLength(2);
    expect(violationOf(() => draft({ participatingOrganisations: ['ILO'] }))).toMatchObject({ rules: ['M3'] });
  });

  it('M3 refuses an organisation that is not on the eligible list', () => {
    expect(violationOf(() => draft({ participatingOrganisations: ['ILO', 'WHO'] }))).toMatchObject({
      kind: 'malformed',
      rules: ['M3'],
    });
  });

  it('G1 refuses a request that is zero or not in USD', () => {
    expect(violationOf(() => draft({ requested: Money.parse('0.00', 'USD') }))).toMatchObject({ rules: ['G1'] });
    expect(violationOf(() => draft({ requested: Money.parse('10.00', 'EUR') }))).toMatchObject({ rules: ['G1'] });
  });
});
