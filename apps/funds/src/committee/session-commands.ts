import { randomUUID } from 'node:crypto';
import { Actor } from '@fundline/contracts';
import { Clock, DomainError } from '@fundline/domain';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource, In } from 'typeorm';
import { CommitteeSessionRecord } from '../allocation/allocation.entities';
import { PipelineReplicaRecord } from '../pipeline-replica/pipeline-replica.entity';
import { CommitteeSession, Member, Position } from './committee-session.aggregate';
import { OpenSessionDto, PositionDto } from './committee.dto';

/** The session aggregate of a stored session. */
export function sessionFrom(record: CommitteeSessionRecord): CommitteeSession {
  return new CommitteeSession({
    ...record,
    members: record.members.map((m) => ({ ...m, represents: m.represents as Member['represents'] })),
    positions: record.positions.map((p) => ({ ...p, position: p.position as Position })),
  });
}

export class OpenSession extends Command<CommitteeSessionRecord> {
  constructor(
    readonly actor: Actor,
    readonly session: OpenSessionDto,
  ) {
    super();
  }
}

/** M8 / F11: fund-admin opens a session of the fund's deciding body, with its members and agenda of pipeline entries. */
@CommandHandler(OpenSession)
export class OpenSessionHandler implements ICommandHandler<OpenSession> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, session }: OpenSession): Promise<CommitteeSessionRecord> {
    const entries = await this.dataSource.manager.find(PipelineReplicaRecord, {
      where: { conceptId: In(session.agenda) },
    });
    const missing = session.agenda.filter(
      (id) =>
        !entries.some(
          (e) => e.conceptId === id && e.fund === session.fundCode && ['in-pipeline', 'deferred'].includes(e.status),
        ),
    );
    if (missing.length) {
      throw DomainError.invalid('SESSION.AGENDA', [
        { field: 'agenda', rule: 'M7', message: `not in the ${session.fundCode} pipeline: ${missing.join(', ')}` },
      ]);
    }
    if (new Set(session.members.map((m) => m.memberId)).size !== session.members.length) {
      throw DomainError.invalid('SESSION.MEMBERS', [{ field: 'members', rule: 'M8', message: 'each member once' }]);
    }
    if (session.quorum > session.members.length) {
      throw DomainError.invalid('SESSION.QUORUM', [
        { field: 'quorum', rule: 'M8', message: 'the quorum cannot exceed the members', limit: session.members.length },
      ]);
    }
    const record: CommitteeSessionRecord = {
      id: randomUUID(),
      fundCode: session.fundCode,
      quorum: session.quorum,
      status: 'open',
      members: session.members.map((m) => ({
        memberId: m.memberId,
        name: m.name,
        represents: m.represents,
        country: m.country ?? null,
      })),
      agenda: session.agenda,
      decided: [],
      positions: [],
      openedAt: this.clock.now(),
      openedBy: actor.userId,
    };
    await this.dataSource.manager.insert(CommitteeSessionRecord, record);
    return record;
  }
}

export class RecordPosition extends Command<CommitteeSessionRecord> {
  constructor(
    readonly sessionId: string,
    readonly position: PositionDto,
  ) {
    super();
  }
}

/** M8: a member's position on an agenda entry, recorded with its reason; a later position replaces the earlier. */
@CommandHandler(RecordPosition)
export class RecordPositionHandler implements ICommandHandler<RecordPosition> {
  constructor(private readonly dataSource: DataSource) {}

  execute({ sessionId, position }: RecordPosition): Promise<CommitteeSessionRecord> {
    return this.dataSource.transaction(async (manager) => {
      const record = await manager.findOne(CommitteeSessionRecord, {
        where: { id: sessionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!record) throw new DomainError('SESSION.NOT_FOUND', `no session ${sessionId}`, 'not-found');
      const session = sessionFrom(record);
      session.recordPosition(position.conceptId, position.memberId, position.position, position.reason ?? null);
      await manager.update(CommitteeSessionRecord, { id: sessionId }, { positions: session.state.positions });
      return { ...record, positions: session.state.positions };
    });
  }
}
