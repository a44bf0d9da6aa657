import { dayOf, FundParameters } from '@fundline/domain';
import { tableOf } from '@fundline/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The fund parameters as reporting keeps them: every version the concepts service recorded (`reference_versions`,
 * dataset `fund-parameter`, first seeded by a migration, then fed by `reference-data.recorded.v1`), so that a report
 * as of any moment weighs with the values in force then, not with today's nor the seed's.
 */
@Injectable()
export class FundParametersReplica {
  constructor(private readonly dataSource: DataSource) {}

  /** The parameters in force at `at`: a version counts from the start (UTC) of its effective day. */
  async inForceAt(at: Date): Promise<FundParameters> {
    const rows = (await this.dataSource.manager.query(
      `SELECT DISTINCT ON (key) key, value FROM ${tableOf(this.dataSource, 'reference_versions')}
       WHERE dataset = 'fund-parameter' AND effective_from <= $1::date ORDER BY key, effective_from DESC`,
      [dayOf(at)],
    )) as Array<{ key: string; value: { value: unknown } | null }>;
    return FundParameters.of(rows.flatMap((r) => (r.value === null ? [] : [[r.key, r.value.value] as const])));
  }
}
