import { FUND_PARAMETERS_SEED } from '@fundline/contracts';
import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

const THRESHOLD = 'revision.budget-move-threshold-basis-points';

/**
 * Issue 14: budgets by category and revisions as requests. The pipeline replica keeps the submitted budget (null for
 * submissions published before it had categories); an allocation keeps its budget by organisation and category, one
 * `uncategorised` line per organisation (its share) for allocations approved before; revisions are requests with a
 * status and a decision. The database holds each budget to the amount it adds up to, as the aggregate does (RV2).
 * The RV1 threshold is seeded for databases whose fund parameters were seeded before it existed.
 */
export class Revisions1766700000000 implements MigrationInterface {
  name = 'Revisions1766700000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`ALTER TABLE "${s}"."pipeline_replica" ADD COLUMN "budget" jsonb NULL`);
    await q.query(`
      CREATE FUNCTION "${s}"."budget_adds_up"(budget jsonb, amount_minor bigint) RETURNS boolean
      LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_typeof(budget) = 'array'
          AND coalesce(bool_and(l->>'amountMinor' ~ '^[0-9]+$'), true)
          AND coalesce(sum((l->>'amountMinor')::numeric), 0) = amount_minor
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(budget) = 'array' THEN budget ELSE '[]' END) AS l
      $$`);
    await q.query(`ALTER TABLE "${s}"."allocations" ADD COLUMN "budget" jsonb NULL`);
    await q.query(
      `UPDATE "${s}"."allocations" a SET "budget" = (
         SELECT coalesce(jsonb_agg(jsonb_build_object('organisation', sh->>'organisation', 'category', 'uncategorised',
                  'amountMinor', sh->>'approvedMinor') ORDER BY sh->>'organisation'), '[]')
         FROM jsonb_array_elements(a."shares") AS sh)`,
    );
    await q.query(`ALTER TABLE "${s}"."allocations" ALTER COLUMN "budget" SET NOT NULL,
      ADD CONSTRAINT "allocation_budget_adds_up" CHECK ("${s}"."budget_adds_up"("budget", "amount_minor"))`);
    await q.query(`
      CREATE TABLE "${s}"."allocation_revisions" (
        "id" uuid PRIMARY KEY,
        "allocation_id" uuid NOT NULL REFERENCES "${s}"."allocations" ("id"),
        "kind" text NOT NULL CHECK ("kind" IN ('budget-revision', 'no-cost-extension', 'scope-change')),
        "status" text NOT NULL CHECK ("status" IN ('recorded', 'pending', 'approved', 'refused')),
        "justification" text NOT NULL CHECK (btrim("justification") <> ''),
        "amount_minor" bigint NULL CHECK ("amount_minor" > 0),
        "budget" jsonb NULL,
        "base_budget" jsonb NULL,
        "base_end_date" date NOT NULL,
        "new_end_date" date NULL CHECK ("new_end_date" > "base_end_date"),
        "scope" text NULL,
        "needs_approval_because" jsonb NOT NULL,
        "requested_by" text NOT NULL,
        "requested_role" text NOT NULL,
        "requested_at" timestamptz NOT NULL,
        "decided_by" text NULL,
        "decided_at" timestamptz NULL,
        "decision_reason" text NULL,
        CHECK ("budget" IS NULL OR "${s}"."budget_adds_up"("budget", "amount_minor")),
        CHECK (("status" IN ('approved', 'refused')) = ("decided_at" IS NOT NULL AND "decision_reason" IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX "allocation_revisions_of_allocation" ON "${s}"."allocation_revisions" ("allocation_id", "requested_at")`,
    );
    await q.query(
      `INSERT INTO "${s}"."reference_replica" ("dataset", "key", "effective_from", "value")
       VALUES ('fund-parameter', $1, '2019-01-01', jsonb_build_object('value', $2::int)) ON CONFLICT DO NOTHING`,
      [THRESHOLD, FUND_PARAMETERS_SEED[THRESHOLD]],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE "${s}"."allocation_revisions"`);
    await q.query(`ALTER TABLE "${s}"."allocations" DROP COLUMN "budget"`);
    await q.query(`DROP FUNCTION "${s}"."budget_adds_up"(jsonb, bigint)`);
    await q.query(`ALTER TABLE "${s}"."pipeline_replica" DROP COLUMN "budget"`);
  }
}
