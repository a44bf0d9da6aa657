import { FundPolicies } from '@fundline/domain';
import { Money } from '@fundline/money';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deliveryRate, usd } from '../credit-line-report/credit-line-report';
import { FundParametersReplica } from '../fund-parameters/fund-parameters.replica';
import { tableOf } from '@fundline/persistence';
import { movementsUpTo } from '../finance/ledger-totals';

/**
 * M13: a pooled fund's status in the sources / uses / balance layout of trust-fund administrators (uses: transfers,
 * refunds as a negative, the Administrative Agent fee, direct costs and bank charges, these two itemised in `costs`), with
 * capitalization progress against the target in force at `asOf`, contributions by donor, and transfers and expenditure
 * by organisation and thematic area. Drawn from projected events only, as of any moment.
 */
@Injectable()
export class FundStatusReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly parameters: FundParametersReplica,
  ) {}

  async report(fund: string, asOf: Date) {
    const m = this.dataSource.manager;
    const [t] = (await m.query(
      `SELECT
         coalesce(sum(CASE WHEN kind = 'contributions' THEN -signed END), 0)::text AS contributions,
         coalesce(sum(CASE WHEN kind = 'income' AND entry_type = 'income.interest' THEN -signed END), 0)::text AS interest,
         coalesce(sum(CASE WHEN kind = 'income' AND entry_type <> 'income.interest' THEN -signed END), 0)::text AS other_income,
         coalesce(sum(CASE WHEN kind = 'transfers' THEN signed END), 0)::text AS transfers,
         coalesce(sum(CASE WHEN kind = 'refunds' THEN -signed END), 0)::text AS refunds,
         coalesce(sum(CASE WHEN kind = 'fees' THEN signed END), 0)::text AS fees,
         coalesce(sum(CASE WHEN kind = 'directCosts' THEN signed END), 0)::text AS direct_costs,
         coalesce(sum(CASE WHEN kind = 'bankCharges' THEN signed END), 0)::text AS bank_charges,
         coalesce(sum(CASE WHEN kind = 'cash' THEN signed END), 0)::text AS cash
       FROM (${movementsUpTo((name) => tableOf(this.dataSource, name), { fund: '$1', cut: '$2', inclusive: true })}) x`,
      [fund, asOf],
    )) as Array<Record<string, string>>;
    const b = (v: string) => BigInt(v);
    const sources = b(t.contributions) + b(t.interest) + b(t.other_income);
    const uses = b(t.transfers) - b(t.refunds) + b(t.fees) + b(t.direct_costs) + b(t.bank_charges);

    const costs = (await m.query(
      `SELECT kind, pocket_code AS "pocketCode", incurred_on::text AS "incurredOn", description, amount_minor::text AS amount
       FROM ${tableOf(this.dataSource, 'fund_costs')} WHERE fund_code = $1 AND recorded_at <= $2
       ORDER BY incurred_on, sequence`,
      [fund, asOf],
    )) as Array<{ kind: string; pocketCode: string; incurredOn: string; description: string; amount: string }>;

    const donors = (await m.query(
      `SELECT donor_id, coalesce(max(donor_name), donor_id::text) AS donor, original_currency,
              sum(original_minor)::text AS original, sum(usd_minor)::text AS usd
       FROM ${tableOf(this.dataSource, 'deposits')} WHERE fund_code = $1 AND recorded_at <= $2
       GROUP BY donor_id, original_currency ORDER BY donor, donor_id, original_currency`,
      [fund, asOf],
    )) as Array<{ donor_id: string; donor: string; original_currency: string; original: string; usd: string }>;
    const byDonor = new Map<
      string,
      { donor: string; original: Array<{ amount: string; currency: string }>; usd: bigint }
    >();
    for (const d of donors) {
      const entry = byDonor.get(d.donor_id) ?? { donor: d.donor, original: [], usd: 0n };
      entry.original.push(Money.ofMinor(BigInt(d.original), d.original_currency).toJSON());
      entry.usd += BigInt(d.usd);
      byDonor.set(d.donor_id, entry);
    }

    // Grouped by organisation over the fund's own allocations, each read through its index (the latest report per
    // allocation, organisation and year counts): the cost follows this fund's allocations, not every fund's transfers.
    // OFFSET 0 keeps the planner from flattening the lateral read into a scan of the whole table.
    const organisations = (await m.query(
      `WITH fund AS (SELECT allocation_id FROM ${tableOf(this.dataSource, 'allocations')} WHERE fund_code = $1),
       transferred AS (
         SELECT t.organisation, sum(t.amount_minor) AS amount FROM fund a
         CROSS JOIN LATERAL (SELECT organisation, amount_minor FROM ${tableOf(this.dataSource, 'transfers')} t
                             WHERE t.allocation_id = a.allocation_id AND t.recorded_at <= $2 OFFSET 0) t
         GROUP BY t.organisation),
       spent AS (
         SELECT organisation, sum(amount_minor) AS amount FROM fund a
         CROSS JOIN LATERAL (SELECT DISTINCT ON (x.organisation, x.year) x.organisation, x.amount_minor
                             FROM ${tableOf(this.dataSource, 'expenditure_reports')} x
                             WHERE x.allocation_id = a.allocation_id AND x.reported_at <= $2
                             ORDER BY x.organisation, x.year, x.reported_at DESC, x.sequence DESC) latest
         GROUP BY organisation)
       SELECT t.organisation, t.amount::text AS transferred, coalesce(s.amount, 0)::text AS spent
       FROM transferred t LEFT JOIN spent s USING (organisation) ORDER BY t.organisation`,
      [fund, asOf],
    )) as Array<{ organisation: string; transferred: string; spent: string }>;

    const areas = (await m.query(
      `SELECT p.thematic_area AS area, sum(a.amount_minor)::text AS approved,
         coalesce(sum(CASE WHEN a.transfers_until IS NULL OR a.transfers_until <= $2 THEN a.transferred_minor
                      ELSE (SELECT sum(t.amount_minor) FROM ${tableOf(this.dataSource, 'transfers')} t
                            WHERE t.allocation_id = a.allocation_id AND t.recorded_at <= $2) END), 0)::text AS transferred,
         coalesce(sum(CASE WHEN a.expenditure_until IS NULL OR a.expenditure_until <= $2 THEN a.spent_minor
                      ELSE (SELECT sum(e.amount_minor) FROM (
                        SELECT DISTINCT ON (x.organisation, x.year) x.amount_minor
                        FROM ${tableOf(this.dataSource, 'expenditure_reports')} x
                        WHERE x.allocation_id = a.allocation_id AND x.reported_at <= $2
                        ORDER BY x.organisation, x.year, x.reported_at DESC, x.sequence DESC) e) END), 0)::text AS spent
       FROM ${tableOf(this.dataSource, 'allocations')} a JOIN ${tableOf(this.dataSource, 'pipeline_entries')} p ON p.concept_id = a.concept_id
       WHERE a.fund_code = $1 AND a.approved_at <= $2 GROUP BY p.thematic_area ORDER BY p.thematic_area`,
      [fund, asOf],
    )) as Array<{ area: number; approved: string; transferred: string; spent: string }>;

    // M13 (configurable): the target in force at `asOf`, named by the fund's policy; a fund without one has none.
    const targetParameter = FundPolicies.of(fund).capitalizationTarget;
    const target = targetParameter && (await this.parameters.inForceAt(asOf)).money(targetParameter).amountMinor;
    return {
      fund,
      currency: 'USD',
      asOf: asOf.toISOString(),
      sources: {
        contributions: usd(b(t.contributions)),
        interestIncome: usd(b(t.interest)),
        otherIncome: usd(b(t.other_income)),
        total: usd(sources),
      },
      uses: {
        transfers: usd(b(t.transfers)),
        refunds: usd(-b(t.refunds)),
        administrativeAgentFee: usd(b(t.fees)),
        directCosts: usd(b(t.direct_costs)),
        bankCharges: usd(b(t.bank_charges)),
        total: usd(uses),
      },
      costs: costs.map((c) => ({ ...c, amount: usd(BigInt(c.amount)) })),
      balance: usd(sources - uses),
      capitalization:
        target === undefined
          ? null
          : {
              target: usd(target),
              deposited: usd(b(t.contributions)),
              progress: deliveryRate(b(t.contributions), target),
            },
      contributionsByDonor: [...byDonor.values()].map((d) => ({
        donor: d.donor,
        original: d.original,
        usd: usd(d.usd),
      })),
      byOrganisation: organisations.map((o) => ({
        organisation: o.organisation,
        transferred: usd(BigInt(o.transferred)),
        expenditure: usd(BigInt(o.spent)),
        deliveryRate: deliveryRate(BigInt(o.spent), BigInt(o.transferred)),
      })),
      byThematicArea: areas.map((a) => ({
        thematicArea: a.area,
        approved: usd(BigInt(a.approved)),
        transferred: usd(BigInt(a.transferred)),
        expenditure: usd(BigInt(a.spent)),
      })),
      cashCheck: usd(b(t.cash)),
    };
  }
}
