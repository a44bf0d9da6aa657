import { Actor } from '@fundline/contracts';
import { FundPolicies, FundPolicy, startOfDay, yearOf } from '@fundline/domain';
import { Money } from '@fundline/money';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tableOf } from '@fundline/persistence';
import { movementsUpTo } from '../finance/ledger-totals';

/**
 * What a report covers: a fund year (ADR 0015: the year's funding and every movement that belongs to that year, with
 * the balance carried over from earlier years as the opening) or a period of posting dates.
 */
export type ReportPeriod = ({ fundYear: number } | { from: string; to: string }) & {
  /** The report as it stood at this moment: only what was recorded by then counts. */
  asOf: Date;
};

export interface CreditLineProject {
  conceptId: string;
  title: string | null;
  country: string | null;
  region: string | null;
  scope: string | null;
  status: string;
  approvedMinor: bigint;
  transferredMinor: bigint;
  spentMinor: bigint;
  /** F12, as of the report's moment: the reports owed so far and how they stand. */
  reports: ProjectReports;
}

export interface ProjectReports {
  /** Reports submitted, and of those how many after their due date. */
  submitted: number;
  submittedLate: number;
  /** Reports due before the report's day and not submitted. */
  overdue: number;
  /** The report submitted last (on a tie, the last kind in alphabetical order), and on which day. */
  last: { kind: string; submittedOn: string } | null;
  /** The earliest report not yet submitted. */
  next: { kind: string; dueOn: string } | null;
}

export interface CreditLineReport {
  fund: string;
  line: string;
  currency: 'USD';
  period: { fundYear?: number; from?: string; to?: string; asOf: string };
  summary: Record<
    | 'openingBalance'
    | 'fundingReceived'
    | 'allocationsApproved'
    | 'transfers'
    | 'expenditure'
    | 'refunds'
    | 'fees'
    | 'directCosts'
    | 'bankCharges'
    | 'releases'
    | 'closingBalance'
    | 'availableBalance'
    | 'committedBalance',
    bigint
  >;
  projects: CreditLineProject[];
}

/**
 * F2 / F12: the accounting report of one credit line of a fund that funds by line (Fund 1035), never mixed with the
 * other, drawn only from the projected events. Balances come from the ledger movements; projects from the allocation
 * events.
 */
@Injectable()
export class CreditLineReports {
  constructor(private readonly dataSource: DataSource) {}

  /** The credit-line pockets of the funds whose policy has the credit-line report. */
  static lines(): Array<{ fund: FundPolicy; line: string }> {
    return FundPolicies.withReport('credit-lines').flatMap((fund) =>
      fund.pockets.filter((p) => p.kind === 'credit-line').map((p) => ({ fund, line: p.code })),
    );
  }

  /** The fund a credit line belongs to, if `line` is one. */
  static fundOf(line: string): FundPolicy | undefined {
    return CreditLineReports.lines().find((l) => l.line === line)?.fund;
  }

  async report(fund: string, line: string, period: ReportPeriod, actor: Actor): Promise<CreditLineReport> {
    const fundYear = 'fundYear' in period ? period.fundYear : null;
    const periodEnd =
      'to' in period
        ? new Date(Math.min(new Date(`${period.to}T23:59:59.999Z`).getTime(), period.asOf.getTime()))
        : period.asOf;
    const table = (name: string) => tableOf(this.dataSource, name);
    const m = this.dataSource.manager;
    // ADR 0018: the movements up to the period's end, read as monthly sums plus the movements of the last month. A fund
    // year counts its own movements, earlier years make its opening balance, later ones are out; a period of posting
    // dates counts what is up to its end less what was before its start (that part is the opening balance).
    const upToEnd = movementsUpTo(table, { fund: '$1', pocket: '$2', cut: '$3', inclusive: true });
    let rows: string;
    let params: unknown[];
    if ('from' in period) {
      const start = startOfDay(period.from);
      // A period that starts after its end (asOf before `from`) has everything before its start.
      const startsAfterEnd = start.getTime() > periodEnd.getTime();
      const beforeStart = startsAfterEnd
        ? upToEnd
        : movementsUpTo(table, { fund: '$1', pocket: '$2', cut: '$4', inclusive: false });
      rows = `WITH early AS MATERIALIZED (${beforeStart})
        SELECT kind, entry_type, false AS before, signed FROM (${upToEnd}) u
        UNION ALL SELECT kind, entry_type, false, -signed FROM early
        UNION ALL SELECT kind, entry_type, true, signed FROM early`;
      params = startsAfterEnd ? [fund, line, periodEnd] : [fund, line, periodEnd, start];
    } else {
      rows = `SELECT kind, entry_type, fund_year < $4 AS before, signed FROM (${upToEnd}) u WHERE fund_year <= $4`;
      params = [fund, line, periodEnd, period.fundYear];
    }
    // The three queries are independent: they run at once, each on its own pooled connection.
    const summing = m.query(
      `SELECT
         coalesce(sum(CASE WHEN kind = 'cash' AND before THEN signed END), 0)::text AS opening,
         coalesce(sum(CASE WHEN kind = 'cash' THEN signed END), 0)::text AS closing,
         coalesce(sum(CASE WHEN kind = 'available' THEN -signed END), 0)::text AS available,
         coalesce(sum(CASE WHEN kind = 'committed' THEN -signed END), 0)::text AS committed,
         coalesce(sum(CASE WHEN kind IN ('contributions', 'income') AND NOT before THEN -signed END), 0)::text AS funding,
         coalesce(sum(CASE WHEN kind = 'committed' AND entry_type = 'allocation.commitment' AND NOT before THEN -signed END), 0)::text AS approved,
         coalesce(sum(CASE WHEN kind = 'committed' AND entry_type = 'allocation.release' AND NOT before THEN signed END), 0)::text AS releases,
         coalesce(sum(CASE WHEN kind = 'transfers' AND NOT before THEN signed END), 0)::text AS transfers,
         coalesce(sum(CASE WHEN kind = 'refunds' AND NOT before THEN -signed END), 0)::text AS refunds,
         coalesce(sum(CASE WHEN kind = 'fees' AND NOT before THEN signed END), 0)::text AS fees,
         coalesce(sum(CASE WHEN kind = 'directCosts' AND NOT before THEN signed END), 0)::text AS direct_costs,
         coalesce(sum(CASE WHEN kind = 'bankCharges' AND NOT before THEN signed END), 0)::text AS bank_charges
       FROM (${rows}) m`,
      params,
    ) as Promise<Array<Record<string, string>>>;

    // Each allocation's totals hold up to the moment of its latest row (ADR 0018); a report as of an earlier moment
    // recomputes only the allocations that moved after it. Obligations are few per project (F12's schedule), so they
    // are read as they stood at the moment: a submission counts once it was recorded.
    const listing = m.query(
      `WITH reports AS (
         SELECT o.allocation_id,
           count(*) FILTER (WHERE o.submitted_at <= $3) AS submitted,
           count(*) FILTER (WHERE o.submitted_at <= $3 AND o.submitted_on > o.due_on) AS late,
           count(*) FILTER (WHERE (o.submitted_at IS NULL OR o.submitted_at > $3)
                              AND o.due_on < ($3::timestamptz AT TIME ZONE 'UTC')::date) AS overdue,
           -- The latest submitted and the earliest owed, as sortable text (cheaper than ordered aggregates).
           max(to_char(o.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || ' ' || o.submitted_on::text
               || ' ' || o.kind) FILTER (WHERE o.submitted_at <= $3) AS last,
           min(o.due_on::text || ' ' || o.kind) FILTER (WHERE o.submitted_at IS NULL OR o.submitted_at > $3) AS next
         FROM ${table('obligations')} o JOIN ${table('allocations')} l ON l.allocation_id = o.allocation_id
         WHERE l.fund_code = $1 AND l.pocket_code = $2 AND l.approved_at <= $3
         GROUP BY o.allocation_id)
       SELECT a.concept_id AS "conceptId", p.title, p.submitting_country AS country, p.region, p.scope,
         a.amount_minor::text AS approved,
         CASE WHEN a.transfers_until IS NULL OR a.transfers_until <= $3 THEN a.transferred_minor
              ELSE coalesce((SELECT sum(t.amount_minor) FROM ${table('transfers')} t
                             WHERE t.allocation_id = a.allocation_id AND t.recorded_at <= $3), 0) END::text AS transferred,
         CASE WHEN a.expenditure_until IS NULL OR a.expenditure_until <= $3 THEN a.spent_minor
              ELSE coalesce((SELECT sum(e.amount_minor) FROM (
                     SELECT DISTINCT ON (organisation, year) amount_minor FROM ${table('expenditure_reports')} x
                     WHERE x.allocation_id = a.allocation_id AND x.reported_at <= $3
                     ORDER BY organisation, year, reported_at DESC, sequence DESC) e), 0) END::text AS spent,
         coalesce(r.submitted, 0) AS submitted, coalesce(r.late, 0) AS late, coalesce(r.overdue, 0) AS overdue,
         r.last, r.next,
         CASE WHEN a.closed_at IS NOT NULL AND a.closed_at <= $3 THEN 'closed'
              WHEN a.first_transfer_at <= $3 THEN 'under-implementation'
              ELSE 'approved' END AS status
       FROM ${table('allocations')} a
       LEFT JOIN ${table('pipeline_entries')} p ON p.concept_id = a.concept_id
       LEFT JOIN reports r ON r.allocation_id = a.allocation_id
       WHERE a.fund_code = $1 AND a.pocket_code = $2 AND a.approved_at <= $3
         AND ($4::text IS NULL OR p.submitting_country = $4)
         AND ($5::int IS NULL OR EXISTS (SELECT 1 FROM ${table('ledger_movements')} c
               WHERE c.fund_code = $1 AND c.reference_type = 'allocation' AND c.reference_id = a.allocation_id::text
                 AND c.entry_type = 'allocation.commitment' AND c.fund_year = $5))
       ORDER BY a.approved_at, a.allocation_id`,
      [fund, line, periodEnd, actor.role === 'government' ? actor.country : null, fundYear],
    ) as Promise<Array<Record<string, string | null>>>;

    const spending = m.query(
      `SELECT coalesce(sum(amount_minor), 0)::text AS spent FROM (
         SELECT DISTINCT ON (x.allocation_id, x.organisation, x.year) x.amount_minor
         FROM ${table('expenditure_reports')} x JOIN ${table('allocations')} a ON a.allocation_id = x.allocation_id
         WHERE a.fund_code = $1 AND a.pocket_code = $2 AND x.reported_at <= $3 AND x.year BETWEEN $4 AND $5
         ORDER BY x.allocation_id, x.organisation, x.year, x.reported_at DESC, sequence DESC) e`,
      'from' in period
        ? [fund, line, periodEnd, yearOf(period.from), yearOf(period.to)]
        : [fund, line, periodEnd, period.fundYear, period.fundYear],
    ) as Promise<Array<{ spent: string }>>;
    const [[sums], projects, expenditure] = await Promise.all([summing, listing, spending]);

    const b = (v: string | null | undefined) => BigInt(v ?? '0');
    return {
      fund,
      line,
      currency: 'USD',
      period:
        'from' in period
          ? { from: period.from, to: period.to, asOf: period.asOf.toISOString() }
          : { fundYear: period.fundYear, asOf: period.asOf.toISOString() },
      summary: {
        openingBalance: b(sums.opening),
        fundingReceived: b(sums.funding),
        allocationsApproved: b(sums.approved),
        transfers: b(sums.transfers),
        expenditure: b(expenditure[0].spent),
        refunds: b(sums.refunds),
        fees: b(sums.fees),
        directCosts: b(sums.direct_costs),
        bankCharges: b(sums.bank_charges),
        releases: b(sums.releases),
        closingBalance: b(sums.closing),
        availableBalance: b(sums.available),
        committedBalance: b(sums.committed),
      },
      projects: projects.map((p) => ({
        conceptId: p.conceptId!,
        title: p.title,
        country: p.country,
        region: p.region,
        scope: p.scope,
        status: p.status!,
        approvedMinor: b(p.approved),
        transferredMinor: b(p.transferred),
        spentMinor: b(p.spent),
        reports: {
          submitted: Number(p.submitted),
          submittedLate: Number(p.late),
          overdue: Number(p.overdue),
          last: p.last ? { kind: p.last.split(' ')[2], submittedOn: p.last.split(' ')[1] } : null,
          next: p.next ? { kind: p.next.split(' ')[1], dueOn: p.next.split(' ')[0] } : null,
        },
      })),
    };
  }
}

export function usd(minor: bigint): string {
  return Money.ofMinor(minor, 'USD').toDecimalString();
}

/** Delivery rate = expenditure / transfers (M11), to four decimals; none before the first transfer. */
export function deliveryRate(spentMinor: bigint, transferredMinor: bigint): string | null {
  if (transferredMinor === 0n) return null;
  const basisPoints = (spentMinor * 10_000n) / transferredMinor;
  return `${basisPoints / 10_000n}.${(basisPoints % 10_000n).toString().padStart(4, '0')}`;
}
