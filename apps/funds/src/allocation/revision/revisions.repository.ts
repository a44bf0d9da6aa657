import { RevisionKind } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BudgetLine, totalOf } from './allocation-budget';
import { RevisionRecord } from './revision.entities';
import { Revision, RevisionStatus } from './revision';

/** Revisions of allocations, newest last. */
@Injectable()
export class RevisionRepository {
  /** The revision, its row locked until the transaction ends (its allocation's row is locked already). */
  async lock(manager: EntityManager, allocationId: string, id: string): Promise<Revision> {
    const record = await manager.findOne(RevisionRecord, {
      where: { id, allocationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!record) throw new DomainError('REVISION.NOT_FOUND', `no revision ${id}`, 'not-found', [], { id });
    return restore(record);
  }

  async list(manager: EntityManager, allocationId: string): Promise<Revision[]> {
    const records = await manager.find(RevisionRecord, {
      where: { allocationId },
      order: { requestedAt: 'ASC', id: 'ASC' },
    });
    return records.map(restore);
  }

  async add(manager: EntityManager, revision: Revision): Promise<void> {
    await manager.insert(RevisionRecord, stored(revision));
  }

  async save(manager: EntityManager, revision: Revision): Promise<void> {
    const { status, decidedBy, decidedAt, decisionReason } = stored(revision);
    await manager.update(RevisionRecord, { id: revision.state.id }, { status, decidedBy, decidedAt, decisionReason });
  }
}

const toLines = (lines: RevisionRecord['budget']): BudgetLine[] | null =>
  lines?.map((l) => ({ organisation: l.organisation, category: l.category, amountMinor: BigInt(l.amountMinor) })) ??
  null;

const fromLines = (lines: BudgetLine[] | null) =>
  lines?.map((l) => ({ ...l, amountMinor: l.amountMinor.toString() })) ?? null;

function restore(r: RevisionRecord): Revision {
  return new Revision({
    id: r.id,
    allocationId: r.allocationId,
    kind: r.kind as RevisionKind,
    status: r.status as RevisionStatus,
    justification: r.justification,
    budget: toLines(r.budget),
    baseBudget: toLines(r.baseBudget),
    baseEndDate: r.baseEndDate,
    newEndDate: r.newEndDate,
    scope: r.scope,
    needsApprovalBecause: r.needsApprovalBecause,
    requestedBy: { userId: r.requestedBy, role: r.requestedRole as Revision['state']['requestedBy']['role'] },
    requestedAt: r.requestedAt,
    decision: r.decidedBy && r.decidedAt ? { by: r.decidedBy, at: r.decidedAt, reason: r.decisionReason ?? '' } : null,
  });
}

function stored(revision: Revision): RevisionRecord {
  const s = revision.state;
  return {
    id: s.id,
    allocationId: s.allocationId,
    kind: s.kind,
    status: s.status,
    justification: s.justification,
    amountMinor: s.budget ? totalOf(s.budget).toString() : null,
    budget: fromLines(s.budget),
    baseBudget: fromLines(s.baseBudget),
    baseEndDate: s.baseEndDate,
    newEndDate: s.newEndDate,
    scope: s.scope,
    needsApprovalBecause: s.needsApprovalBecause,
    requestedBy: s.requestedBy.userId,
    requestedRole: s.requestedBy.role,
    requestedAt: s.requestedAt,
    decidedBy: s.decision?.by ?? null,
    decidedAt: s.decision?.at ?? null,
    decisionReason: s.decision?.reason ?? null,
  };
}
