import { Actor } from '@fundline/contracts';
import { Clock, dayOf } from '@fundline/domain';
import { ConsumerProgress, OutboxRelay } from '@fundline/messaging';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ScreeningService } from '../screening/screening.service';
import { AnySubmission } from './submission.mapping';
import { SubmissionRepository } from './submission.repository';

export type Change = { kind: 'withdraw'; reason: string } | { kind: 'revise' } | { kind: 're-screen' };

export class ChangeSubmission extends Command<AnySubmission> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly submissionId: string,
    readonly change: Change,
  ) {
    super();
  }
}

/**
 * G4 moves after submission: the owning government withdraws (before approval) or revises an ineligible submission
 * as a new version; fund-admin re-screens against the reference data in force today (the old verdict is kept).
 */
@CommandHandler(ChangeSubmission)
export class ChangeSubmissionHandler implements ICommandHandler<ChangeSubmission> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly submissions: SubmissionRepository,
    private readonly screening: ScreeningService,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
    @Optional() private readonly decisions?: ConsumerProgress,
  ) {}

  async execute({ actor, correlationId, submissionId, change }: ChangeSubmission): Promise<AnySubmission> {
    // G4: a withdrawal must see an approval funds published before it was asked, or it would undo committed money.
    if (change.kind === 'withdraw') await this.decisions?.awaitCaughtUp();
    const submission = await this.dataSource.transaction(async (manager) => {
      const submission = await this.submissions.loadForUpdate(manager, submissionId, actor);
      const now = this.clock.now();
      if (change.kind === 'withdraw') submission.withdraw(now, change.reason);
      else if (change.kind === 'revise') submission.revise(now);
      else {
        const { verdict, validityMonths } = await this.screening.screen(manager, submission, dayOf(now));
        submission.applyVerdict(verdict, now, 're-screen', validityMonths);
      }
      await this.submissions.save(manager, submission, { actor, correlationId });
      return submission;
    });
    this.relay?.nudge();
    return submission;
  }
}
