import { OutboxMessage, ProcessedEvent } from '@fundline/messaging';
import { ensureSchema, typeOrmOptions } from '@fundline/persistence';
import { DataSource, DataSourceOptions } from 'typeorm';
import { PipelineDecisionRecord, PipelineEntryRecord } from '../pipeline/pipeline-entry.entity';
import { REPORTING_MIGRATIONS } from '../reporting.migrations';

/**
 * The read model's schema in the database at `url`, migrated, on a small pool: what the report benchmark and the
 * report property tests fill with a generated history and query as the service would.
 */
export async function reportingDataSource(url: string, extra: Record<string, unknown> = {}): Promise<DataSource> {
  await ensureSchema(url, 'reporting');
  const dataSource = new DataSource({
    ...(typeOrmOptions({
      url,
      schema: 'reporting',
      entities: [OutboxMessage, ProcessedEvent, PipelineEntryRecord, PipelineDecisionRecord],
      migrations: REPORTING_MIGRATIONS,
      poolSize: 2,
    }) as DataSourceOptions),
    ...(Object.keys(extra).length > 0 ? { extra: { max: 2, ...extra } } : {}),
  } as DataSourceOptions);
  await dataSource.initialize();
  return dataSource;
}
