import { FUND_PARAMETERS_SEED } from '@fundline/contracts';
import { ApprovalCandidate, dayOf, Fund1035Lists, FundParameters, FundPolicies } from '@fundline/domain';
import { Money } from '@fundline/money';
import {
  Allocation,
  AllocationState,
  Approval,
  ApprovalRequest,
} from '../../apps/funds/src/allocation/allocation.aggregate';

export interface ApprovalSituation {
  now: Date;
  /** The credit line the committee approves on (credit-line funds). */
  creditLine?: 1 | 2 | null;
  lists?: Fund1035Lists;
  parameters?: Readonly<Record<string, unknown>>;
  parentFundedOnLine?: number | null;
}

/** A pipeline entry for unit tests of approvals, a Fund 1035 national proposal unless told otherwise. */
export function approvalCandidate(overrides: Partial<ApprovalCandidate> = {}): ApprovalCandidate {
  return {
    conceptId: 'p1',
    fund: 'FUND_1035',
    status: 'in-pipeline',
    expiresAt: new Date('2028-11-22T10:00:00Z'),
    countries: ['PHL'],
    scope: 'national',
    thematicArea: null,
    creditLine: null,
    requested: Money.parse('400000.00', 'USD'),
    parentId: null,
    ...overrides,
  };
}

/** The allocation aggregate's approval of `amount`, with the fund's policy and the seeded fund parameters. */
export function approveAllocation(
  candidate: ApprovalCandidate,
  amount: Money,
  situation: ApprovalSituation,
  terms: Partial<ApprovalRequest['terms']> = {},
): Approval {
  return Allocation.approve({
    allocationId: '00000000-0000-4000-8000-000000000001',
    decisionId: '00000000-0000-4000-8000-000000000002',
    candidate,
    terms: { amount, creditLine: situation.creditLine ?? undefined, ...terms },
    policy: FundPolicies.of(candidate.fund),
    context: {
      now: situation.now,
      parameters: FundParameters.of(Object.entries(situation.parameters ?? FUND_PARAMETERS_SEED)),
      lists: situation.lists,
      parentFundedOnLine: situation.parentFundedOnLine ?? null,
    },
    today: dayOf(situation.now),
  });
}

/**
 * An MPTF allocation of USD 150,000.00 just approved out of Thematic window 4 (ILO 100,000.00, IOM 50,000.00, each
 * one uncategorised budget line), with `overrides`.
 */
export function anApprovedAllocation(overrides: Partial<AllocationState> = {}): Allocation {
  return new Allocation({
    id: 'a1',
    conceptId: 'c1',
    fundCode: 'MIGRATION_MPTF',
    pocketCode: 'THEMATIC_4',
    creditLine: null,
    amountMinor: 150_000_00n,
    status: 'approved',
    startDate: '2026-12-01',
    endDate: '2028-11-30',
    shares: [
      { organisation: 'ILO', approvedMinor: 100_000_00n, transferredMinor: 0n, spentByYear: {} },
      { organisation: 'IOM', approvedMinor: 50_000_00n, transferredMinor: 0n, spentByYear: {} },
    ],
    budget: [
      { organisation: 'ILO', category: 'uncategorised', amountMinor: 100_000_00n },
      { organisation: 'IOM', category: 'uncategorised', amountMinor: 50_000_00n },
    ],
    ...overrides,
  });
}
