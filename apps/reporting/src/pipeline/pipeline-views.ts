import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { usd } from '../credit-line-report/credit-line-report';
import { tableOf } from '@fundline/persistence';

export const GROUPINGS = {
  status: 'coalesce(d.status, p.status)',
  thematicArea: 'p.thematic_area::text',
  focusArea: 'p.focus_area',
  region: 'p.region',
  country: 'p.submitting_country',
} as const;

/** M7 pipeline views, from the read model. */
@Injectable()
export class PipelineViews {
  constructor(private readonly dataSource: DataSource) {}

  /** Entries grouped by one dimension, with their count, requested total, oldest age and nearest expiry. */
  async grouped(fund: string | undefined, by: keyof typeof GROUPINGS, today: Date) {
    const rows = (await this.dataSource.manager.query(
      `SELECT ${GROUPINGS[by]} AS "group", count(*)::int AS entries, sum(p.requested_minor)::text AS requested,
              max(extract(day FROM ($2::timestamptz - p.submitted_at)))::int AS "oldestAgeDays",
              min(p.expires_at) AS "nearestExpiry"
       FROM ${tableOf(this.dataSource, 'pipeline_entries')} p
       LEFT JOIN ${tableOf(this.dataSource, 'pipeline_decisions')} d ON d.concept_id = p.concept_id
       WHERE ($1::text IS NULL OR p.fund = $1)
       GROUP BY 1 ORDER BY 1 NULLS LAST`,
      [fund ?? null, today],
    )) as Array<{
      group: string | null;
      entries: number;
      requested: string;
      oldestAgeDays: number;
      nearestExpiry: Date | null;
    }>;
    return rows.map((r) => ({
      [by]: r.group,
      entries: r.entries,
      requested: usd(BigInt(r.requested)),
      oldestAgeDays: r.oldestAgeDays,
      nearestExpiry: r.nearestExpiry?.toISOString() ?? null,
    }));
  }
}
