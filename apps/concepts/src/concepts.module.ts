import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@fundline/auth';
import { Clock, SystemClock } from '@fundline/domain';
import { HealthController, ServiceConfig } from '@fundline/http';
import { MessagingModule, OutboxMessage, ProcessedEvent } from '@fundline/messaging';
import { typeOrmOptions } from '@fundline/persistence';
import { ConceptHistoryRecord } from './history/concept-history.entity';
import { ConceptsSchema1763800000000 } from './migrations/1763800000000-concepts-schema';
import {
  CountryRecord,
  ParticipatingOrganisationRecord,
  ThematicAreaRecord,
} from './reference-data/reference-data.entities';
import { ReferenceDataService } from './reference-data/reference-data.service';
import { ConceptNoteQueries } from './submission/concept-note-queries';
import { ConceptNoteRecord } from './submission/concept-note.entity';
import { ConceptNoteRepository } from './submission/concept-note.repository';
import { ConceptNotesController } from './submission/concept-notes.controller';
import { CreateConceptNoteDraftHandler } from './submission/create-concept-note-draft.handler';
import { SubmitConceptNoteHandler } from './submission/submit-concept-note.handler';

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
              ConceptNoteRecord,
              ConceptHistoryRecord,
              CountryRecord,
              ThematicAreaRecord,
              ParticipatingOrganisationRecord,
            ],
            migrations: [ConceptsSchema1763800000000],
          }),
        ),
        AuthModule.forRoot(config.auth),
        MessagingModule.forRoot({
          serviceName: 'concepts',
          schema: CONCEPTS_SCHEMA,
          brokers: config.kafkaBrokers,
          namespace: config.kafkaNamespace,
          relay: config.relay,
        }),
      ],
      controllers: [ConceptNotesController, HealthController],
      providers: [
        { provide: Clock, useValue: clock },
        ReferenceDataService,
        ConceptNoteRepository,
        ConceptNoteQueries,
        CreateConceptNoteDraftHandler,
        SubmitConceptNoteHandler,
      ],
    };
  }
}
