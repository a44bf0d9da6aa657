import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results frameworks (issue 14): a submission may carry one, beside its content, since both forms share it. Rows
 * written before have none (NULL): a draft among them needs one before a concept note is submitted (M14); what was
 * submitted keeps what it said. The check holds what the application checks too, so a framework is never stored
 * without outcomes.
 */
export class ResultsFrameworks1767500000000 implements MigrationInterface {
  name = 'ResultsFrameworks1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "concepts"."submissions" ADD COLUMN "results_framework" jsonb`);
    await q.query(`
      ALTER TABLE "concepts"."submissions" ADD CONSTRAINT "submissions_results_framework_has_outcomes" CHECK (
        "results_framework" IS NULL OR (
          jsonb_typeof("results_framework" -> 'outcomes') = 'array'
          AND jsonb_array_length("results_framework" -> 'outcomes') BETWEEN 1 AND 20
        )
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "concepts"."submissions" DROP COLUMN "results_framework"`);
  }
}
