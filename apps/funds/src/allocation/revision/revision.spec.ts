import { BudgetCategoryCounts, DomainError, FUND_1035, FundParameters, MIGRATION_MPTF } from '@fundline/domain';
import { Money } from '@fundline/money';
import { anApprovedAllocation } from '../../../../../test/support/approvals';
import { violationOf } from '../../../../../test/support/domain-errors';
import { Allocation, AllocationState } from '../allocation.aggregate';
import { BudgetLimits, BudgetLine, budgetAtApproval, needsApprovalBecause, totalOf } from './allocation-budget';
import { obligationMoves } from './obligation-moves';
import { Revision } from './revision';

const usd = (a: string) => Money.parse(a, 'USD');
const line = (organisation: string, category: string, amount: string): BudgetLine => ({
  organisation,
  category,
  amountMinor: usd(amount).amountMinor,
});
const asRequested = (lines: BudgetLine[]) =>
  lines.map((l) => ({
    organisation: l.organisation,
    category: l.category,
    amount: Money.ofMinor(l.amountMinor, 'USD'),
  }));

const BUDGET = [
  line('ILO', 'staff-and-other-personnel', '60000.00'),
  line('ILO', 'travel', '40000.00'),
  line('IOM', 'contractual-services', '50000.00'),
];

function allocation(overrides: Partial<AllocationState> = {}): Allocation {
  return anApprovedAllocation({ budget: BUDGET.map((l) => ({ ...l })), ...overrides });
}

const CATEGORIES = new Set([
  'staff-and-other-personnel',
  'travel',
  'contractual-services',
  'indirect-support-costs',
  'uncategorised',
]);

const counting = (entries: Array<[string, BudgetCategoryCounts]>) =>
  new Map(entries.map(([c, counts]) => [c, { counts }]));
const parameters = (m4BasisPoints = 700, f7BasisPoints = 3_000) =>
  FundParameters.of([
    ['mptf.indirect-support-cost.cap-basis-points', m4BasisPoints],
    ['f1035.staff-office.cap-basis-points', f7BasisPoints],
  ]);
/** The MPTF list as seeded: everything direct but indirect support costs. */
const MPTF_LIMITS: BudgetLimits = {
  form: 'concept-note',
  list: counting([
    ['staff-and-other-personnel', 'direct'],
    ['travel', 'direct'],
    ['contractual-services', 'direct'],
    ['indirect-support-costs', 'indirect-support'],
    ['uncategorised', 'direct'],
  ]),
  parameters: parameters(),
};
const F1035_LIMITS: BudgetLimits = {
  form: 'project-proposal',
  list: counting([
    ['staff', 'staff-and-office'],
    ['office', 'staff-and-office'],
    ['operational', 'other'],
  ]),
  parameters: parameters(),
};

describe('the budget at approval', () => {
  it('scales each organisation’s submitted lines to its approved share, the cents left over to its largest line', () => {
    const submitted = [
      { organisation: 'ILO', category: 'staff-and-other-personnel', amountMinor: 100_000_00n },
      { organisation: 'ILO', category: 'travel', amountMinor: 50_000_01n },
      { organisation: 'IOM', category: 'contractual-services', amountMinor: 30_000_00n },
    ];
    const lines = budgetAtApproval(submitted, [
      { organisation: 'ILO', amountMinor: 100_000_00n },
      { organisation: 'IOM', amountMinor: 30_000_00n },
    ]);
    expect(lines).toEqual([
      { organisation: 'ILO', category: 'staff-and-other-personnel', amountMinor: 66_666_67n },
      { organisation: 'ILO', category: 'travel', amountMinor: 33_333_33n },
      { organisation: 'IOM', category: 'contractual-services', amountMinor: 30_000_00n },
    ]);
    expect(totalOf(lines)).toBe(130_000_00n);
  });

  it('gives a budget submitted before categories one uncategorised line per organisation, its share', () => {
    expect(budgetAtApproval(null, [{ organisation: 'IOM', amountMinor: 80_000_00n }])).toEqual([
      { organisation: 'IOM', category: 'uncategorised', amountMinor: 80_000_00n },
    ]);
  });

  it('gives a Fund 1035 budget (lines without an organisation) to the only organisation, IOM', () => {
    const lines = budgetAtApproval(
      [
        { organisation: null, category: 'staff', amountMinor: 30_000_00n },
        { organisation: null, category: 'operational', amountMinor: 70_000_00n },
      ],
      [{ organisation: 'IOM', amountMinor: 99_999_99n }],
    );
    expect(lines).toEqual([
      { organisation: 'IOM', category: 'staff', amountMinor: 29_999_99n },
      { organisation: 'IOM', category: 'operational', amountMinor: 70_000_00n },
    ]);
  });
});

describe('revisions', () => {
  it('RV1 records at once a move of at most 20% of each line that keeps the total and the shares', () => {
    const next = [
      line('ILO', 'staff-and-other-personnel', '52000.00'),
      line('ILO', 'travel', '48000.00'),
      line('IOM', 'contractual-services', '50000.00'),
    ];
    expect(needsApprovalBecause(BUDGET, next, 2_000)).toEqual([]);
  });

  it('RV1 needs approval for a line moved by more than 20%, by one cent', () => {
    const next = [
      line('ILO', 'staff-and-other-personnel', '51999.99'),
      line('ILO', 'travel', '48000.01'),
      line('IOM', 'contractual-services', '50000.00'),
    ];
    expect(needsApprovalBecause(BUDGET, next, 2_000)).toEqual([
      'RV1: ILO travel moves from 40000.00 to 48000.01, more than 20% of it',
    ]);
  });

  it('RV1 needs approval for a new category, a change of share and a change of total', () => {
    const newCategory = [
      ...BUDGET.slice(0, 2),
      line('IOM', 'contractual-services', '49000.00'),
      line('IOM', 'travel', '1000.00'),
    ];
    expect(needsApprovalBecause(BUDGET, newCategory, 2_000)).toEqual([
      'RV1: IOM travel moves from 0.00 to 1000.00, more than 20% of it',
    ]);
    const shareMoved = [BUDGET[0], line('ILO', 'travel', '41000.00'), line('IOM', 'contractual-services', '49000.00')];
    expect(needsApprovalBecause(BUDGET, shareMoved, 2_000)).toEqual([
      "RV1: ILO's share changes from 100000.00 to 101000.00",
      "RV1: IOM's share changes from 50000.00 to 49000.00",
    ]);
    const increased = [...BUDGET.slice(0, 2), line('IOM', 'contractual-services', '51000.00')];
    expect(needsApprovalBecause(BUDGET, increased, 2_000)[0]).toBe(
      'RV1: the total changes from 150000.00 to 151000.00',
    );
  });

  it('RV2 refuses lines that do not add up to the total, a category or organisation that does not exist', () => {
    const a = allocation();
    const lines = asRequested(BUDGET);
    expect(violationOf(() => a.checkBudget(usd('150000.01'), lines, CATEGORIES, MPTF_LIMITS))).toMatchObject({
      code: 'REVISION.BUDGET',
      rules: ['RV2'],
      fields: ['budget.lines'],
    });
    const unknown = [...lines.slice(0, 2), { organisation: 'UNHCR', category: 'catering', amount: usd('50000.00') }];
    expect(violationOf(() => a.checkBudget(usd('150000.00'), unknown, CATEGORIES, MPTF_LIMITS))).toMatchObject({
      code: 'REVISION.BUDGET_UNKNOWN',
      kind: 'malformed',
      rules: ['RV2', 'RV2'],
      fields: ['budget.lines.2.organisation', 'budget.lines.2.category'],
    });
    const twice = [...lines, { ...lines[0], amount: usd('0.00') }];
    expect(violationOf(() => a.checkBudget(usd('150000.00'), twice, CATEGORIES, MPTF_LIMITS))).toMatchObject({
      fields: ['budget.lines.3'],
    });
  });

  it('M10 refuses a share below what was already transferred to the organisation', () => {
    const a = allocation();
    a.transfer('t1', 'IOM', usd('45000.00'));
    const lines = asRequested([
      line('ILO', 'staff-and-other-personnel', '60000.00'),
      line('ILO', 'travel', '45000.01'),
      line('IOM', 'contractual-services', '44999.99'),
    ]);
    expect(violationOf(() => a.checkBudget(usd('150000.00'), lines, CATEGORIES, MPTF_LIMITS))).toMatchObject({
      code: 'REVISION.BUDGET',
      rules: ['M10'],
    });
  });

  it('M4 refuses a revised budget whose organisation’s indirect support costs pass 7% of its direct costs, by one cent', () => {
    const a = allocation();
    const budget = (iloIndirect: string, iomIndirect: string) =>
      asRequested([
        ...BUDGET.slice(0, 2),
        line('ILO', 'indirect-support-costs', iloIndirect),
        BUDGET[2],
        line('IOM', 'indirect-support-costs', iomIndirect),
      ]);
    const atCap = budget('7000.00', '3500.00');
    expect(a.checkBudget(usd('160500.00'), atCap, CATEGORIES, MPTF_LIMITS)).toHaveLength(5);

    const iomAbove = budget('7000.00', '3500.01');
    const error = (() => {
      try {
        a.checkBudget(usd('160500.01'), iomAbove, CATEGORIES, MPTF_LIMITS);
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('expected M4 to refuse');
    })();
    expect(error).toMatchObject({ code: 'REVISION.BUDGET', kind: 'invalid' });
    expect(error.violations).toEqual([
      {
        field: 'budget.lines.4',
        rule: 'M4',
        message: 'IOM: indirect-support-costs 3500.01 above 7% of direct costs 50000.00 (limit 3500.00)',
        limit: '3500.00',
      },
    ]);
  });

  it('M4 holds a revised budget to the cap in force when it is checked: lowered, the same budget is refused', () => {
    const a = allocation();
    const lines = asRequested([...BUDGET, line('ILO', 'indirect-support-costs', '7000.00')]);
    const lowered = { ...MPTF_LIMITS, parameters: parameters(600) };
    expect(violationOf(() => a.checkBudget(usd('157000.00'), lines, CATEGORIES, lowered))).toMatchObject({
      code: 'REVISION.BUDGET',
      rules: ['M4'],
      fields: ['budget.lines.3'],
    });
  });

  it('F7 refuses a revised Fund 1035 budget whose staff and office costs pass 30% of the total, by one cent', () => {
    const a = allocation({
      fundCode: 'FUND_1035',
      pocketCode: 'LINE_1',
      creditLine: 1,
      amountMinor: 200_000_00n,
      shares: [{ organisation: 'IOM', approvedMinor: 200_000_00n, transferredMinor: 0n, spentByYear: {} }],
      budget: [line('IOM', 'operational', '150000.00'), line('IOM', 'staff', '50000.00')],
    });
    const categories = new Set(['operational', 'staff', 'office']);
    const atCap = asRequested([
      line('IOM', 'operational', '140000.00'),
      line('IOM', 'staff', '40000.00'),
      line('IOM', 'office', '20000.00'),
    ]);
    expect(a.checkBudget(usd('200000.00'), atCap, categories, F1035_LIMITS)).toHaveLength(3);
    const above = asRequested([
      line('IOM', 'operational', '139999.99'),
      line('IOM', 'staff', '40000.00'),
      line('IOM', 'office', '20000.01'),
    ]);
    expect(violationOf(() => a.checkBudget(usd('200000.00'), above, categories, F1035_LIMITS))).toMatchObject({
      code: 'REVISION.BUDGET',
      rules: ['F7'],
      fields: ['budget.lines.1'],
    });
  });

  it('G5 commits an increase and releases a decrease; F4 refuses an increase the fund’s rules refuse', () => {
    const a = allocation();
    const more = [...BUDGET.slice(0, 2), line('IOM', 'contractual-services', '60000.00')];
    const [commitment] = a.applyBudget(more, 'r1', () => []);
    expect(commitment.input.type).toBe('allocation.commitment');
    expect(commitment.lines.map((l) => l.amountMinor)).toEqual([10_000_00n, 10_000_00n]);
    expect(a.state.amountMinor).toBe(160_000_00n);
    expect(a.state.shares.map((s) => s.approvedMinor)).toEqual([100_000_00n, 60_000_00n]);
    const [release] = a.applyBudget(BUDGET, 'r2', () => []);
    expect(release.input.type).toBe('allocation.release');
    expect(a.state.amountMinor).toBe(150_000_00n);
    const refused = () =>
      a.applyBudget(more, 'r3', (amount) => [
        { field: 'amount', rule: 'F4.1', message: `${amount.toDecimalString()} is above the ceiling` },
      ]);
    expect(violationOf(refused)).toMatchObject({ code: 'REVISION.NOT_APPROVABLE', rules: ['F4.1'] });
    expect(a.state.amountMinor).toBe(150_000_00n);
  });

  it('RV3 a revision carries the change of its kind and nothing else', () => {
    expect(violationOf(() => Revision.checkCarries('no-cost-extension', {}))).toMatchObject({
      code: 'REVISION.CHANGE',
      rules: ['RV3'],
      fields: ['newEndDate'],
    });
    expect(
      violationOf(() => Revision.checkCarries('scope-change', { scope: 'more', newEndDate: '2029-01-01' })),
    ).toMatchObject({ fields: ['newEndDate'] });
  });

  it('RV5 decides a pending revision once; a revision recorded at once is not decided', () => {
    const actor = { userId: 'u1', role: 'fund-admin' as const };
    const request = (needsApprovalBecause: string[]) =>
      Revision.request({
        id: 'r1',
        allocation: allocation().state,
        kind: 'budget-revision',
        justification: 'why',
        change: { budget: BUDGET },
        needsApprovalBecause,
        actor,
        now: new Date(),
      });
    const pending = request(['RV1: the total changes']);
    pending.decide('refuse', 'no', { userId: 'sc', role: 'steering-committee' }, new Date());
    expect(pending.state.status).toBe('refused');
    expect(violationOf(() => pending.decide('approve', 'yes', actor, new Date()))).toMatchObject({
      code: 'REVISION.NOT_PENDING',
      kind: 'conflict',
      rules: ['RV5'],
    });
    expect(violationOf(() => request([]).decide('approve', 'yes', actor, new Date()))).toMatchObject({
      code: 'REVISION.NOT_PENDING',
    });
  });

  it('RV5 refuses to approve a budget revision requested on a budget that changed since', () => {
    const a = allocation();
    const revision = Revision.request({
      id: 'r1',
      allocation: a.state,
      kind: 'budget-revision',
      justification: 'why',
      change: { budget: BUDGET },
      needsApprovalBecause: ['RV1'],
      actor: { userId: 'u1', role: 'fund-admin' },
      now: new Date(),
    });
    a.applyBudget(
      [line('ILO', 'staff-and-other-personnel', '55000.00'), line('ILO', 'travel', '45000.00'), BUDGET[2]],
      'r0',
      () => [],
    );
    expect(violationOf(() => revision.checkBase(a.state))).toMatchObject({ code: 'REVISION.STALE', rules: ['RV5'] });
  });
});

describe('F12 a no-cost extension moves the reports owed', () => {
  it('F12 RV4 moves the final reports and the ex-post evaluation, adds the interim report a project of 12 months owes, keeps fulfilled ones', () => {
    const start = '2026-12-01';
    const recorded = FUND_1035.obligations(start, '2027-10-31').map((o, i) => ({
      id: `o${i}`,
      ...o,
      submittedOn: o.kind === 'monitoring-framework' ? '2026-12-20' : null,
    }));
    const moves = obligationMoves(recorded, FUND_1035.obligations(start, '2028-05-31'));
    expect(moves).toEqual({
      moved: [
        { obligationId: 'o1', kind: 'final-narrative-report', previousDueOn: '2028-01-31', dueOn: '2028-08-31' },
        { obligationId: 'o2', kind: 'final-financial-report', previousDueOn: '2028-01-31', dueOn: '2028-08-31' },
        { obligationId: 'o3', kind: 'ex-post-evaluation', previousDueOn: '2028-10-31', dueOn: '2029-05-31' },
      ],
      added: [{ kind: 'interim-narrative-report', dueOn: '2027-12-01' }],
    });
  });

  it('M11 F12 an MPTF extension into a new year adds that year’s expenditure report, and the interim report', () => {
    const start = '2026-12-01';
    const recorded = MIGRATION_MPTF.obligations(start, '2027-11-30').map((o, i) => ({
      id: `o${i}`,
      ...o,
      submittedOn: null,
    }));
    const { added } = obligationMoves(recorded, MIGRATION_MPTF.obligations(start, '2028-03-31'));
    expect(added).toEqual([
      { kind: 'interim-narrative-report', dueOn: '2027-12-01' },
      { kind: 'annual-expenditure-2028', dueOn: '2029-04-30' },
    ]);
  });
});
