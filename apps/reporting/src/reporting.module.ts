import { Clock, SystemClock } from '@fundline/domain';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@fundline/auth';
import { TOPICS } from '@fundline/contracts';
import { HealthController, ServiceConfig } from '@fundline/http';
import { MessagingModule, OutboxMessage, ProcessedEvent } from '@fundline/messaging';
import { typeOrmOptions } from '@fundline/persistence';
import { REPORTING_MIGRATIONS } from './reporting.migrations';
import { CreditLineReports } from './credit-line-report/credit-line-report';
import { CreditLineReportController } from './credit-line-report/credit-line-report.controller';
import { FinanceProjection } from './finance/finance.projection';
import { FundParametersReplica } from './fund-parameters/fund-parameters.replica';
import { FundStatusController } from './fund-status/fund-status.controller';
import { FundStatusReport } from './fund-status/fund-status.report';
import { ObligationsController } from './obligations/obligations.controller';
import { ObligationsView } from './obligations/obligations.view';
import { PipelineGroupsController } from './pipeline/pipeline-groups.controller';
import { RegionalBalanceController } from './regional-balance/regional-balance.controller';
import { RegionalBalanceReport } from './regional-balance/regional-balance.report';
import { CatchUp } from './read-model/catch-up';
import { PipelineViews } from './pipeline/pipeline-views';
import { ReferenceProjection } from './pipeline/reference.projection';
import { SubmissionProjection } from './pipeline/submission.projection';
import { PipelineDecisionRecord, PipelineEntryRecord } from './pipeline/pipeline-entry.entity';
import { PipelineController } from './pipeline/pipeline.controller';
import { ResultsController } from './results/results.controller';
import { ResultsProjection } from './results/results.projection';
import { BudgetProjection } from './budgets/budget.projection';
import { BudgetReportController } from './budgets/budget-report.controller';
import { BudgetReports } from './budgets/budget-report';
import { ResultsView } from './results/results.view';

export const REPORTING_SCHEMA = 'reporting';

/** The read side: projections of every event into query tables, and the reports built on them. */
@Module({})
export class ReportingModule {
  static forRoot(config: ServiceConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        TypeOrmModule.forRoot(
          typeOrmOptions({
            url: config.databaseUrl,
            schema: REPORTING_SCHEMA,
            entities: [OutboxMessage, ProcessedEvent, PipelineEntryRecord, PipelineDecisionRecord],
            migrations: REPORTING_MIGRATIONS,
          }),
        ),
        AuthModule.forRoot(config.auth),
        MessagingModule.forRoot({
          serviceName: 'reporting',
          schema: REPORTING_SCHEMA,
          brokers: config.kafkaBrokers,
          namespace: config.kafkaNamespace,
          freshnessWaitMs: config.freshnessWaitMs,
          stuckAfterMs: config.stuckAfterMs,
          relay: false,
          consume: {
            groupId: 'fundline-reporting',
            topics: [TOPICS.concepts, TOPICS.funds],
            handlers: [
              SubmissionProjection,
              FinanceProjection,
              ReferenceProjection,
              ResultsProjection,
              BudgetProjection,
            ],
            runsHere: config.consume,
          },
        }),
      ],
      controllers: [
        PipelineController,
        PipelineGroupsController,
        RegionalBalanceController,
        ObligationsController,
        FundStatusController,
        CreditLineReportController,
        ResultsController,
        BudgetReportController,
        HealthController,
      ],
      providers: [
        { provide: Clock, useValue: clock },
        CreditLineReports,
        FundStatusReport,
        FundParametersReplica,
        CatchUp,
        ObligationsView,
        PipelineViews,
        RegionalBalanceReport,
        ResultsView,
        BudgetReports,
      ],
    };
  }
}
