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

/** M7 pipeline views and the F10 regional balance, from the read model. */
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

  /**
   * F10: per region, the share of Fund 1035 allocations (approved amounts) beside the share of eligible Member
   * States (on the beneficiary list in force on the date), so the approving body can see the balance.
   */
  async regionalBalance(on: string) {
    const rows = (await this.dataSource.manager.query(
      `WITH ref AS (
         SELECT DISTINCT ON (dataset, key) dataset, key, value FROM ${tableOf(this.dataSource, 'reference_versions')}
         WHERE effective_from <= $1::date ORDER BY dataset, key, effective_from DESC),
       eligible AS (
         SELECT c.value->>'region' AS region, count(*)::int AS states
         FROM ref c JOIN ref b ON b.dataset = 'fund1035-beneficiary' AND b.key = c.key
         WHERE c.dataset = 'country' AND (c.value->>'iomMember')::boolean
           AND b.value->>'incomeGroup' <> 'high' AND NOT (b.value->>'euMember')::boolean AND NOT (b.value->>'withdrawn')::boolean
         GROUP BY 1),
       allocated AS (
         SELECT p.region, sum(a.amount_minor) AS amount
         FROM ${tableOf(this.dataSource, 'allocations')} a JOIN ${tableOf(this.dataSource, 'pipeline_entries')} p ON p.concept_id = a.concept_id
         WHERE a.fund_code = 'FUND_1035' AND a.approved_at <= ($1::date + 1) GROUP BY 1)
       SELECT coalesce(e.region, a.region) AS region, coalesce(e.states, 0) AS states, coalesce(a.amount, 0)::text AS allocated
       FROM eligible e FULL JOIN allocated a ON a.region = e.region ORDER BY 1 NULLS LAST`,
      [on],
    )) as Array<{ region: string | null; states: number; allocated: string }>;
    const totalStates = rows.reduce((s, r) => s + r.states, 0);
    const totalAllocated = rows.reduce((s, r) => s + BigInt(r.allocated), 0n);
    const share = (part: bigint, whole: bigint) =>
      whole === 0n
        ? '0.0000'
        : `${(part * 10_000n) / whole / 10_000n}.${(((part * 10_000n) / whole) % 10_000n).toString().padStart(4, '0')}`;
    return {
      on,
      totalAllocated: usd(totalAllocated),
      eligibleStates: totalStates,
      regions: rows.map((r) => ({
        region: r.region,
        allocated: usd(BigInt(r.allocated)),
        shareOfAllocations: share(BigInt(r.allocated), totalAllocated),
        eligibleStates: r.states,
        shareOfEligibleStates: share(BigInt(r.states), BigInt(totalStates)),
      })),
    };
  }
}
