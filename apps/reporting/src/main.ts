import { runService } from '@fundline/http';
import { REPORTING_SCHEMA, ReportingModule } from './reporting.module';

runService({
  name: 'reporting',
  schema: REPORTING_SCHEMA,
  defaultPort: 3003,
  title: 'Fundline reporting',
  description: 'Read model built from Kafka events: pipeline, credit-line reports, fund status',
  module: (config) => ReportingModule.forRoot(config),
});
