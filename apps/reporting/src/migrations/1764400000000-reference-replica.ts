import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferenceReplica1764400000000 implements MigrationInterface {
  name = 'ReferenceReplica1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE "${s}"."reference_versions" (
        "dataset" text NOT NULL,
        "key" text NOT NULL,
        "effective_from" date NOT NULL,
        "value" jsonb NULL,
        PRIMARY KEY ("dataset", "key", "effective_from")
      )`);
    // Status set by the funds service's decisions and money. Kept apart from the concepts service's status because
    // the two topics are not ordered with each other: a late concept event must not hide a decision.
    await q.query(`
      CREATE TABLE "${s}"."pipeline_decisions" (
        "concept_id" uuid PRIMARY KEY,
        "status" text NOT NULL,
        "decided_at" timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE "${s}"."pipeline_decisions"`);
    await q.query(`DROP TABLE "${s}"."reference_versions"`);
  }
}
