import { FUND_PARAMETERS_SEED } from '@fundline/contracts';
import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting keeps the fund parameters too (M13 reads the capitalization target in force): their first values, as
 * concepts and funds seed them, and every later version from `reference-data.recorded.v1`, in `reference_versions`.
 */
export class FundParametersReplica1765200000000 implements MigrationInterface {
  name = 'FundParametersReplica1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO "${schemaOf(q)}"."reference_versions" ("dataset", "key", "effective_from", "value")
       SELECT 'fund-parameter', k, '2019-01-01', jsonb_build_object('value', v)
       FROM unnest($1::text[], $2::bigint[]) AS t(k, v)
       ON CONFLICT DO NOTHING`,
      [Object.keys(FUND_PARAMETERS_SEED), Object.values(FUND_PARAMETERS_SEED).map(String)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM "${schemaOf(q)}"."reference_versions" WHERE dataset = 'fund-parameter' AND effective_from = '2019-01-01'`,
    );
  }
}
