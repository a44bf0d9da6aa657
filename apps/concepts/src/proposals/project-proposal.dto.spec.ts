import { fundlineValidationPipe, ProblemException } from '@fundline/http';
import { aProjectProposal } from '../../../../test/support/concept-note-builder';
import { ProjectProposalDto } from './project-proposal.dto';

async function refusal(body: object): Promise<ProblemException | undefined> {
  try {
    await fundlineValidationPipe().transform(body, { type: 'body', metatype: ProjectProposalDto });
    return undefined;
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
}

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

  it('without budget.staffAndOfficeCosts is refused naming budget.staffAndOfficeCosts', async () => {
    const valid = aProjectProposal();
    const budget = { ...(valid.budget as object), staffAndOfficeCosts: undefined };
    const problem = await refusal({ ...valid, budget });
    expect([...new Set(problem?.violations.map((v) => v.field))]).toEqual(['budget.staffAndOfficeCosts']);
  });

  it('as the builder makes it is accepted', async () => {
    expect(await refusal(aProjectProposal())).toBeUndefined();
  });
});
