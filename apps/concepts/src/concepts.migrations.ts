import { OutboxMessage, ProcessedEvent } from '@fundline/messaging';
import { ConceptHistoryRecord } from './history/concept-history.entity';
import { ScreeningRecord, SubmissionRecord } from './lifecycle/submission.entity';
import { ConceptsSchema1763800000000 } from './migrations/1763800000000-concepts-schema';
import { SubmissionsAndScreening1764000000000 } from './migrations/1764000000000-submissions-and-screening';
import { PublishReferenceData1764300000000 } from './migrations/1764300000000-publish-reference-data';
import { OfficialReferenceLists1764900000000 } from './migrations/1764900000000-official-reference-lists';
import { ScreeningOrder1765000000000 } from './migrations/1765000000000-screening-order';
import { Documents1766400000000 } from './migrations/1766400000000-documents';
import { BudgetCategories1766700000000 } from './migrations/1766700000000-budget-categories';
import { ResultsFrameworks1767500000000 } from './migrations/1767500000000-results-frameworks';
import { ReferenceVersionRecord } from './reference-data/reference-version.entity';

/** The entities of the concepts schema that TypeORM maps. */
export const CONCEPTS_ENTITIES = [
  OutboxMessage,
  ProcessedEvent,
  SubmissionRecord,
  ScreeningRecord,
  ConceptHistoryRecord,
  ReferenceVersionRecord,
];

/** The concepts schema's migrations, oldest first: the service runs them at start; tests may run a prefix. */
export const CONCEPTS_MIGRATIONS = [
  ConceptsSchema1763800000000,
  SubmissionsAndScreening1764000000000,
  PublishReferenceData1764300000000,
  OfficialReferenceLists1764900000000,
  ScreeningOrder1765000000000,
  Documents1766400000000,
  BudgetCategories1766700000000,
  ResultsFrameworks1767500000000,
];
