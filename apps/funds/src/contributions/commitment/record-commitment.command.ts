import { Actor } from '@fundline/contracts';
import { IdempotentResult } from '@fundline/persistence';
import { Command } from '@nestjs/cqrs';
import { RecordCommitmentDto } from './record-commitment.dto';
import { CommitmentView } from '../contribution.views';

export class RecordCommitment extends Command<IdempotentResult<CommitmentView>> {
  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly idempotencyKey: string,
    readonly commitment: RecordCommitmentDto,
  ) {
    super();
  }
}
