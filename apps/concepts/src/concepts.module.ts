import { DocumentStore, documentStoreFromEnv } from '@fundline/documents';
import { ConceptDocumentsController } from './documents/concept-documents.controller';
import { Documents1766400000000 } from './migrations/1766400000000-documents';
import { BudgetCategories1766700000000 } from './migrations/1766700000000-budget-categories';
import { ResultsFrameworks1767500000000 } from './migrations/1767500000000-results-frameworks';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@fundline/auth';
import { TOPICS } from '@fundline/contracts';
import { Clock, SystemClock } from '@fundline/domain';
import { HealthController, ServiceConfig } from '@fundline/http';
import { MessagingModule, OutboxMessage, ProcessedEvent } from '@fundline/messaging';
import { typeOrmOptions } from '@fundline/persistence';
import { PipelineExpiryJob } from './expiry/pipeline-expiry.job';
import { ConceptHistoryRecord } from './history/concept-history.entity';
import { AllocationFollower } from './lifecycle/allocation-follower';
import { ChangeSubmissionHandler } from './lifecycle/change-submission';
import { ConceptsController, DraftsController } from './lifecycle/concepts.controller';
import { DraftSubmissionHandler } from './lifecycle/draft-submission';
import { ScreeningRecord, SubmissionRecord } from './lifecycle/submission.entity';
import { SubmissionQueries } from './lifecycle/submission.queries';
import { SubmissionRepository } from './lifecycle/submission.repository';
import { SubmitSubmissionHandler } from './lifecycle/submit-submission';
import { ConceptsSchema1763800000000 } from './migrations/1763800000000-concepts-schema';
import { SubmissionsAndScreening1764000000000 } from './migrations/1764000000000-submissions-and-screening';
import { PublishReferenceData1764300000000 } from './migrations/1764300000000-publish-reference-data';
import { OfficialReferenceLists1764900000000 } from './migrations/1764900000000-official-reference-lists';
import { ScreeningOrder1765000000000 } from './migrations/1765000000000-screening-order';
import { ReferenceDataController } from './reference-data/reference-data.controller';
import { ReferenceDataService } from './reference-data/reference-data.service';
import { ReferenceVersionRecord } from './reference-data/reference-version.entity';
import { ScreeningService } from './screening/screening.service';

export const CONCEPTS_SCHEMA = 'concepts';

@Module({})
export class ConceptsModule {
  static forRoot(config: ServiceConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ConceptsModule,
      imports: [
        CqrsModule.forRoot(),
        TypeOrmModule.forRoot(
          typeOrmOptions({
            url: config.databaseUrl,
            schema: CONCEPTS_SCHEMA,
            entities: [
              OutboxMessage,
              ProcessedEvent,
              SubmissionRecord,
              ScreeningRecord,
              ConceptHistoryRecord,
              ReferenceVersionRecord,
            ],
            migrations: [
              ConceptsSchema1763800000000,
              SubmissionsAndScreening1764000000000,
              PublishReferenceData1764300000000,
              OfficialReferenceLists1764900000000,
              ScreeningOrder1765000000000,
              Documents1766400000000,
              BudgetCategories1766700000000,
              ResultsFrameworks1767500000000,
            ],
          }),
        ),
        AuthModule.forRoot(config.auth),
        MessagingModule.forRoot({
          serviceName: 'concepts',
          schema: CONCEPTS_SCHEMA,
          brokers: config.kafkaBrokers,
          namespace: config.kafkaNamespace,
          freshnessWaitMs: config.freshnessWaitMs,
          stuckAfterMs: config.stuckAfterMs,
          relay: config.relay,
          consume: {
            groupId: 'fundline-concepts',
            topics: [TOPICS.funds],
            handlers: [AllocationFollower],
            runsHere: config.consume,
          },
        }),
      ],
      controllers: [
        DraftsController,
        ConceptsController,
        ConceptDocumentsController,
        ReferenceDataController,
        HealthController,
      ],
      providers: [
        { provide: Clock, useValue: clock },
        { provide: DocumentStore, useFactory: () => documentStoreFromEnv(process.env) },
        ReferenceDataService,
        ScreeningService,
        SubmissionRepository,
        SubmissionQueries,
        DraftSubmissionHandler,
        SubmitSubmissionHandler,
        ChangeSubmissionHandler,
        PipelineExpiryJob,
      ],
    };
  }
}
