import { AllocationDocuments } from './documents/allocation-documents';
import { DocumentsController } from './documents/documents.controller';
import { DocumentStore, documentStoreFromEnv } from '@fundline/documents';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@fundline/auth';
import { TOPICS } from '@fundline/contracts';
import { Clock, SystemClock } from '@fundline/domain';
import { CqrsModule } from '@nestjs/cqrs';
import { HealthController, ServiceConfig } from '@fundline/http';
import { MessagingModule, OutboxMessage, ProcessedEvent } from '@fundline/messaging';
import { IdempotencyRecord, typeOrmOptions } from '@fundline/persistence';
import { AllocationChanges } from './allocation/allocation-change';
import {
  AllocationRecord,
  ExpenditureRecord,
  ObligationRecord,
  TransferRecord,
} from './allocation/allocation.entities';
import { AllocationRepository } from './allocation/allocation.repository';
import { AllocationsController } from './allocation/allocations.controller';
import { Approvals } from './allocation/approval/approvals';
import { CloseAllocationHandler } from './allocation/closure/close-allocation';
import { ReportExpenditureHandler } from './allocation/expenditure/report-expenditure';
import { Obligations } from './allocation/obligations/obligations';
import { DecideRevisionHandler } from './allocation/revision/decide-revision';
import { RequestRevisionHandler } from './allocation/revision/request-revision';
import { RevisionRecord } from './allocation/revision/revision.entities';
import { RevisionsController } from './allocation/revision/revisions.controller';
import { RevisionRepository } from './allocation/revision/revisions.repository';
import { Revisions1766700000000 } from './migrations/1766700000000-revisions';
import { TransferTrancheHandler } from './allocation/transfer/transfer-tranche';
import { ReferenceReplicator } from './allocation/reference-replica';
import { BalancesController } from './balances/balances.controller';
import { CommitteeSessions } from './committee/committee-sessions.repository';
import { CommitteeController } from './committee/committee.controller';
import { CommitteeSessionRecord, DecisionRecord } from './committee/committee.entities';
import { DecideOnEntryHandler } from './committee/decisions/decide-on-entry';
import { OpenSessionHandler } from './committee/sessions/open-session';
import { RecordPositionHandler } from './committee/sessions/record-position';
import { Allocations1764100000000 } from './migrations/1764100000000-allocations';
import { LedgerQueries } from './balances/ledger-queries';
import { CommitmentRecord, DepositRecord, DonorRecord } from './contributions/contribution.entities';
import { ContributionsController } from './contributions/contributions.controller';
import { RecordCommitmentHandler } from './contributions/commitment/record-commitment.handler';
import { RecordDepositHandler } from './contributions/deposit/record-deposit.handler';
import { ContributionsRepository } from './contributions/contributions.repository';
import { FundCreditLinesHandler } from './credit-line-funding/fund-credit-lines';
import { LineFundingRepository } from './credit-line-funding/line-funding.repository';
import { OpenRegisteredFunds } from './funds/open-registered-funds';
import { RecordIncomeHandler } from './income/record-income';
import { FundCostsController } from './fund-costs/fund-costs.controller';
import { RecordFundCostHandler } from './fund-costs/record-fund-cost';
import { DirectCostsAndBankCharges1764710000000 } from './migrations/1764710000000-direct-costs-and-bank-charges';
import { Documents1766300000000 } from './migrations/1766300000000-documents';
import { JournalEntryRecord, JournalLineRecord, LedgerAccountRecord } from './ledger/ledger.entities';
import { LedgerService } from './ledger/ledger.service';
import { LedgerAndContributions1763900000000 } from './migrations/1763900000000-ledger-and-contributions';
import { FundRecord, FundYearRecord, PocketRecord } from './funds/fund.entities';
import { FundsController } from './funds/funds.controller';
import { FundsSchema1763800000000 } from './migrations/1763800000000-funds-schema';
import { PipelineReplicator } from './pipeline-replica/pipeline.replicator';
import { PipelineReplicaOfBothFunds1764000000000 } from './migrations/1764000000000-pipeline-replica-of-both-funds';
import { PipelineReplicaRecord } from './pipeline-replica/pipeline-replica.entity';
import { ResultsFrameworks1767100000000 } from './migrations/1767100000000-results-frameworks';
import { ExpenditureByCategory1767300000000 } from './migrations/1767300000000-expenditure-by-category';
import { RecordResultsFramework } from './results/record-framework';
import { ReportProgress } from './results/report-progress';
import { ResultsController } from './results/results.controller';
import { ResultsFrameworkRecord, ResultsProgressRecord } from './results/results.entities';
import { ResultsRepository } from './results/results.repository';
import { SubmittedResultsFrameworks } from './results/submitted-frameworks';

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
              TransferRecord,
              ExpenditureRecord,
              ResultsFrameworkRecord,
              ResultsProgressRecord,
              RevisionRecord,
            ],
            // Money commands lock rows and wait on each other; a larger pool keeps waiting requests from starving reads.
            poolSize: 20,
            migrations: [
              FundsSchema1763800000000,
              LedgerAndContributions1763900000000,
              PipelineReplicaOfBothFunds1764000000000,
              Allocations1764100000000,
              DirectCostsAndBankCharges1764710000000,
              Documents1766300000000,
              Revisions1766700000000,
              ResultsFrameworks1767100000000,
              ExpenditureByCategory1767300000000,
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
            handlers: [PipelineReplicator, ReferenceReplicator, SubmittedResultsFrameworks],
            runsHere: config.consume,
          },
        }),
      ],
      controllers: [
        FundsController,
        FundCostsController,
        ContributionsController,
        BalancesController,
        CommitteeController,
        AllocationsController,
        RevisionsController,
        DocumentsController,
        ResultsController,
        HealthController,
      ],
      providers: [
        { provide: Clock, useValue: clock },
        { provide: DocumentStore, useFactory: () => documentStoreFromEnv(process.env) },
        AllocationDocuments,
        LedgerService,
        LedgerQueries,
        ContributionsRepository,
        LineFundingRepository,
        OpenRegisteredFunds,
        RecordCommitmentHandler,
        RecordDepositHandler,
        RecordIncomeHandler,
        RecordFundCostHandler,
        FundCreditLinesHandler,
        CommitteeSessions,
        OpenSessionHandler,
        RecordPositionHandler,
        DecideOnEntryHandler,
        AllocationRepository,
        Approvals,
        AllocationChanges,
        TransferTrancheHandler,
        ReportExpenditureHandler,
        RevisionRepository,
        RequestRevisionHandler,
        DecideRevisionHandler,
        CloseAllocationHandler,
        Obligations,
        ResultsRepository,
        RecordResultsFramework,
        ReportProgress,
      ],
    };
  }
}
