import { Money } from '@fundline/money';
import { conceptNoteContent, referenceSnapshot } from '../../../../test/support/submission-builders';
import { ConceptNoteContent } from '../submission/concept-note.aggregate';
import { screenConceptNote } from './concept-note.screening';

const usd = (a: string) => Money.parse(a, 'USD');

function verdict(overrides: Partial<ConceptNoteContent> = {}, snapshot = referenceSnapshot(), letters = ['PHL']) {
  const lines = screenConceptNote({ ...conceptNoteContent(overrides), submittingCountry: 'PHL' }, snapshot, letters);
  return Object.fromEntries(lines.map((l) => [l.rule, l]));
}

describe('screening a Migration MPTF concept note', () => {
  it('passes every rule for an eligible concept note, each with its explanation', () => {
    const lines = verdict();
    expect(Object.keys(lines)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    expect(Object.values(lines).every((l) => l.passed && l.detail.length > 10)).toBe(true);
  });

  it('M1 fails when the area in force no longer holds any of the objectives', () => {
    const snapshot = referenceSnapshot({ thematicAreas: new Map([[4, new Set([18])]]) });
    expect(verdict({}, snapshot).M1).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/none of GCM objectives 5, 6/),
    });
  });

  it('M2 fails, naming the missing letter, when the government’s endorsement letter is not attached', () => {
    expect(verdict({}, referenceSnapshot(), []).M2).toMatchObject({
      passed: false,
      detail: 'the endorsement letter of PHL is missing: attach it as a document before submitting',
    });
    expect(verdict({}, referenceSnapshot(), ['IDN']).M2.passed).toBe(false);
  });

  it('M2 passes for a government-led, endorsed note and fails when the submitter is not covered', () => {
    expect(verdict().M2.passed).toBe(true);
    expect(verdict({ countries: ['IDN'] }).M2).toMatchObject({ passed: false });
  });

  it('M3 fails when a participating organisation is no longer eligible', () => {
    const snapshot = referenceSnapshot({
      organisations: new Map([
        ['ILO', { name: 'ILO', eligible: true }],
        ['IOM', { name: 'IOM', eligible: false }],
      ]),
    });
    expect(verdict({}, snapshot).M3).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/IOM not eligible/),
    });
  });

  /** ILO's indirect support costs set to `isc`, the request following. */
  const withIloIsc = (isc: string): Partial<ConceptNoteContent> => {
    const budget = conceptNoteContent().budget.map((b, i) =>
      i === 0
        ? {
            ...b,
            lines: b.lines.map((l) => (l.category === 'indirect-support-costs' ? { ...l, amount: usd(isc) } : l)),
          }
        : b,
    );
    return { budget, requested: usd('1449000.00').plus(usd(isc)) };
  };

  it('M4 passes at exactly 7% indirect support costs and fails one cent above, naming the line and the limit', () => {
    expect(verdict().M4).toMatchObject({
      passed: true,
      detail: expect.stringMatching(/^ILO: indirect-support-costs 49000.00 within 7% of direct costs 700000.00/),
    });
    expect(verdict(withIloIsc('49000.01')).M4).toMatchObject({
      passed: false,
      detail: 'ILO: indirect-support-costs 49000.01 above 7% of direct costs 700000.00 (limit 49000.00)',
    });
  });

  it('M4 computes direct costs from every direct-cost line of the organisation, per organisation', () => {
    const budget = [
      {
        organisation: 'UNDP',
        lines: [
          { category: 'staff-and-other-personnel', amount: usd('600000.00') },
          { category: 'travel', amount: usd('400000.00') },
          { category: 'indirect-support-costs', amount: usd('80000.00') },
        ],
      },
      conceptNoteContent().budget[1],
    ];
    expect(verdict({ budget, requested: usd('1829000.00') }).M4).toMatchObject({
      passed: false,
      detail: 'UNDP: indirect-support-costs 80000.00 above 7% of direct costs 1000000.00 (limit 70000.00)',
    });
  });

  it('M4 reads a budget written before categories: uncategorised direct costs and its indirect support costs', () => {
    const budget = [
      {
        organisation: 'ILO',
        lines: [
          { category: 'uncategorised', amount: usd('700000.00') },
          { category: 'indirect-support-costs', amount: usd('49000.00') },
        ],
      },
      conceptNoteContent().budget[1],
    ];
    expect(verdict({ budget }).M4.passed).toBe(true);
  });

  it('M4 takes the categories and the cap in force on the screening date', () => {
    const categories = referenceSnapshot().budgetCategories;
    const withoutTravel = new Map(categories);
    const mptf = new Map(categories.get('mptf'));
    mptf.delete('travel');
    withoutTravel.set('mptf', mptf);
    expect(verdict({}, referenceSnapshot({ date: '2027-01-01', budgetCategories: withoutTravel })).M4).toMatchObject({
      passed: false,
      detail: 'ILO: travel not budget categories in force on 2027-01-01',
    });
    const lowerCap = referenceSnapshot({
      parameters: { ...referenceSnapshot().parameters, 'mptf.indirect-support-cost.cap-basis-points': 600 },
    });
    expect(verdict({}, lowerCap).M4.detail).toMatch(
      /^ILO: indirect-support-costs 49000.00 above 6% of direct costs 700000.00 \(limit 42000.00\)/,
    );
  });

  it('M5 passes at the minimum marker score of 2 and fails below it', () => {
    expect(verdict({ markers: { gender: 2, humanRights: 2 } }).M5.passed).toBe(true);
    expect(verdict({ markers: { gender: 1, humanRights: 3 } }).M5).toMatchObject({ passed: false });
  });

  it('M6 needs more than one government entity and a society partner', () => {
    expect(verdict().M6.passed).toBe(true);
    const partners = conceptNoteContent().partners;
    expect(verdict({ partners: { ...partners, government: partners.government.slice(0, 1) } }).M6.passed).toBe(false);
    expect(verdict({ partners: { ...partners, society: [] } }).M6.passed).toBe(false);
  });
});
