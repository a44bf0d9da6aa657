import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CommitteeSessions } from '../committee-sessions.repository';
import { CommitteeSessionRecord } from '../committee.entities';
import { PositionDto } from '../committee.dto';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: CommitteeSessions,
  ) {}

  execute({ sessionId, position }: RecordPosition): Promise<CommitteeSessionRecord> {
    return this.dataSource.transaction(async (manager) => {
      const { session, record } = await this.sessions.lock(manager, sessionId);
      session.recordPosition(position.conceptId, position.memberId, position.position, position.reason ?? null);
      await this.sessions.save(manager, session);
      return { ...record, positions: session.state.positions };
    });
  }
}
