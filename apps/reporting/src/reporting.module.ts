import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@fundline/auth';
import { TOPICS } from '@fundline/contracts';
import { HealthController, ServiceConfig } from '@fundline/http';
import { MessagingModule, OutboxMessage, ProcessedEvent } from '@fundline/messaging';
import { typeOrmOptions } from '@fundline/persistence';
import { ReportingSchema1763800000000 } from './migrations/1763800000000-reporting-schema';
import { CreditLineReports } from './credit-line-report/credit-line-report';
import { ReportsController } from './credit-line-report/reports.controller';
import { FinanceProjection } from './finance/finance.projection';
import { FundStatusReport } from './fund-status/fund-status.report';
import { ObligationsView } from './obligations/obligations.view';
import { CatchUp } from './read-model/catch-up';
import { FinanceProjections1764100000000 } from './migrations/1764100000000-finance-projections';
import { ContributionsProjection1764200000000 } from './migrations/1764200000000-contributions-projection';
import { ObligationsProjection1764300000000 } from './migrations/1764300000000-obligations-projection';
import { ReferenceReplica1764400000000 } from './migrations/1764400000000-reference-replica';
import { PipelineViews } from './pipeline/pipeline-views';
import { ReferenceProjection } from './pipeline/reference.projection';
import { PipelineOfBothFunds1764000000000 } from './migrations/1764000000000-pipeline-of-both-funds';
import { SubmissionProjection } from './pipeline/submission.projection';
import { PipelineDecisionRecord, PipelineEntryRecord } from './pipeline/pipeline-entry.entity';
import { PipelineController } from './pipeline/pipeline.controller';

export const REPORTING_SCHEMA = 'reporting';

/** The read side: projections of every event into query tables, and the reports built on them. */
@Module({})
export class ReportingModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        TypeOrmModule.forRoot(
          typeOrmOptions({
            url: config.databaseUrl,
            schema: REPORTING_SCHEMA,
            entities: [OutboxMessage, ProcessedEvent, PipelineEntryRecord, PipelineDecisionRecord],
            migrations: [
              ReportingSchema1763800000000,
              PipelineOfBothFunds1764000000000,
              FinanceProjections1764100000000,
              ContributionsProjection1764200000000,
              ObligationsProjection1764300000000,
              ReferenceReplica1764400000000,
            ],
          }),
        ),
        AuthModule.forRoot(config.auth),
        MessagingModule.forRoot({
          serviceName: 'reporting',
          schema: REPORTING_SCHEMA,
          brokers: config.kafkaBrokers,
          namespace: config.kafkaNamespace,
          relay: false,
          consume: config.consume
            ? {
                groupId: 'fundline-reporting',
                topics: [TOPICS.concepts, TOPICS.funds],
                handlers: [SubmissionProjection, FinanceProjection, ReferenceProjection],
              }
            : undefined,
        }),
      ],
      controllers: [PipelineController, ReportsController, HealthController],
      providers: [CreditLineReports, FundStatusReport, CatchUp, ObligationsView, PipelineViews],
    };
  }
}
