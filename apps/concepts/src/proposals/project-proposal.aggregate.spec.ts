import { Money } from '@fundline/money';
import { violationOf } from '../../../../test/support/domain-errors';
import { projectProposalContent, referenceSnapshot } from '../../../../test/support/submission-builders';
import { BudgetLine } from '../budget/budget.value';
import { ProjectProposal, ProjectProposalContent } from './project-proposal.aggregate';

const usd = (a: string) => Money.parse(a, 'USD');

function draft(overrides: Partial<ProjectProposalContent> = {}): ProjectProposal {
  return ProjectProposal.draft(
    {
      id: 'p1',
      submittingCountry: 'PHL',
      ownerUserId: 'u1',
      content: projectProposalContent(overrides),
      at: new Date(),
    },
    referenceSnapshot(),
  );
}

const withLines = (lines: BudgetLine[]) => ({ budget: { ...projectProposalContent().budget, lines } });

describe('ProjectProposal budget by category (what is enforced when a proposal is written)', () => {
  it('F7 accepts lines of the IDF template that sum exactly to the request', () => {
    expect(draft().snapshot.budget.lines.map((l) => l.category)).toEqual(['staff', 'office', 'operational']);
  });

  it('F7 refuses lines a cent short of the request', () => {
    const lines = [
      { category: 'staff', amount: usd('45000.00') },
      { category: 'operational', amount: usd('154999.99') },
    ];
    expect(violationOf(() => draft(withLines(lines)))).toMatchObject({
      code: 'PROJECT_PROPOSAL.RULE_BROKEN',
      kind: 'invalid',
      rules: ['F7'],
      fields: ['budget.lines'],
    });
  });

  it('F7 refuses (400) a category not in the Fund 1035 list in force, even one of the MPTF list', () => {
    const lines = [
      { category: 'staff', amount: usd('45000.00') },
      { category: 'travel', amount: usd('155000.00') },
    ];
    expect(violationOf(() => draft(withLines(lines)))).toMatchObject({
      code: 'PROJECT_PROPOSAL.UNKNOWN_REFERENCE',
      kind: 'malformed',
      rules: ['F7'],
      fields: ['budget.lines.1.category'],
    });
  });

  it('F7 refuses a category twice', () => {
    const lines = [
      { category: 'staff', amount: usd('45000.00') },
      { category: 'operational', amount: usd('100000.00') },
      { category: 'operational', amount: usd('55000.00') },
    ];
    expect(violationOf(() => draft(withLines(lines)))).toMatchObject({
      rules: ['F7'],
      fields: ['budget.lines.2.category'],
    });
  });
});
