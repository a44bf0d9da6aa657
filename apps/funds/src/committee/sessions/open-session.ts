import { randomUUID } from 'node:crypto';
import { Actor } from '@fundline/contracts';
import { Clock } from '@fundline/domain';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CommitteeSession } from '../committee-session.aggregate';
import { CommitteeSessions } from '../committee-sessions.repository';
import { CommitteeSessionRecord } from '../committee.entities';
import { OpenSessionDto } from '../committee.dto';

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
    private readonly sessions: CommitteeSessions,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, session }: OpenSession): Promise<CommitteeSessionRecord> {
    const manager = this.dataSource.manager;
    const opened = CommitteeSession.open(
      {
        id: randomUUID(),
        fundCode: session.fundCode,
        quorum: session.quorum,
        members: session.members.map((m) => ({ ...m, country: m.country ?? null })),
        agenda: session.agenda,
      },
      await this.sessions.agendaEntries(manager, session.agenda),
    );
    return this.sessions.add(manager, opened, { at: this.clock.now(), by: actor.userId });
  }
}
