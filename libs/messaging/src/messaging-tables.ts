import { QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables, created by each service's own first migration inside its own schema, so a service
 * never shares a table with another.
 */
export async function createMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}"."outbox" (
      "event_id" uuid PRIMARY KEY,
      "sequence" bigserial NOT NULL UNIQUE,
      "topic" text NOT NULL,
      "message_key" text NOT NULL,
      "type" text NOT NULL,
      "envelope" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "published_at" timestamptz NULL
    )`);
  await queryRunner.query(
    `CREATE INDEX "outbox_unpublished" ON "${schema}"."outbox" ("sequence") WHERE "published_at" IS NULL`,
  );
  await queryRunner.query(`
    CREATE TABLE "${schema}"."processed_events" (
      "event_id" uuid PRIMARY KEY,
      "type" text NOT NULL,
      "topic" text NOT NULL,
      "partition" int NOT NULL,
      "message_offset" bigint NOT NULL,
      "processed_at" timestamptz NOT NULL DEFAULT now()
    )`);
}

export async function dropMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."processed_events"`);
  await queryRunner.query(`DROP TABLE "${schema}"."outbox"`);
}
