import { runService } from '@fundline/http';
import { rebuildReadModel } from './rebuild/rebuild-read-model';
import { REPORTING_SCHEMA, ReportingModule } from './reporting.module';

/** `node dist/apps/reporting/main.js rebuild` (npm run reporting:rebuild): replays the topics into a fresh read model. */
async function rebuild(): Promise<void> {
  const width = 30;
  const result = await rebuildReadModel({
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fundline',
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    kafkaNamespace: process.env.KAFKA_NAMESPACE ?? '',
    schema: REPORTING_SCHEMA,
    progress: (done, total) => {
      const filled = total ? Math.min(width, Math.round((done / total) * width)) : width;
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} events`);
    },
  });
  process.stderr.write(
    `\nread model rebuilt from ${result.events} events in ${result.seconds.toFixed(1)} s and swapped in\n`,
  );
}

if (process.argv[2] === 'rebuild') {
  rebuild().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`\nrebuild failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
} else {
  runService({
    name: 'reporting',
    schema: REPORTING_SCHEMA,
    defaultPort: 3003,
    title: 'Fundline reporting',
    description: 'Read model built from Kafka events: pipeline, credit-line reports, fund status, obligations',
    module: (config) => ReportingModule.forRoot(config),
  });
}
