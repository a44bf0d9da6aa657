import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: each allocation's budget by organisation and category, version by version (an approval, then each budget
 * revision in force), so a budget report can be drawn as it stood at any moment: the latest version recorded by then
 * (versions, not times, order them: two can share an instant). Filled from the events: allocations
 * approved before categories get one `uncategorised` line per organisation's share when the read model is rebuilt.
 */
export class BudgetLines1767400000000 implements MigrationInterface {
  name = 'BudgetLines1767400000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE "${s}"."budget_lines" (
        "allocation_id" uuid NOT NULL,
        "version" int NOT NULL CHECK ("version" >= 1),
        "organisation" text NOT NULL,
        "category" text NOT NULL,
        "amount_minor" bigint NOT NULL CHECK ("amount_minor" >= 0),
        "recorded_at" timestamptz NOT NULL,
        PRIMARY KEY ("allocation_id", "version", "organisation", "category")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${schemaOf(q)}"."budget_lines"`);
  }
}
