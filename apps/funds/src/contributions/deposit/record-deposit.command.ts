import { Actor } from '@fundline/contracts';
import { IdempotentResult } from '@fundline/persistence';
import { Command } from '@nestjs/cqrs';
import { RecordDepositDto } from './record-deposit.dto';
import { DepositView } from '../contribution.views';

export class RecordDeposit extends Command<IdempotentResult<DepositView>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly deposit: RecordDepositDto,
  ) {
    super();
  }
}
