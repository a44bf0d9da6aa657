import { createMessagingTables, dropMessagingTables } from '@fundline/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

const POCKETS: ReadonlyArray<[fund: string, code: string, name: string, kind: string, thematicArea: number | null]> = [
  ['MIGRATION_MPTF', 'UNEARMARKED', 'Unearmarked pool', 'pool', null],
  ['MIGRATION_MPTF', 'THEMATIC_1', 'Thematic area 1: data-driven discourse, policy and planning', 'thematic-window', 1],
  ['MIGRATION_MPTF', 'THEMATIC_2', 'Thematic area 2: protecting migrants', 'thematic-window', 2],
  ['MIGRATION_MPTF', 'THEMATIC_3', 'Thematic area 3: irregular migration and borders', 'thematic-window', 3],
  ['MIGRATION_MPTF', 'THEMATIC_4', 'Thematic area 4: regular migration and decent work', 'thematic-window', 4],
  ['MIGRATION_MPTF', 'THEMATIC_5', 'Thematic area 5: social inclusion and integration', 'thematic-window', 5],
  ['FUND_1035', 'LINE_1', 'Credit line 1', 'credit-line', null],
  ['FUND_1035', 'LINE_2', 'Credit line 2', 'credit-line', null],
];

export class FundsSchema1763800000000 implements MigrationInterface {
  name = 'FundsSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'funds');
    await q.query(`
      CREATE TABLE "funds"."funds" (
        "code" text PRIMARY KEY,
        "name" text NOT NULL,
        "reporting_currency" char(3) NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "funds"."pockets" (
        "fund_code" text NOT NULL REFERENCES "funds"."funds" ("code"),
        "code" text NOT NULL,
        "name" text NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('pool', 'thematic-window', 'credit-line')),
        "thematic_area" int NULL,
        PRIMARY KEY ("fund_code", "code")
      )`);
    await q.query(`
      CREATE TABLE "funds"."pipeline_replica" (
        "concept_id" uuid PRIMARY KEY,
        "fund" text NOT NULL,
        "status" text NOT NULL,
        "submitting_country" char(3) NOT NULL,
        "countries" char(3)[] NOT NULL,
        "requested_minor" bigint NOT NULL,
        "currency" char(3) NOT NULL,
        "updated_at" timestamptz NOT NULL
      )`);
    await q.query(`
      INSERT INTO "funds"."funds" ("code", "name", "reporting_currency") VALUES
        ('MIGRATION_MPTF', 'Migration Multi-Partner Trust Fund', 'USD'),
        ('FUND_1035', 'IOM Development Fund (Fund 1035)', 'USD')`);
    for (const [fund, code, name, kind, thematicArea] of POCKETS) {
      await q.query(
        `INSERT INTO "funds"."pockets" ("fund_code", "code", "name", "kind", "thematic_area") VALUES ($1, $2, $3, $4, $5)`,
        [fund, code, name, kind, thematicArea],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "funds"."pipeline_replica"`);
    await q.query(`DROP TABLE "funds"."pockets"`);
    await q.query(`DROP TABLE "funds"."funds"`);
    await dropMessagingTables(q, 'funds');
  }
}
