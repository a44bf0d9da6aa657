import { Actor, RevisionKind } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { AllocationState } from '../allocation.aggregate';
import { BudgetLine } from './allocation-budget';

/**
 * A revision of an allocation (issue 14): a budget revision, a no-cost extension or a change of scope, requested with a
 * justification.
 *
 * Invariants (docs/domain-decisions.md, "Revisions (issue 14)"):
 * - RV3 ARevisionCarriesTheChangeOfItsKindAndNothingElse.
 * - RV1 ABudgetMoveWithinTheThresholdIsRecordedAtOnce; every other revision is pending until decided.
 * - RV5 APendingRevisionIsDecidedOnce, on the budget and end date it was requested on.
 */
export type RevisionStatus = 'recorded' | 'pending' | 'approved' | 'refused';

export interface RevisionState {
  id: string;
  allocationId: string;
  kind: RevisionKind;
  status: RevisionStatus;
  justification: string;
  /** Budget revisions: the new budget, and the one it was requested on. */
  budget: BudgetLine[] | null;
  baseBudget: BudgetLine[] | null;
  baseEndDate: string;
  newEndDate: string | null;
  scope: string | null;
  needsApprovalBecause: string[];
  requestedBy: Actor;
  requestedAt: Date;
  decision: { by: string; at: Date; reason: string } | null;
}

export interface RequestedChange {
  budget?: BudgetLine[];
  newEndDate?: string;
  scope?: string;
}

/** RV3: what each kind carries. */
const CARRIES: Record<RevisionKind, keyof RequestedChange> = {
  'budget-revision': 'budget',
  'no-cost-extension': 'newEndDate',
  'scope-change': 'scope',
};

export class Revision {
  constructor(readonly state: RevisionState) {}

  /** RV3 and RV1: a request, pending unless `needsApprovalBecause` is empty (then recorded at once). */
  static request(input: {
    id: string;
    allocation: AllocationState;
    kind: RevisionKind;
    justification: string;
    change: RequestedChange;
    needsApprovalBecause: string[];
    actor: Actor;
    now: Date;
  }): Revision {
    Revision.checkCarries(input.kind, input.change);
    return new Revision({
      id: input.id,
      allocationId: input.allocation.id,
      kind: input.kind,
      status: input.needsApprovalBecause.length === 0 ? 'recorded' : 'pending',
      justification: input.justification,
      budget: input.change.budget ?? null,
      baseBudget: input.kind === 'budget-revision' ? input.allocation.budget : null,
      baseEndDate: input.allocation.endDate,
      newEndDate: input.change.newEndDate ?? null,
      scope: input.change.scope ?? null,
      needsApprovalBecause: input.needsApprovalBecause,
      requestedBy: input.actor,
      requestedAt: input.now,
      decision: null,
    });
  }

  /** RV3: a request names the change of its kind, and only that one. */
  static checkCarries(kind: RevisionKind, change: { [K in keyof RequestedChange]?: unknown }): void {
    const needed = CARRIES[kind];
    const broken = (Object.keys(CARRIES) as RevisionKind[])
      .map((k) => CARRIES[k])
      .filter((field) => (field === needed) !== (change[field] !== undefined))
      .map((field) => ({
        field,
        rule: 'RV3',
        message: field === needed ? `a ${kind} states its ${field}` : `a ${kind} does not change the ${field}`,
      }));
    if (broken.length > 0) throw DomainError.invalid('REVISION.CHANGE', broken, 'invalid', { kind });
  }

  /** RV5: only a pending revision is decided, once. */
  decide(decision: 'approve' | 'refuse', reason: string, actor: Actor, now: Date): void {
    if (this.state.status !== 'pending') {
      throw new DomainError(
        'REVISION.NOT_PENDING',
        `revision ${this.state.id} is ${this.state.status}; only a pending revision is decided`,
        'conflict',
        [{ field: 'decision', rule: 'RV5', message: `the revision is ${this.state.status}` }],
        { id: this.state.id, status: this.state.status },
      );
    }
    this.state.status = decision === 'approve' ? 'approved' : 'refused';
    this.state.decision = { by: actor.userId, at: now, reason };
  }

  /**
   * RV5: an approval applies the change to the allocation it was requested on. A budget or end date changed since
   * (another revision in force) makes it stale: it is refused to be approved, and may be refused or requested anew.
   */
  checkBase(allocation: AllocationState): void {
    const same =
      this.state.kind === 'budget-revision'
        ? linesKey(this.state.baseBudget ?? []) === linesKey(allocation.budget)
        : this.state.baseEndDate === allocation.endDate;
    if (!same) {
      throw new DomainError(
        'REVISION.STALE',
        `the allocation changed since revision ${this.state.id} was requested; request it again on the allocation as it is`,
        'conflict',
        [{ rule: 'RV5', message: 'the budget or end date it was requested on changed since' }],
        { id: this.state.id },
      );
    }
  }
}

function linesKey(lines: readonly BudgetLine[]): string {
  return lines
    .map((l) => `${l.organisation}\u0000${l.category}\u0000${l.amountMinor}`)
    .sort()
    .join('\n');
}
