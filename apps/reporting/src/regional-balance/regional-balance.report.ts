import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tableOf } from '@fundline/persistence';
import { FundPolicies } from '@fundline/domain';
import { usd } from '../credit-line-report/credit-line-report';

/**
 * F10: per region, the share of Fund 1035 allocations (approved amounts of the funds reported by credit line) beside
 * the share of eligible Member States (on the beneficiary list in force on the date), so the approving body can see
 * the balance.
 */
@Injectable()
export class RegionalBalanceReport {
  constructor(private readonly dataSource: DataSource) {}

  async report(on: string) {
    const rows = (await this.dataSource.manager.query(
      `WITH ref AS (
         SELECT DISTINCT ON (dataset, key) dataset, key, value FROM ${tableOf(this.dataSource, 'reference_versions')}
         WHERE dataset IN ('country', 'fund1035-beneficiary') AND effective_from <= $1::date
         ORDER BY dataset, key, effective_from DESC),
       eligible AS (
         SELECT c.value->>'region' AS region, count(*)::int AS states
         FROM ref c JOIN ref b ON b.dataset = 'fund1035-beneficiary' AND b.key = c.key
         WHERE c.dataset = 'country' AND (c.value->>'iomMember')::boolean
           AND b.value->>'incomeGroup' <> 'high' AND NOT (b.value->>'euMember')::boolean AND NOT (b.value->>'withdrawn')::boolean
         GROUP BY 1),
       allocated AS (
         SELECT p.region, sum(a.amount_minor) AS amount
         FROM ${tableOf(this.dataSource, 'allocations')} a JOIN ${tableOf(this.dataSource, 'pipeline_entries')} p ON p.concept_id = a.concept_id
         WHERE a.fund_code = ANY($2::text[]) AND a.approved_at <= ($1::date + 1) GROUP BY 1)
       SELECT coalesce(e.region, a.region) AS region, coalesce(e.states, 0) AS states, coalesce(a.amount, 0)::text AS allocated
       FROM eligible e FULL JOIN allocated a ON a.region = e.region ORDER BY 1 NULLS LAST`,
      [on, FundPolicies.withReport('credit-lines').map((p) => p.code)],
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
