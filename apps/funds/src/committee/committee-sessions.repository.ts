import { DomainError } from '@fundline/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { PipelineReplicaRecord } from '../pipeline-replica/pipeline-replica.entity';
import { CommitteeSession, Member, Position } from './committee-session.aggregate';
import { CommitteeSessionRecord, DecisionRecord } from './committee.entities';

/** Committee sessions, their decisions, and the pipeline entries they decide on (the funds service's replica). */
@Injectable()
export class CommitteeSessions {
  /** The session, its row locked until the transaction ends: decisions in one session queue. */
  async lock(
    manager: EntityManager,
    id: string,
  ): Promise<{ session: CommitteeSession; record: CommitteeSessionRecord }> {
    const record = await manager.findOne(CommitteeSessionRecord, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!record) throw new DomainError('SESSION.NOT_FOUND', `no session ${id}`, 'not-found', [], { id });
    return {
      record,
      session: new CommitteeSession({
        ...record,
        members: record.members.map((m) => ({ ...m, represents: m.represents as Member['represents'] })),
        positions: record.positions.map((p) => ({ ...p, position: p.position as Position })),
      }),
    };
  }

  async add(manager: EntityManager, session: CommitteeSession, opened: { at: Date; by: string }) {
    const record: CommitteeSessionRecord = { ...session.state, openedAt: opened.at, openedBy: opened.by };
    await manager.insert(CommitteeSessionRecord, record);
    return record;
  }

  async save(manager: EntityManager, session: CommitteeSession): Promise<void> {
    const { decided, positions } = session.state;
    await manager.update(CommitteeSessionRecord, { id: session.state.id }, { decided, positions });
  }

  async recordDecision(manager: EntityManager, decision: DecisionRecord): Promise<void> {
    await manager.insert(DecisionRecord, decision);
  }

  /** A session with its decisions in the order they were taken. */
  async withDecisions(manager: EntityManager, id: string) {
    const session = await manager.findOne(CommitteeSessionRecord, { where: { id } });
    if (!session) throw new DomainError('SESSION.NOT_FOUND', `no session ${id}`, 'not-found', [], { id });
    const decisions = await manager.find(DecisionRecord, { where: { sessionId: id }, order: { decidedAt: 'ASC' } });
    return { ...session, decisions };
  }

  agendaEntries(manager: EntityManager, conceptIds: string[]): Promise<PipelineReplicaRecord[]> {
    return manager.find(PipelineReplicaRecord, { where: { conceptId: In(conceptIds) } });
  }

  /** The pipeline entry a decision is about, locked: a withdrawal replicated meanwhile waits for the decision. */
  lockEntry(manager: EntityManager, conceptId: string): Promise<PipelineReplicaRecord | null> {
    return manager.findOne(PipelineReplicaRecord, { where: { conceptId }, lock: { mode: 'pessimistic_write' } });
  }

  async markEntry(manager: EntityManager, conceptId: string, status: string, at: Date): Promise<void> {
    await manager.update(PipelineReplicaRecord, { conceptId }, { status, updatedAt: at });
  }
}
