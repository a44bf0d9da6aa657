import { Actor } from '@fundline/contracts';
import { Clock, dayOf } from '@fundline/domain';
import { OutboxRelay } from '@fundline/messaging';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { ScreeningService } from '../screening/screening.service';
import { AnySubmission } from './submission.mapping';
import { SubmissionRepository } from './submission.repository';

export class SubmitSubmission extends Command<AnySubmission> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly submissionId: string,
  ) {
    super();
  }
}

/**
 * G4: the owning government submits its draft; it is screened at once against the reference data in force on the
 * submission date, and an eligible submission enters the pipeline (M7). One transaction, events through the outbox.
 */
@CommandHandler(SubmitSubmission)
export class SubmitSubmissionHandler implements ICommandHandler<SubmitSubmission> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly submissions: SubmissionRepository,
    private readonly screening: ScreeningService,
    private readonly referenceData: ReferenceDataService,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async execute({ actor, correlationId, submissionId }: SubmitSubmission): Promise<AnySubmission> {
    const submission = await this.dataSource.transaction(async (manager) => {
      const submission = await this.submissions.loadForUpdate(manager, submissionId, actor);
      const now = this.clock.now();
      const date = dayOf(now);
      const reference = await this.referenceData.snapshot(manager, date);
      const country = reference.countries.get(submission.snapshot.submittingCountry);
      submission.submit(now, country?.region ?? null);
      const { verdict, validityMonths } = await this.screening.screen(manager, submission, date, reference);
      submission.applyVerdict(verdict, now, 'submission', validityMonths);
      await this.submissions.save(manager, submission, { actor, correlationId });
      return submission;
    });
    this.relay?.nudge();
    return submission;
  }
}
