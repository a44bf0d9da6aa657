import { schemaOf } from '@fundline/persistence';
import { createMessagingTables, dropMessagingTables } from '@fundline/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportingSchema1763800000000 implements MigrationInterface {
  name = 'ReportingSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await createMessagingTables(q, s);
    await q.query(`
      CREATE TABLE "${s}"."pipeline_entries" (
        "concept_id" uuid PRIMARY KEY,
        "fund" text NOT NULL,
        "title" text NOT NULL,
        "status" text NOT NULL,
        "version" int NOT NULL,
        "submitting_country" char(3) NOT NULL,
        "scope" text NOT NULL,
        "countries" char(3)[] NOT NULL,
        "thematic_area" int NULL,
        "requested_minor" bigint NOT NULL,
        "currency" char(3) NOT NULL,
        "submitted_at" timestamptz NOT NULL,
        "last_event_id" uuid NOT NULL,
        "projected_at" timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX "pipeline_entries_by_country" ON "${s}"."pipeline_entries" ("submitting_country", "submitted_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE "${s}"."pipeline_entries"`);
    await dropMessagingTables(q, s);
  }
}
