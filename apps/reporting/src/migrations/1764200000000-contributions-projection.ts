import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContributionsProjection1764200000000 implements MigrationInterface {
  name = 'ContributionsProjection1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE "${s}"."deposits" (
        "deposit_id" uuid PRIMARY KEY,
        "donor_id" uuid NOT NULL,
        "donor_name" text NULL,
        "fund_code" text NOT NULL,
        "pocket_code" text NOT NULL,
        "original_minor" bigint NOT NULL,
        "original_currency" char(3) NOT NULL,
        "usd_minor" bigint NOT NULL,
        "fee_minor" bigint NOT NULL,
        "deposit_date" date NOT NULL,
        "recorded_at" timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE "${s}"."deposits"`);
  }
}
