import { randomUUID } from 'node:crypto';
import { Actor, TRANSFER_DISBURSED_V1, TransferDisbursedV1 } from '@fundline/contracts';
import { MoneyDto, NestedObject } from '@fundline/http';
import { Money } from '@fundline/money';
import { IdempotentResult } from '@fundline/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { AllocationChanges } from '../allocation-change';
import { AllocationRepository } from '../allocation.repository';

export class TransferDto {
  @ApiProperty({ example: 'IOM' }) @IsString() @MaxLength(20) organisation: string;
  @NestedObject(MoneyDto) amount: MoneyDto;
  @ApiProperty({ example: '2027-01-15' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  transferDate: string;
}

export class TransferTranche extends Command<IdempotentResult<object>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly allocationId: string,
    readonly body: TransferDto,
  ) {
    super();
  }
}

/** M10: a tranche to a participating organisation, within its approved share, out of the committed money. */
@CommandHandler(TransferTranche)
export class TransferTrancheHandler implements ICommandHandler<TransferTranche> {
  constructor(
    private readonly changes: AllocationChanges,
    private readonly allocations: AllocationRepository,
  ) {}

  execute(command: TransferTranche) {
    const { organisation, transferDate } = command.body;
    return this.changes.run('transfer', command, async ({ manager, allocation, post, emit }) => {
      const amount = command.body.amount.toMoney();
      const transferId = randomUUID();
      const [entryId] = await post([allocation.transfer(transferId, organisation, amount)]);
      await this.allocations.recordTransfer(manager, {
        id: transferId,
        allocationId: allocation.state.id,
        organisation,
        amountMinor: amount.amountMinor.toString(),
        transferDate,
        entryId,
      });
      emit<TransferDisbursedV1>(TRANSFER_DISBURSED_V1, {
        allocationId: allocation.state.id,
        conceptId: allocation.state.conceptId,
        fund: allocation.state.fundCode,
        transferId,
        pocketCode: allocation.state.pocketCode,
        organisation,
        amount: amount.toJSON(),
        transferredToOrganisation: Money.ofMinor(allocation.share(organisation).transferredMinor, 'USD').toJSON(),
        status: allocation.state.status,
        transferDate,
      });
    });
  }
}
