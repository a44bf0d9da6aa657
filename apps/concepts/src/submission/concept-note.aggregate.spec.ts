import { Money } from '@fundline/money';
import { violationOf } from '../../../../test/support/domain-errors';
import { conceptNoteContent, referenceSnapshot } from '../../../../test/support/submission-builders';
import { DomainError } from '@fundline/domain';
import { BudgetLine } from '../budget/budget.value';
import { ConceptNote, ConceptNoteContent } from './concept-note.aggregate';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

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

  /** The ILO budget's lines changed by `change`, the request unchanged. */
  const iloLines = (change: (lines: BudgetLine[]) => BudgetLine[]) =>
    conceptNoteContent().budget.map((b, i) => (i === 0 ? { ...b, lines: change(b.lines) } : b));

  it('M4 refuses lines that add up to a cent more than the request, naming every organisation’s lines', () => {
    const budget = iloLines((lines) => [...lines.slice(0, 3), { ...lines[3], amount: usd('49000.01') }]);
    const error = caught(() => draft({ budget }));
    expect(error).toMatchObject({ code: 'CONCEPT_NOTE.RULE_BROKEN', kind: 'invalid' });
    expect(error.violations).toEqual([
      {
        field: 'budget',
        rule: 'M4',
        limit: '1498000.00',
        message: expect.stringMatching(
          /^the budget split adds up to 1498000.01 \(ILO: staff-and-other-personnel 400000.00, .*indirect-support-costs 49000.01; IOM: /,
        ),
      },
    ]);
  });

  it('M4 refuses (400) a category not in the list in force, naming the line and the categories allowed', () => {
    const budget = iloLines((lines) => [{ ...lines[0], category: 'catering' }, ...lines.slice(1)]);
    const error = caught(() => draft({ budget }));
    expect(error).toMatchObject({ code: 'CONCEPT_NOTE.UNKNOWN_REFERENCE', kind: 'malformed' });
    expect(error.violations).toEqual([
      {
        field: 'budget.0.lines.0.category',
        rule: 'M4',
        message:
          'catering is not a budget category in force; allowed: contractual-services, equipment-vehicles-furniture, ' +
          'general-operating-costs, indirect-support-costs, staff-and-other-personnel, supplies-commodities-materials, ' +
          'transfers-and-grants, travel',
      },
    ]);
  });

  it('M4 refuses a category twice in one organisation’s budget, and takes it in two organisations', () => {
    const budget = iloLines((lines) => [
      { category: 'travel', amount: usd('50000.00') },
      { category: 'travel', amount: usd('50000.00') },
      ...lines.filter((l) => l.category !== 'travel'),
    ]);
    expect(violationOf(() => draft({ budget }))).toMatchObject({
      kind: 'invalid',
      rules: ['M4'],
      fields: ['budget.0.lines.1.category'],
    });
    expect(draft().snapshot.budget.every((b) => b.lines.some((l) => l.category === 'indirect-support-costs'))).toBe(
      true,
    );
  });

  it('G1 refuses budget lines that are not positive USD amounts', () => {
    const eur = iloLines((lines) => [{ ...lines[0], amount: Money.parse('400000.00', 'EUR') }, ...lines.slice(1)]);
    expect(violationOf(() => draft({ budget: eur }))).toMatchObject({
      rules: ['G1'],
      fields: ['budget.0.lines.0.amount'],
    });
    const zero = iloLines((lines) => [...lines, { category: 'supplies-commodities-materials', amount: usd('0.00') }]);
    expect(violationOf(() => draft({ budget: zero }))).toMatchObject({
      rules: ['G1'],
      fields: ['budget.0.lines.4.amount'],
    });
  });

  it('G1 refuses a request that is zero or not in USD', () => {
    expect(violationOf(() => draft({ requested: usd('0.00') }))).toMatchObject({ rules: ['G1'] });
    expect(violationOf(() => draft({ requested: Money.parse('10.00', 'EUR') }))).toMatchObject({ rules: ['G1'] });
  });
});
