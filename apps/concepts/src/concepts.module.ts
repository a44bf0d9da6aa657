import { DocumentStore, documentStoreFromEnv } from '@fundline/documents';
import { ConceptDocumentsController } from './documents/concept-documents.controller';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@fundline/auth';
import { TOPICS } from '@fundline/contracts';
import { Clock, SystemClock } from '@fundline/domain';
import { HealthController, ServiceConfig } from '@fundline/http';
import { MessagingModule } from '@fundline/messaging';
import { typeOrmOptions } from '@fundline/persistence';
import { PipelineExpiryJob } from './expiry/pipeline-expiry.job';
import { CONCEPTS_ENTITIES, CONCEPTS_MIGRATIONS } from './concepts.migrations';
import { AllocationFollower } from './lifecycle/allocation-follower';
import { ChangeSubmissionHandler } from './lifecycle/change-submission';
import { ConceptsController, DraftsController } from './lifecycle/concepts.controller';
import { DraftSubmissionHandler } from './lifecycle/draft-submission';
import { SubmissionQueries } from './lifecycle/submission.queries';
import { SubmissionRepository } from './lifecycle/submission.repository';
import { SubmitSubmissionHandler } from './lifecycle/submit-submission';
import { ReferenceDataController } from './reference-data/reference-data.controller';
import { ReferenceDataService } from './reference-data/reference-data.service';
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
            entities: CONCEPTS_ENTITIES,
            migrations: CONCEPTS_MIGRATIONS,
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
