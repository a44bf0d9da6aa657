import { aConceptNote } from '../../../../test/support/concept-note-builder';
import { ConceptNoteDto } from './concept-note.dto';
import { refusalOf, throughPipe } from '../../../../test/support/validation-pipe';

const usd = (amount: string) => ({ amount, currency: 'USD' });

/** The body through the validation pipe and `toContent`, as the controller takes it. */
const content = async (body: object) => (await throughPipe(ConceptNoteDto, body)).toContent();
const refusal = (body: object) => refusalOf(() => content(body));

const budgetOf = (body: Record<string, unknown>) => body.budget as Array<Record<string, unknown>>;

describe('a concept note body’s budget', () => {
  it('M4 by category per organisation, as the builder makes it, is accepted as it is', async () => {
    const body = aConceptNote();
    expect(await refusal(body)).toBeUndefined();
    const { budget } = await content(body);
    expect(budget[0].lines.map((l) => [l.category, l.amount.toDecimalString()])).toEqual([
      ['staff-and-other-personnel', '400000.00'],
      ['contractual-services', '200000.00'],
      ['travel', '100000.00'],
      ['indirect-support-costs', '49000.00'],
    ]);
  });

  it('M4 before categories is read as an uncategorised line and an indirect-support-costs line', async () => {
    const budget = ['ILO', 'IOM'].map((organisation) => ({
      organisation,
      directCosts: usd('700000.00'),
      indirectSupportCosts: usd('49000.00'),
    }));
    const read = await content(aConceptNote({ budget }));
    expect(
      read.budget.map((b) => [b.organisation, b.lines.map((l) => `${l.category} ${l.amount.toDecimalString()}`)]),
    ).toEqual([
      ['ILO', ['uncategorised 700000.00', 'indirect-support-costs 49000.00']],
      ['IOM', ['uncategorised 700000.00', 'indirect-support-costs 49000.00']],
    ]);
  });

  it.each([
    [
      'both shapes at once',
      (b: Record<string, unknown>) => ({ ...b, directCosts: usd('1.00'), indirectSupportCosts: usd('1.00') }),
      'budget.0.lines',
    ],
    ['neither shape', ({ lines: _none, ...b }: Record<string, unknown>) => b, 'budget.0.lines'],
    [
      'direct costs without indirect support costs',
      ({ lines: _none, ...b }: Record<string, unknown>) => ({ ...b, directCosts: usd('749000.00') }),
      'budget.0.indirectSupportCosts',
    ],
    [
      'the legacy category in a categorised budget',
      (b: Record<string, unknown>) => ({
        ...b,
        lines: [{ category: 'uncategorised', amount: usd('700000.00') }, ...(b.lines as unknown[]).slice(3)],
      }),
      'budget.0.lines.0.category',
    ],
  ])('M4 refuses %s with 400 naming the field', async (_, change, field) => {
    const body = aConceptNote();
    const budget = budgetOf(body).map((b, i) => (i === 0 ? change(b) : b));
    const problem = await refusal({ ...body, budget });
    expect(problem?.getStatus()).toBe(400);
    expect(problem?.violations).toEqual([expect.objectContaining({ field, rule: 'M4' })]);
  });

  it.each([
    ['budget.0.lines.0.category', (l: object) => ({ ...l, category: null })],
    ['budget.0.lines.0.amount', (l: object) => ({ ...l, amount: undefined })],
    ['budget.0.lines.0.amount.currency', (l: object) => ({ ...l, amount: { amount: '1.00', currency: null } })],
    ['budget.0.lines.0.amount.amount', (l: object) => ({ ...l, amount: usd('-1.00') })],
    ['budget.0.lines.0.amount.amount', (l: object) => ({ ...l, amount: usd('1.001') })],
  ])('refuses a line without a valid part, naming only %s', async (field, change) => {
    const body = aConceptNote();
    const budget = budgetOf(body).map((b, i) =>
      i === 0 ? { ...b, lines: (b.lines as object[]).map((l, j) => (j === 0 ? change(l) : l)) } : b,
    );
    const problem = await refusal({ ...body, budget });
    expect([...new Set(problem?.violations.map((v) => v.field))]).toEqual([field]);
  });
});
