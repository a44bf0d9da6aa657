import { aCategorisedProjectProposal, aProjectProposal } from '../../../../test/support/concept-note-builder';
import { ProjectProposalDto } from './project-proposal.dto';
import { refusalOf, throughPipe } from '../../../../test/support/validation-pipe';

/** The body through the validation pipe and `toContent`, as the controller takes it. */
const content = async (body: object) => (await throughPipe(ProjectProposalDto, body)).toContent();
const refusal = (body: object) => refusalOf(() => content(body));

describe('a project proposal body', () => {
  it('without requested is refused with 400 naming requested (it reached the handler and failed there as a 500)', async () => {
    const { requested: _omitted, ...body } = aProjectProposal();
    const problem = await refusal(body);
    expect(problem?.getStatus()).toBe(400);
    expect(problem?.violations).toContainEqual(expect.objectContaining({ field: 'requested', rule: 'isDefined' }));
  });

  it.each(['budget', 'focalPoint'])('without %s is refused naming it', async (field) => {
    const problem = await refusal({ ...aProjectProposal(), [field]: undefined });
    expect(problem?.violations.map((v) => v.field)).toContain(field);
  });

  it('as the builder makes it is accepted, before categories and by category', async () => {
    expect(await refusal(aProjectProposal())).toBeUndefined();
    expect(await refusal(aCategorisedProjectProposal())).toBeUndefined();
  });

  it.each([
    ['budget.lines.0.category', (b: Lines) => ({ ...b, lines: [{ ...b.lines[0], category: undefined }] })],
    ['budget.lines.0.category', (b: Lines) => ({ ...b, lines: [{ ...b.lines[0], category: null }] })],
    ['budget.lines.0.amount', (b: Lines) => ({ ...b, lines: [{ ...b.lines[0], amount: null }] })],
    ['budget.lines.0.amount.amount', (b: Lines) => ({ ...b, lines: [{ ...b.lines[0], amount: { currency: 'USD' } }] })],
    ['budget.lines', (b: Lines) => ({ ...b, lines: [] })],
  ])('F7 a categorised budget without a part of a line is refused naming %s', async (field, change) => {
    const valid = aCategorisedProjectProposal();
    const problem = await refusal({ ...valid, budget: change(valid.budget as Lines) });
    expect([...new Set(problem?.violations.map((v) => v.field))]).toEqual([field]);
  });

  it.each([
    ['-1.00', 'a negative amount'],
    ['1.001', 'a fraction of a cent'],
    ['0.00', 'nothing'],
  ])('F7 a line of %s (%s) is refused naming its amount', async (amount) => {
    const valid = aCategorisedProjectProposal();
    const budget = valid.budget as Lines;
    const problem = await refusal({
      ...valid,
      budget: { ...budget, lines: [{ ...budget.lines[0], amount: { amount, currency: 'USD' } }] },
    });
    expect(problem?.violations).toEqual([
      expect.objectContaining({ field: 'budget.lines.0.amount.amount', rule: 'isPositiveDecimalAmount' }),
    ]);
  });
});

describe('a project proposal body’s budget before categories', () => {
  it('F7 reads declared staff and office costs as a staff-and-office line and the rest uncategorised', async () => {
    expect(
      (await content(aProjectProposal())).budget.lines.map((l) => `${l.category} ${l.amount.toDecimalString()}`),
    ).toEqual(['staff-and-office 45000.00', 'uncategorised 155000.00']);
  });

  it('F7 refuses declared staff and office costs beside lines (they are computed from the lines)', async () => {
    const valid = aCategorisedProjectProposal();
    const budget = { ...(valid.budget as object), staffAndOfficeCosts: { amount: '45000.00', currency: 'USD' } };
    const problem = await refusal({ ...valid, budget });
    expect(problem?.getStatus()).toBe(400);
    expect(problem?.violations).toEqual([expect.objectContaining({ field: 'budget.staffAndOfficeCosts', rule: 'F7' })]);
  });

  it('F7 refuses a budget with neither lines nor declared staff and office costs, naming budget.lines', async () => {
    const valid = aProjectProposal();
    const { staffAndOfficeCosts: _none, ...budget } = valid.budget as Record<string, unknown>;
    const problem = await refusal({ ...valid, budget });
    expect(problem?.violations).toEqual([expect.objectContaining({ field: 'budget.lines', rule: 'F7' })]);
  });

  it('F7 refuses a legacy category in a categorised budget', async () => {
    const valid = aCategorisedProjectProposal();
    const budget = valid.budget as Lines;
    const lines = [{ category: 'staff-and-office', amount: { amount: '45000.00', currency: 'USD' } }, budget.lines[2]];
    const problem = await refusal({ ...valid, budget: { ...budget, lines } });
    expect(problem?.violations).toEqual([expect.objectContaining({ field: 'budget.lines.0.category', rule: 'F7' })]);
  });
});

type Lines = { lines: Array<Record<string, unknown>> } & Record<string, unknown>;
