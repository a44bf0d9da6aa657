import {
  Actor,
  ALLOCATION_CLOSED_V1,
  AllocationClosedV1,
  REFUND_RECEIVED_V1,
  RefundReceivedV1,
} from '@fundline/contracts';
import { Money } from '@fundline/money';
import { IdempotentResult } from '@fundline/persistence';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';
import { AllocationChanges } from '../allocation-change';

export class CloseDto {
  @ApiProperty({ example: '2029-03-31', description: 'When the final narrative and financial reports were received' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  finalReportsReceivedOn: string;
}

export class CloseAllocation extends Command<IdempotentResult<object>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly allocationId: string,
    readonly body: CloseDto,
  ) {
    super();
  }
}

/** M12: closure with the final reports; the unspent balance is refunded and the untransferred commitment released. */
@CommandHandler(CloseAllocation)
export class CloseAllocationHandler implements ICommandHandler<CloseAllocation> {
  constructor(private readonly changes: AllocationChanges) {}

  execute(command: CloseAllocation) {
    return this.changes.run('close', command, async ({ allocation, now, post, emit }) => {
      const { refundMinor, releaseMinor, entries } = allocation.close();
      await post(entries);
      const usd = (minor: bigint) => Money.ofMinor(minor, 'USD').toJSON();
      const base = {
        allocationId: allocation.state.id,
        conceptId: allocation.state.conceptId,
        fund: allocation.state.fundCode,
        pocketCode: allocation.state.pocketCode,
      };
      if (refundMinor > 0n) emit<RefundReceivedV1>(REFUND_RECEIVED_V1, { ...base, amount: usd(refundMinor) });
      emit<AllocationClosedV1>(ALLOCATION_CLOSED_V1, {
        ...base,
        refunded: usd(refundMinor),
        released: usd(releaseMinor),
        closedAt: now.toISOString(),
      });
    });
  }
}
