import { Money } from '@fundline/money';
import { violationOf } from '../../../../test/support/domain-errors';
import { conceptNoteContent, referenceSnapshot } from '../../../../test/support/submission-builders';
import { ConceptNote, ConceptNoteContent } from './concept-note.aggregate';

function draft(overrides: Partial<ConceptNoteContent> = {}, country = 'PHL'): ConceptNote {
  return ConceptNote.draft(
    { id: 'c1', submittingCountry: country, ownerUserId: 'u1', content: conceptNoteContent(overrides), at: new Date() },
    referenceSnapshot(),
  );
}

const usd = (a: string) => Money.parse(a, 'USD');

describe('ConceptNote (what is enforced when a note is written)', () => {
  it('M1 accepts GCM objectives of which one belongs to the primary area', () => {
    expect(draft({ thematicArea: 1, gcmObjectives: [23, 2] }).snapshot.gcmObjectives).toEqual([2, 23]);
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

  it('M3 refuses a single participating organisation and an unknown one', () => {
    const one = conceptNoteContent().budget.slice(0, 1);
    expect(violationOf(() => draft({ budget: one, requested: usd('749000.00') }))).toMatchObject({ rules: ['M3'] });
    const unknown = conceptNoteContent().budget.map((b, i) => (i === 0 ? { ...b, organisation: 'ACME' } : b));
    expect(violationOf(() => draft({ budget: unknown }))).toMatchObject({ kind: 'malformed', rules: ['M3'] });
  });

  it('M4 accepts a budget split that sums exactly to the request', () => {
    expect(draft().snapshot.requested.toDecimalString()).toBe('1498000.00');
  });

  it('M4 refuses a budget split one cent away from the request', () => {
    expect(violationOf(() => draft({ requested: usd('1498000.01') }))).toMatchObject({
      rules: ['M4'],
      fields: ['budget'],
    });
  });

  it('G1 refuses a request that is zero or not in USD', () => {
    expect(violationOf(() => draft({ requested: usd('0.00') }))).toMatchObject({ rules: ['G1'] });
    expect(violationOf(() => draft({ requested: Money.parse('10.00', 'EUR') }))).toMatchObject({ rules: ['G1'] });
  });
});
