import { randomUUID } from 'node:crypto';
import {
  Actor,
  CONTRIBUTION_COMMITTED_V1,
  CONTRIBUTION_DEPOSITED_V1,
  ContributionCommittedV1,
  ContributionDepositedV1,
} from '@fundline/contracts';
import { Clock } from '@fundline/domain';
import { appendToOutbox, envelopeFor } from '@fundline/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Commitment } from './commitment/commitment.aggregate';
import { unknownReference } from './contribution-errors';
import { CommitmentRecord, DepositRecord, DonorRecord } from './contribution.entities';
import { CommitmentView, DepositView } from './contribution.views';
import { Deposit, SettledCommitment } from './deposit/deposit.aggregate';

export interface ChangeContext {
  actor: Actor;
  correlationId: string;
}

/** Donors, commitments and deposits: their rows, and the events that tell other services, in the caller's transaction. */
@Injectable()
export class ContributionsRepository {
  constructor(private readonly clock: Clock) {}

  async registerDonor(
    manager: EntityManager,
    donor: Pick<DonorRecord, 'name' | 'type' | 'country'>,
  ): Promise<DonorRecord> {
    const record: DonorRecord = { id: randomUUID(), ...donor };
    await manager.insert(DonorRecord, record);
    return record;
  }

  donors(manager: EntityManager): Promise<DonorRecord[]> {
    return manager.find(DonorRecord, { order: { name: 'ASC' } });
  }

  /** A donor a command names: one that does not exist makes the request malformed. */
  async donor(manager: EntityManager, id: string): Promise<DonorRecord> {
    const donor = await manager.findOne(DonorRecord, { where: { id } });
    if (!donor) throw unknownReference('donorId', `no donor ${id}`);
    return donor;
  }

  async commitment(manager: EntityManager, id: string): Promise<SettledCommitment | null> {
    return manager.findOne(CommitmentRecord, { where: { id } });
  }

  async saveCommitment(manager: EntityManager, commitment: Commitment, view: CommitmentView, context: ChangeContext) {
    const { terms } = commitment;
    await manager.insert(CommitmentRecord, {
      id: terms.id,
      donorId: terms.donor.id,
      fundCode: terms.fundCode,
      pocketCode: terms.pocketCode,
      amountMinor: terms.amount.amountMinor.toString(),
      currency: terms.amount.currency,
      schedule: view.schedule,
      signedOn: terms.signedOn,
    });
    await appendToOutbox(manager, [
      envelopeFor<ContributionCommittedV1>({
        type: CONTRIBUTION_COMMITTED_V1,
        aggregateId: terms.fundCode,
        ...context,
        occurredAt: this.clock.now(),
        payload: { ...view, commitmentId: terms.id, donorName: terms.donor.name, donorType: terms.donor.type },
      }),
    ]);
  }

  async saveDeposit(manager: EntityManager, deposit: Deposit, view: DepositView, context: ChangeContext) {
    await manager.insert(DepositRecord, {
      id: deposit.id,
      donorId: deposit.donor.id,
      commitmentId: deposit.commitmentId,
      fundCode: deposit.fundCode,
      pocketCode: deposit.pocketCode,
      originalMinor: deposit.original.amountMinor.toString(),
      originalCurrency: deposit.original.currency,
      usdRate: view.usdRate,
      usdMinor: deposit.usd.amountMinor.toString(),
      feeMinor: deposit.fee.amountMinor.toString(),
      feeBasisPoints: deposit.feeBasisPoints,
      depositDate: deposit.depositDate,
      entryId: view.entryId,
    });
    await appendToOutbox(manager, [
      envelopeFor<ContributionDepositedV1>({
        type: CONTRIBUTION_DEPOSITED_V1,
        aggregateId: deposit.fundCode,
        ...context,
        occurredAt: this.clock.now(),
        payload: {
          depositId: deposit.id,
          donorId: deposit.donor.id,
          donorName: deposit.donor.name,
          commitmentId: deposit.commitmentId ?? undefined,
          fundCode: deposit.fundCode,
          pocketCode: deposit.pocketCode,
          original: view.original,
          usdRate: view.usdRate,
          usd: view.usd,
          fee: view.fee,
          feeBasisPoints: deposit.feeBasisPoints,
          depositDate: deposit.depositDate,
          entryId: view.entryId,
        },
      }),
    ]);
  }
}
