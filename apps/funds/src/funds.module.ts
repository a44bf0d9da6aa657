import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@fundline/auth';
import { TOPICS } from '@fundline/contracts';
import { Clock, SystemClock } from '@fundline/domain';
import { CqrsModule } from '@nestjs/cqrs';
import { HealthController, ServiceConfig } from '@fundline/http';
import { MessagingModule, OutboxMessage, ProcessedEvent } from '@fundline/messaging';
import { IdempotencyRecord, typeOrmOptions } from '@fundline/persistence';
import { ChangeAllocationHandler } from './allocation/allocation-commands';
import {
  AllocationRecord,
  CommitteeSessionRecord,
  DecisionRecord,
  ObligationRecord,
} from './allocation/allocation.entities';
import { AllocationsController } from './allocation/allocations.controller';
import { Obligations } from './allocation/obligations';
import { ReferenceReplicator } from './allocation/reference-replica';
import { BalancesController } from './balances/balances.controller';
import { DecideOnEntryHandler } from './committee/decide-on-entry';
import { OpenSessionHandler, RecordPositionHandler } from './committee/session-commands';
import { Allocations1764100000000 } from './migrations/1764100000000-allocations';
import { LedgerQueries } from './balances/ledger-queries';
import { CommitmentRecord, DepositRecord, DonorRecord } from './contributions/contribution.entities';
import { ContributionsController } from './contributions/contributions.controller';
import { RecordCommitmentHandler } from './contributions/record-commitment.handler';
import { RecordDepositHandler } from './contributions/record-deposit.handler';
import { FundCreditLinesHandler } from './credit-line-funding/fund-credit-lines';
import { RecordIncomeHandler } from './income/record-income';
import { FundCostsController } from './fund-costs/fund-costs.controller';
import { RecordFundCostHandler } from './fund-costs/record-fund-cost';
import { DirectCostsAndBankCharges1764710000000 } from './migrations/1764710000000-direct-costs-and-bank-charges';
import { JournalEntryRecord, JournalLineRecord, LedgerAccountRecord } from './ledger/ledger.entities';
import { LedgerService } from './ledger/ledger.service';
import { LedgerAndContributions1763900000000 } from './migrations/1763900000000-ledger-and-contributions';
import { FundRecord, FundYearRecord, PocketRecord } from './funds/fund.entities';
import { FundsController } from './funds/funds.controller';
import { FundsSchema1763800000000 } from './migrations/1763800000000-funds-schema';
import { PipelineReplicator } from './pipeline-replica/pipeline.replicator';
import { PipelineReplicaOfBothFunds1764000000000 } from './migrations/1764000000000-pipeline-replica-of-both-funds';
import { PipelineReplicaRecord } from './pipeline-replica/pipeline-replica.entity';

export const FUNDS_SCHEMA = 'funds';

@Module({})
export class FundsModule {
  static forRoot(config: ServiceConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: FundsModule,
      imports: [
        CqrsModule.forRoot(),
        TypeOrmModule.forRoot(
          typeOrmOptions({
            url: config.databaseUrl,
            schema: FUNDS_SCHEMA,
            entities: [
              OutboxMessage,
              ProcessedEvent,
              IdempotencyRecord,
              FundRecord,
              FundYearRecord,
              PocketRecord,
              PipelineReplicaRecord,
              LedgerAccountRecord,
              JournalEntryRecord,
              JournalLineRecord,
              DonorRecord,
              CommitmentRecord,
              DepositRecord,
              CommitteeSessionRecord,
              DecisionRecord,
              AllocationRecord,
              ObligationRecord,
            ],
            // Money commands lock rows and wait on each other; a larger pool keeps waiting requests from starving reads.
            poolSize: 20,
            migrations: [
              FundsSchema1763800000000,
              LedgerAndContributions1763900000000,
              PipelineReplicaOfBothFunds1764000000000,
              Allocations1764100000000,
              DirectCostsAndBankCharges1764710000000,
            ],
          }),
        ),
        AuthModule.forRoot(config.auth),
        MessagingModule.forRoot({
          serviceName: 'funds',
          schema: FUNDS_SCHEMA,
          brokers: config.kafkaBrokers,
          namespace: config.kafkaNamespace,
          freshnessWaitMs: config.freshnessWaitMs,
          stuckAfterMs: config.stuckAfterMs,
          relay: config.relay,
          consume: {
            groupId: 'fundline-funds',
            topics: [TOPICS.concepts],
            handlers: [PipelineReplicator, ReferenceReplicator],
            runsHere: config.consume,
          },
        }),
      ],
      controllers: [
        FundsController,
        FundCostsController,
        ContributionsController,
        BalancesController,
        AllocationsController,
        HealthController,
      ],
      providers: [
        { provide: Clock, useValue: clock },
        LedgerService,
        LedgerQueries,
        RecordCommitmentHandler,
        RecordDepositHandler,
        RecordIncomeHandler,
        RecordFundCostHandler,
        FundCreditLinesHandler,
        OpenSessionHandler,
        RecordPositionHandler,
        DecideOnEntryHandler,
        ChangeAllocationHandler,
        Obligations,
      ],
    };
  }
}
