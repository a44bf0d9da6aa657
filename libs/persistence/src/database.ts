import { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSourceOptions } from 'typeorm';

export interface DatabaseOptions {
  url: string;
  /** The schema this service owns; nothing else writes to it. */
  schema: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  poolSize?: number;
}

/** The schema must exist before TypeORM can keep its migrations table in it. */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}

/** Migrations run on start; `synchronize` stays off so the schema only ever changes through reviewed migrations. */
export function typeOrmOptions(options: DatabaseOptions): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    extra: { max: options.poolSize ?? 10, application_name: `fundline-${options.schema}` },
  };
}

/**
 * A table of the service's own schema, quoted, for raw SQL. Queries name their schema through the data source, so the
 * same code can fill another copy of the schema (the reporting rebuild writes into a fresh one, then swaps it in).
 */
export function tableOf(source: { connection: { options: object } } | { options: object }, table: string): string {
  const options = ('connection' in source ? source.connection.options : source.options) as { schema?: string };
  return `"${options.schema ?? 'public'}"."${table}"`;
}

/** The schema a migration runs in: the service's own, or a fresh copy being rebuilt. */
export function schemaOf(queryRunner: { connection: { options: object } }): string {
  return (queryRunner.connection.options as { schema?: string }).schema ?? 'public';
}
