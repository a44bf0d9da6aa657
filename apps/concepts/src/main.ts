import { runService } from '@fundline/http';
import { CONCEPTS_SCHEMA, ConceptsModule } from './concepts.module';

runService({
  name: 'concepts',
  schema: CONCEPTS_SCHEMA,
  defaultPort: 3001,
  title: 'Fundline concepts',
  description: 'Concept notes (Migration MPTF) and project proposals (Fund 1035): drafting, submission, screening',
  module: (config) => ConceptsModule.forRoot(config),
});
