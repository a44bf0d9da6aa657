import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order verdicts were given in, independent of the clock: two screenings of one version can carry the same
 * `screened_at` (a re-screen within the same instant, a clock stepped back), and the latest must still be known.
 */
export class ScreeningOrder1765000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "concepts"."screenings" ADD COLUMN "sequence" bigserial NOT NULL`);
    // Screenings already there are numbered in the order they were given, not as the table happens to hold them.
    // The append-only trigger refuses updates, so it steps aside for this one renumbering.
    await q.query(`ALTER TABLE "concepts"."screenings" DISABLE TRIGGER "screenings_append_only"`);
    await q.query(`
      UPDATE "concepts"."screenings" s SET "sequence" = o.n
        FROM (SELECT id, row_number() OVER (ORDER BY screened_at, id) AS n FROM "concepts"."screenings") o
       WHERE s.id = o.id`);
    await q.query(`ALTER TABLE "concepts"."screenings" ENABLE TRIGGER "screenings_append_only"`);
    await q.query(
      `SELECT setval(pg_get_serial_sequence('"concepts"."screenings"', 'sequence'), coalesce(max("sequence"), 0) + 1, false) FROM "concepts"."screenings"`,
    );
    await q.query(
      `CREATE INDEX "screenings_in_order" ON "concepts"."screenings" ("submission_id", "version", "sequence")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "concepts"."screenings_in_order"`);
    await q.query(`ALTER TABLE "concepts"."screenings" DROP COLUMN "sequence"`);
  }
}
