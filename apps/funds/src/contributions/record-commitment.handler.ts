import { randomUUID } from 'node:crypto';
import { CONTRIBUTION_COMMITTED_V1, ContributionCommittedV1 } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { appendToOutbox, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { openFundAndPocket } from '../funds/fund-guard';
import { CommitmentRecord, DonorRecord, unknownReference } from './contribution.entities';
import { CommitmentView } from './contribution.views';
import { RecordCommitment } from './record-commitment.command';

/**
 * M9: a donor's signed commitment (pledge) with its payment schedule. A pledge moves no money, so it posts nothing
 * to the ledger; the schedule must add up to the pledge, in the pledge's currency.
 */
@CommandHandler(RecordCommitment)
export class RecordCommitmentHandler implements ICommandHandler<RecordCommitment> {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async execute({
    actor,
    correlationId,
    idempotencyKey,
    commitment,
  }: RecordCommitment): Promise<IdempotentResult<CommitmentView>> {
    const scope = `${actor.userId} POST /contributions/commitments`;
    const result = await runIdempotent(
      this.dataSource,
      { scope, key: idempotencyKey, body: commitment },
      async (manager) => {
        await openFundAndPocket(manager, commitment.fundCode, commitment.pocketCode);
        const donor = await manager.findOne(DonorRecord, { where: { id: commitment.donorId } });
        if (!donor) throw unknownReference('donorId', `no donor ${commitment.donorId}`);
        const amount = commitment.amount.toMoney();
        let scheduled = Money.zero(amount.currency);
        for (const [i, payment] of commitment.schedule.entries()) {
          const due = payment.amount.toMoney();
          if (due.currency !== amount.currency) {
            throw DomainError.invalid('COMMITMENT.SCHEDULE', [
              { field: `schedule.${i}.amount.currency`, rule: 'M9', message: `payments are in ${amount.currency}` },
            ]);
          }
          scheduled = scheduled.plus(due);
        }
        if (commitment.schedule.length > 0 && !scheduled.equals(amount)) {
          throw DomainError.invalid('COMMITMENT.SCHEDULE', [
            {
              field: 'schedule',
              rule: 'M9',
              message: `the schedule adds up to ${scheduled.toDecimalString()}, the commitment is ${amount.toDecimalString()}`,
              limit: amount.toDecimalString(),
            },
          ]);
        }
        const id = randomUUID();
        const schedule = commitment.schedule.map((p) => ({ dueDate: p.dueDate, amount: p.amount.toMoney().toJSON() }));
        await manager.insert(CommitmentRecord, {
          id,
          donorId: donor.id,
          fundCode: commitment.fundCode,
          pocketCode: commitment.pocketCode,
          amountMinor: amount.amountMinor.toString(),
          currency: amount.currency,
          schedule,
          signedOn: commitment.signedOn,
        });
        const view: CommitmentView = {
          id,
          donorId: donor.id,
          fundCode: commitment.fundCode,
          pocketCode: commitment.pocketCode,
          amount: amount.toJSON(),
          schedule,
          signedOn: commitment.signedOn,
        };
        await appendToOutbox(manager, [
          envelopeFor<ContributionCommittedV1>({
            type: CONTRIBUTION_COMMITTED_V1,
            aggregateId: commitment.fundCode,
            actor,
            correlationId,
            occurredAt: new Date(),
            payload: { ...view, commitmentId: id, donorName: donor.name, donorType: donor.type },
          }),
        ]);
        return { status: 201, body: view };
      },
    );
    this.relay?.nudge();
    return result;
  }
}
