import { randomUUID } from 'node:crypto';
import { OutboxRelay } from '@fundline/messaging';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { openFundAndPocket } from '../../funds/fund-guard';
import { commitmentView, CommitmentView } from '../contribution.views';
import { ContributionsRepository } from '../contributions.repository';
import { Commitment } from './commitment.aggregate';
import { RecordCommitment } from './record-commitment.command';

/** M9: a donor's signed commitment with its payment schedule, once per Idempotency-Key; it posts nothing. */
@CommandHandler(RecordCommitment)
export class RecordCommitmentHandler implements ICommandHandler<RecordCommitment> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contributions: ContributionsRepository,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async execute({ actor, correlationId, idempotencyKey, commitment: request }: RecordCommitment) {
    const scope = `${actor.userId} POST /contributions/commitments`;
    const result: IdempotentResult<CommitmentView> = await runIdempotent(
      this.dataSource,
      { scope, key: idempotencyKey, body: request },
      async (manager) => {
        await openFundAndPocket(manager, request.fundCode, request.pocketCode);
        const commitment = Commitment.sign({
          id: randomUUID(),
          donor: await this.contributions.donor(manager, request.donorId),
          fundCode: request.fundCode,
          pocketCode: request.pocketCode,
          amount: request.amount.toMoney(),
          schedule: request.schedule.map((p) => ({ dueDate: p.dueDate, amount: p.amount.toMoney() })),
          signedOn: request.signedOn,
        });
        const view = commitmentView(commitment);
        await this.contributions.saveCommitment(manager, commitment, view, { actor, correlationId });
        return { status: 201, body: view };
      },
    );
    this.relay?.nudge();
    return result;
  }
}
