import { randomUUID } from 'node:crypto';
import { CONTRIBUTION_DEPOSITED_V1, ContributionDepositedV1 } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { appendToOutbox, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { ExchangeRate, Money, shareOf } from '@fundline/money';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { openFundAndPocket } from '../funds/fund-guard';
import { accountId } from '../ledger/chart-of-accounts';
import { JournalEntry, POSTINGS } from '../ledger/journal-entry';
import { LedgerService } from '../ledger/ledger.service';
import { CommitmentRecord, DepositRecord, DonorRecord, unknownReference as unknown } from './contribution.entities';
import { DepositView } from './contribution.views';
import { RecordDeposit } from './record-deposit.command';

/**
 * M9 / G1: a deposit keeps its original amount and currency and the USD equivalent at the given rate; the
 * Administrative Agent fee is posted with it, and the rest becomes available in the pocket it was earmarked to.
 */
@CommandHandler(RecordDeposit)
export class RecordDepositHandler implements ICommandHandler<RecordDeposit> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async execute({
    actor,
    correlationId,
    idempotencyKey,
    deposit,
  }: RecordDeposit): Promise<IdempotentResult<DepositView>> {
    const scope = `${actor.userId} POST /contributions/deposits`;
    const result = await runIdempotent(
      this.dataSource,
      { scope, key: idempotencyKey, body: deposit },
      async (manager) => {
        const { fund } = await openFundAndPocket(manager, deposit.fundCode, deposit.pocketCode);
        const donor = await manager.findOne(DonorRecord, { where: { id: deposit.donorId } });
        if (!donor) throw unknown('donorId', `no donor ${deposit.donorId}`);
        if (deposit.commitmentId) {
          const commitment = await manager.findOne(CommitmentRecord, { where: { id: deposit.commitmentId } });
          if (!commitment || commitment.donorId !== donor.id) {
            throw unknown('commitmentId', `no commitment ${deposit.commitmentId} of donor ${donor.id}`);
          }
          if (commitment.fundCode !== deposit.fundCode || commitment.pocketCode !== deposit.pocketCode) {
            throw DomainError.invalid('DEPOSIT.NOT_AS_COMMITTED', [
              {
                field: 'pocketCode',
                rule: 'M9',
                message: `the commitment is to ${commitment.fundCode}/${commitment.pocketCode}; earmarked money funds only that`,
              },
            ]);
          }
        }
        const original = deposit.amount.toMoney();
        const rate = ExchangeRate.parse(deposit.usdRate);
        if (original.currency === fund.reportingCurrency && rate.scaled !== 10n ** BigInt(rate.scale)) {
          throw DomainError.invalid('DEPOSIT.RATE', [
            { field: 'usdRate', rule: 'G1', message: 'a USD deposit has a rate of exactly 1', limit: '1' },
          ]);
        }
        const usd = rate.convert(original, fund.reportingCurrency);
        if (!usd.isPositive()) {
          throw DomainError.invalid('DEPOSIT.TOO_SMALL', [
            { field: 'amount', rule: 'G1', message: 'the USD equivalent rounds to zero', limit: '0.01' },
          ]);
        }
        const fee = shareOf(usd, fund.feeBasisPoints);
        const pocket = { fundCode: fund.code, pocketCode: deposit.pocketCode };
        const id = randomUUID();
        const entry = JournalEntry.create({
          fundCode: fund.code,
          type: 'contribution.deposit',
          currency: fund.reportingCurrency,
          reference: { type: 'deposit', id },
          description: `Deposit from ${donor.name}: ${original.toDecimalString()} ${original.currency} at ${rate.toDecimalString()}; Administrative Agent fee ${fund.feeBasisPoints} bp`,
          lines: [
            ...POSTINGS.receipt(pocket, usd.amountMinor, 'contributions'),
            ...POSTINGS.fee(pocket, fee.amountMinor),
          ],
        });
        const posted = await this.ledger.post(manager, entry, { actor, correlationId });
        await manager.insert(DepositRecord, {
          id,
          donorId: donor.id,
          commitmentId: deposit.commitmentId ?? null,
          fundCode: fund.code,
          pocketCode: deposit.pocketCode,
          originalMinor: original.amountMinor.toString(),
          originalCurrency: original.currency,
          usdRate: rate.toDecimalString(),
          usdMinor: usd.amountMinor.toString(),
          feeMinor: fee.amountMinor.toString(),
          feeBasisPoints: fund.feeBasisPoints,
          depositDate: deposit.depositDate,
          entryId: posted.entryId,
        });
        const view: DepositView = {
          id,
          donorId: donor.id,
          commitmentId: deposit.commitmentId ?? null,
          fundCode: fund.code,
          pocketCode: deposit.pocketCode,
          original: original.toJSON(),
          usdRate: rate.toDecimalString(),
          usd: usd.toJSON(),
          fee: fee.toJSON(),
          feeBasisPoints: fund.feeBasisPoints,
          depositDate: deposit.depositDate,
          entryId: posted.entryId,
          pocketAvailable: Money.ofMinor(
            posted.balances[accountId(fund.code, deposit.pocketCode, 'available')],
            fund.reportingCurrency,
          ).toJSON(),
        };
        await appendToOutbox(manager, [
          envelopeFor<ContributionDepositedV1>({
            type: CONTRIBUTION_DEPOSITED_V1,
            aggregateId: fund.code,
            actor,
            correlationId,
            occurredAt: new Date(),
            payload: {
              depositId: id,
              donorId: donor.id,
              donorName: donor.name,
              commitmentId: deposit.commitmentId,
              fundCode: fund.code,
              pocketCode: deposit.pocketCode,
              original: view.original,
              usdRate: view.usdRate,
              usd: view.usd,
              fee: view.fee,
              feeBasisPoints: fund.feeBasisPoints,
              depositDate: deposit.depositDate,
              entryId: posted.entryId,
            },
          }),
        ]);
        return { status: 201, body: view };
      },
    );
    this.relay?.nudge();
    return result;
  }
}
