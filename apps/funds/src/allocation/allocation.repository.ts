import { randomUUID } from 'node:crypto';
import { DomainError, Obligation } from '@fundline/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Allocation, AllocationStatus } from './allocation.aggregate';
import { AllocationRecord, ExpenditureRecord, ObligationRecord, TransferRecord } from './allocation.entities';

/** Allocations and the rows that record what happened to them (transfers, expenditure, obligations). */
@Injectable()
export class AllocationRepository {
  /** The allocation, its row locked until the transaction ends: concurrent changes to it queue. */
  async lock(manager: EntityManager, id: string): Promise<Allocation> {
    const record = await manager.findOne(AllocationRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!record) throw new DomainError('ALLOCATION.NOT_FOUND', `no allocation ${id}`, 'not-found', [], { id });
    return restore(record);
  }

  async find(manager: EntityManager, id: string): Promise<Allocation> {
    const record = await manager.findOne(AllocationRecord, { where: { id } });
    if (!record) throw new DomainError('ALLOCATION.NOT_FOUND', `no allocation ${id}`, 'not-found', [], { id });
    return restore(record);
  }

  /** A new allocation and the reports it owes; returns them with their ids. */
  async add(
    manager: EntityManager,
    allocation: Allocation,
    obligations: Obligation[],
    approval: { decisionId: string; approvedAt: Date },
  ): Promise<Array<Obligation & { obligationId: string }>> {
    await manager.insert(AllocationRecord, {
      ...stored(allocation),
      id: allocation.state.id,
      conceptId: allocation.state.conceptId,
      fundCode: allocation.state.fundCode,
      pocketCode: allocation.state.pocketCode,
      creditLine: allocation.state.creditLine,
      startDate: allocation.state.startDate,
      decisionId: approval.decisionId,
      approvedAt: approval.approvedAt,
      closedAt: null,
    });
    const owed = obligations.map((o) => ({ obligationId: randomUUID(), ...o }));
    await manager.insert(
      ObligationRecord,
      owed.map((o) => ({
        id: o.obligationId,
        allocationId: allocation.state.id,
        conceptId: allocation.state.conceptId,
        kind: o.kind,
        dueOn: o.dueOn,
        submittedOn: null,
        overdueNotified: false,
      })),
    );
    return owed;
  }

  async save(manager: EntityManager, allocation: Allocation, closedAt?: Date): Promise<void> {
    await manager.update(
      AllocationRecord,
      { id: allocation.state.id },
      { ...stored(allocation), ...(closedAt ? { closedAt } : {}) },
    );
  }

  async recordTransfer(manager: EntityManager, transfer: TransferRecord): Promise<void> {
    await manager.insert(TransferRecord, transfer);
  }

  async recordExpenditure(manager: EntityManager, expenditure: ExpenditureRecord): Promise<void> {
    await manager.insert(ExpenditureRecord, expenditure);
  }

  /** The line a parent project was funded on: it had an allocation and money was transferred (null: never funded). */
  async fundedLineOf(manager: EntityManager, parentConceptId: string): Promise<number | null> {
    const parent = await manager.findOne(AllocationRecord, {
      where: { conceptId: parentConceptId, status: In(['under-implementation', 'closed']) },
    });
    return parent?.creditLine ?? null;
  }
}

function restore(r: AllocationRecord): Allocation {
  return new Allocation({
    id: r.id,
    conceptId: r.conceptId,
    fundCode: r.fundCode,
    pocketCode: r.pocketCode,
    creditLine: r.creditLine as 1 | 2 | null,
    amountMinor: BigInt(r.amountMinor),
    status: r.status as AllocationStatus,
    startDate: r.startDate,
    endDate: r.endDate,
    shares: r.shares.map((s) => ({
      organisation: s.organisation,
      approvedMinor: BigInt(s.approvedMinor),
      transferredMinor: BigInt(s.transferredMinor),
      spentByYear: Object.fromEntries(Object.entries(s.spentByYear).map(([y, v]) => [y, BigInt(v)])),
    })),
    budget: r.budget.map((l) => ({
      organisation: l.organisation,
      category: l.category,
      amountMinor: BigInt(l.amountMinor),
    })),
  });
}

function stored(a: Allocation) {
  return {
    status: a.state.status,
    amountMinor: a.state.amountMinor.toString(),
    endDate: a.state.endDate,
    shares: a.state.shares.map((s) => ({
      organisation: s.organisation,
      approvedMinor: s.approvedMinor.toString(),
      transferredMinor: s.transferredMinor.toString(),
      spentByYear: Object.fromEntries(Object.entries(s.spentByYear).map(([y, v]) => [y, v.toString()])),
    })),
    budget: a.state.budget.map((l) => ({ ...l, amountMinor: l.amountMinor.toString() })),
  };
}
