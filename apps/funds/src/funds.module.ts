import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@fundline/auth';
import { TOPICS } from '@fundline/contracts';
import { HealthController, ServiceConfig } from '@fundline/http';
import { MessagingModule, OutboxMessage, ProcessedEvent } from '@fundline/messaging';
import { typeOrmOptions } from '@fundline/persistence';
import { FundRecord, PocketRecord } from './funds/fund.entities';
import { FundsController } from './funds/funds.controller';
import { FundsSchema1763800000000 } from './migrations/1763800000000-funds-schema';
import { ConceptNoteSubmittedReplicator } from './pipeline-replica/concept-note-submitted.replicator';
import { PipelineReplicaRecord } from './pipeline-replica/pipeline-replica.entity';

export const FUNDS_SCHEMA = 'funds';

@Module({})
export class FundsModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: FundsModule,
      imports: [
        TypeOrmModule.forRoot(
          typeOrmOptions({
            url: config.databaseUrl,
            schema: FUNDS_SCHEMA,
            entities: [OutboxMessage, ProcessedEvent, FundRecord, PocketRecord, PipelineReplicaRecord],
            migrations: [FundsSchema1763800000000],
          }),
        ),
        AuthModule.forRoot(config.auth),
        MessagingModule.forRoot({
          serviceName: 'funds',
          schema: FUNDS_SCHEMA,
          brokers: config.kafkaBrokers,
          namespace: config.kafkaNamespace,
          relay: config.relay,
          consume: config.consume
            ? { groupId: 'fundline-funds', topics: [TOPICS.concepts], handlers: [ConceptNoteSubmittedReplicator] }
            : undefined,
        }),
      ],
      controllers: [FundsController, HealthController],
    };
  }
}
