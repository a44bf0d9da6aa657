import { randomUUID } from 'node:crypto';
import {
  Actor,
  ALLOCATION_CLOSED_V1,
  AllocationClosedV1,
  EventEnvelope,
  EXPENDITURE_REPORTED_V1,
  ExpenditureReportedV1,
  REFUND_RECEIVED_V1,
  RefundReceivedV1,
  TRANSFER_DISBURSED_V1,
  TransferDisbursedV1,
} from '@fundline/contracts';
import { Clock, DomainError } from '@fundline/domain';
import { MoneyDto, NestedObject } from '@fundline/http';
import { appendToOutbox, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { JournalEntry, POSTINGS } from '../ledger/journal-entry';
import { LedgerService } from '../ledger/ledger.service';
import { Allocation, AllocationStatus, spent } from './allocation.aggregate';
import { AllocationRecord } from './allocation.entities';

export class TransferDto {
  @ApiProperty({ example: 'IOM' }) @IsString() @MaxLength(20) organisation: string;
  @NestedObject(MoneyDto) amount: MoneyDto;
  @ApiProperty({ example: '2027-01-15' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  transferDate: string;
}

export class ExpenditureDto {
  @ApiProperty({ example: 'IOM' }) @IsString() @MaxLength(20) organisation: string;
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @NestedObject(MoneyDto, { description: 'The year’s expenditure (a later report replaces it)' })
  amount: MoneyDto;
}

export class RevisionDto {
  @ApiProperty({ enum: ['budget-revision', 'no-cost-extension'] })
  @IsIn(['budget-revision', 'no-cost-extension'])
  kind: 'budget-revision' | 'no-cost-extension';
  @ApiPropertyOptional({ example: '2029-06-30' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) newEndDate?: string;
  @ApiProperty({ example: 'Partner change agreed with the government' }) @IsString() @MaxLength(2000) reason: string;
}

export class CloseDto {
  @ApiProperty({ example: '2029-03-31', description: 'When the final narrative and financial reports were received' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  finalReportsReceivedOn: string;
}

export type AllocationChange =
  | { kind: 'transfer'; body: TransferDto }
  | { kind: 'expenditure'; body: ExpenditureDto }
  | { kind: 'revision'; body: RevisionDto }
  | { kind: 'close'; body: CloseDto };

export class ChangeAllocation extends Command<IdempotentResult<object>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly allocationId: string,
    readonly change: AllocationChange,
  ) {
    super();
  }
}

function restore(r: AllocationRecord): Allocation {
  return new Allocation({
    id: r.id,
    conceptId: r.conceptId,
    fundCode: r.fundCode,
    pocketCode: r.pocketCode,
    creditLine: r.creditLine,
    status: r.status as AllocationStatus,
    startDate: r.startDate,
    endDate: r.endDate,
    shares: r.shares.map((s) => ({
      organisation: s.organisation,
      approvedMinor: BigInt(s.approvedMinor),
      transferredMinor: BigInt(s.transferredMinor),
      spentByYear: Object.fromEntries(Object.entries(s.spentByYear).map(([y, v]) => [y, BigInt(v)])),
    })),
  });
}

function stored(a: Allocation): Partial<AllocationRecord> {
  return {
    status: a.state.status,
    endDate: a.state.endDate,
    shares: a.state.shares.map((s) => ({
      organisation: s.organisation,
      approvedMinor: s.approvedMinor.toString(),
      transferredMinor: s.transferredMinor.toString(),
      spentByYear: Object.fromEntries(Object.entries(s.spentByYear).map(([y, v]) => [y, v.toString()])),
    })),
  };
}

/**
 * After approval: transfers in tranches (M10), expenditure (M11), revisions, and closure with the refund of the
 * unspent balance (M12). The allocation row is locked, so concurrent transfers cannot pass an organisation's share;
 * every movement of money is a ledger entry in the same transaction.
 */
@CommandHandler(ChangeAllocation)
export class ChangeAllocationHandler implements ICommandHandler<ChangeAllocation> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async execute({ actor, correlationId, idempotencyKey, allocationId, change }: ChangeAllocation) {
    const scope = `${actor.userId} POST /allocations/${allocationId}/${change.kind}`;
    const context = { actor, correlationId };
    const result = await runIdempotent(
      this.dataSource,
      { scope, key: idempotencyKey, body: change },
      async (manager) => {
        const record = await manager.findOne(AllocationRecord, {
          where: { id: allocationId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!record) throw new DomainError('ALLOCATION.NOT_FOUND', `no allocation ${allocationId}`, 'not-found');
        const allocation = restore(record);
        const pocket = { fundCode: record.fundCode, pocketCode: record.pocketCode };
        const now = this.clock.now();
        const events: EventEnvelope[] = [];
        const emit = <T extends object>(type: string, payload: T) =>
          events.push(
            envelopeFor<T>({ type, aggregateId: record.conceptId, actor, correlationId, occurredAt: now, payload }),
          );
        const base = { allocationId, conceptId: record.conceptId, fund: record.fundCode };

        if (change.kind === 'transfer') {
          const amount = change.body.amount.toMoney();
          allocation.transfer(change.body.organisation, amount);
          const transferId = randomUUID();
          const { entryId: posted } = await this.ledger.post(
            manager,
            this.entry(record, 'allocation.transfer', transferId, POSTINGS.transfer(pocket, amount.amountMinor)),
            context,
          );
          await manager.query(
            `INSERT INTO "funds"."transfers" (id, allocation_id, organisation, amount_minor, transfer_date, entry_id) VALUES ($1, $2, $3, $4, $5, $6)`,
            [
              transferId,
              allocationId,
              change.body.organisation,
              amount.amountMinor.toString(),
              change.body.transferDate,
              posted,
            ],
          );
          const share = allocation.state.shares.find((s) => s.organisation === change.body.organisation)!;
          emit<TransferDisbursedV1>(TRANSFER_DISBURSED_V1, {
            ...base,
            transferId,
            pocketCode: record.pocketCode,
            organisation: change.body.organisation,
            amount: amount.toJSON(),
            transferredToOrganisation: Money.ofMinor(share.transferredMinor, 'USD').toJSON(),
            status: allocation.state.status,
            transferDate: change.body.transferDate,
          });
        } else if (change.kind === 'expenditure') {
          const amount = change.body.amount.toMoney();
          allocation.reportExpenditure(change.body.organisation, change.body.year, amount);
          await manager.query(
            `INSERT INTO "funds"."expenditures" (id, allocation_id, organisation, year, amount_minor, reported_at) VALUES ($1, $2, $3, $4, $5, $6)`,
            [
              randomUUID(),
              allocationId,
              change.body.organisation,
              change.body.year,
              amount.amountMinor.toString(),
              now,
            ],
          );
          const share = allocation.state.shares.find((s) => s.organisation === change.body.organisation)!;
          emit<ExpenditureReportedV1>(EXPENDITURE_REPORTED_V1, {
            ...base,
            organisation: change.body.organisation,
            year: change.body.year,
            amount: amount.toJSON(),
            spentByOrganisation: Money.ofMinor(spent(share), 'USD').toJSON(),
          });
        } else if (change.kind === 'revision') {
          allocation.revise(change.body.kind, now.toISOString().slice(0, 10), change.body.newEndDate ?? null);
        } else {
          const { refundMinor, releaseMinor } = allocation.close();
          await this.ledger.postAll(
            manager,
            [
              ...(releaseMinor > 0n
                ? [this.entry(record, 'allocation.release', allocationId, POSTINGS.release(pocket, releaseMinor))]
                : []),
              ...(refundMinor > 0n
                ? [
                    this.entry(
                      record,
                      'allocation.refund',
                      allocationId,
                      POSTINGS.receipt(pocket, refundMinor, 'refunds'),
                    ),
                  ]
                : []),
            ],
            context,
          );
          if (refundMinor > 0n) {
            emit<RefundReceivedV1>(REFUND_RECEIVED_V1, {
              ...base,
              pocketCode: record.pocketCode,
              amount: Money.ofMinor(refundMinor, 'USD').toJSON(),
            });
          }
          emit<AllocationClosedV1>(ALLOCATION_CLOSED_V1, {
            ...base,
            pocketCode: record.pocketCode,
            refunded: Money.ofMinor(refundMinor, 'USD').toJSON(),
            released: Money.ofMinor(releaseMinor, 'USD').toJSON(),
            closedAt: now.toISOString(),
          });
        }
        await manager.update(
          AllocationRecord,
          { id: allocationId },
          { ...stored(allocation), ...(change.kind === 'close' ? { closedAt: now } : {}) },
        );
        await appendToOutbox(manager, events);
        return { status: 200, body: view(allocation) };
      },
    );
    this.relay?.nudge();
    return result;
  }

  private entry(
    record: AllocationRecord,
    type: string,
    referenceId: string,
    lines: ReturnType<typeof POSTINGS.transfer>,
  ): JournalEntry {
    return JournalEntry.create({
      fundCode: record.fundCode,
      type,
      currency: 'USD',
      reference: { type: type.split('.')[1], id: referenceId },
      description: `${type} of allocation ${record.id} (${record.conceptId})`,
      lines,
    });
  }
}

export function view(a: Allocation) {
  const usd = (m: bigint) => Money.ofMinor(m, 'USD').toJSON();
  return {
    id: a.state.id,
    conceptId: a.state.conceptId,
    fundCode: a.state.fundCode,
    pocketCode: a.state.pocketCode,
    creditLine: a.state.creditLine,
    status: a.state.status,
    startDate: a.state.startDate,
    endDate: a.state.endDate,
    shares: a.state.shares.map((s) => ({
      organisation: s.organisation,
      approved: usd(s.approvedMinor),
      transferred: usd(s.transferredMinor),
      spent: usd(spent(s)),
      deliveryRate: s.transferredMinor === 0n ? null : Number((spent(s) * 10000n) / s.transferredMinor) / 10000,
    })),
  };
}

export { restore as allocationFrom };
