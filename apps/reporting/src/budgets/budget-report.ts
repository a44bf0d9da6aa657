import { Actor, UNCATEGORISED } from '@fundline/contracts';
import { DomainError } from '@fundline/domain';
import { tableOf } from '@fundline/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What a budget report covers: one programme, or every allocation of a fund's line or window. */
export type BudgetScope = { conceptId: string } | { fund: string; pocket: string };

export interface BudgetRow {
  organisation: string;
  category: string;
  budgetMinor: bigint;
  /** The organisation's transfers attributed to its categories in proportion to their budget (docs/domain-decisions.md). */
  transferredMinor: bigint;
  spentMinor: bigint;
}

export interface BudgetReport {
  scope: BudgetScope & { title?: string | null; country?: string | null };
  asOf: string;
  currency: 'USD';
  rows: BudgetRow[];
}

/**
 * Issue 14: budget against transfers against expenditure, by organisation and category, as it stood at a moment.
 * The budget is the version in force then (approval or revision); expenditure is each organisation's latest report per
 * year recorded by then, split by its categories (a report without a split counts as `uncategorised`); transfers are
 * made to organisations, not categories, so each organisation's are attributed to its categories pro rata to budget.
 */
@Injectable()
export class BudgetReports {
  constructor(private readonly dataSource: DataSource) {}

  async report(scope: BudgetScope, asOf: Date, actor: Actor): Promise<BudgetReport> {
    const table = (name: string) => tableOf(this.dataSource, name);
    let programme: { title: string | null; country: string | null } | undefined;
    if ('conceptId' in scope) {
      // A programme is shown to staff and its own government, even before it has an allocation (then empty).
      [programme] = (await this.dataSource.query(
        `SELECT title, submitting_country AS country FROM ${table('pipeline_entries')} WHERE concept_id = $1`,
        [scope.conceptId],
      )) as Array<{ title: string | null; country: string | null }>;
      if (!programme || (actor.role === 'government' && programme.country !== actor.country)) {
        throw new DomainError('PIPELINE.NOT_FOUND', `pipeline entry ${scope.conceptId} not found`, 'not-found', [], {
          conceptId: scope.conceptId,
        });
      }
    }
    const allocations = (await this.dataSource.query(
      `SELECT allocation_id FROM ${table('allocations')}
       WHERE ${'conceptId' in scope ? 'concept_id = $1' : 'fund_code = $1 AND pocket_code = $2'}
         AND approved_at <= $${'conceptId' in scope ? 2 : 3}`,
      'conceptId' in scope ? [scope.conceptId, asOf] : [scope.fund, scope.pocket, asOf],
    )) as Array<{ allocation_id: string }>;
    const ids = allocations.map((a) => a.allocation_id);
    const [budget, transfers, spending] = await Promise.all([
      this.dataSource.query(
        `SELECT b.organisation, b.category, sum(b.amount_minor)::text AS minor
         FROM (SELECT allocation_id, max(version) AS version FROM ${table('budget_lines')}
               WHERE allocation_id = ANY($1::uuid[]) AND recorded_at <= $2 GROUP BY allocation_id) v
         JOIN ${table('budget_lines')} b ON b.allocation_id = v.allocation_id AND b.version = v.version
         GROUP BY b.organisation, b.category`,
        [ids, asOf],
      ) as Promise<Array<{ organisation: string; category: string; minor: string }>>,
      this.dataSource.query(
        `SELECT organisation, sum(amount_minor)::text AS minor FROM ${table('transfers')}
         WHERE allocation_id = ANY($1::uuid[]) AND recorded_at <= $2 GROUP BY organisation`,
        [ids, asOf],
      ) as Promise<Array<{ organisation: string; minor: string }>>,
      this.dataSource.query(
        `SELECT organisation, coalesce(l.category, $3) AS category,
                sum(coalesce(l."amountMinor"::bigint, r.amount_minor))::text AS minor
         FROM (SELECT DISTINCT ON (allocation_id, organisation, year) organisation, amount_minor, lines
               FROM ${table('expenditure_reports')}
               WHERE allocation_id = ANY($1::uuid[]) AND reported_at <= $2
               ORDER BY allocation_id, organisation, year, reported_at DESC, sequence DESC) r
         LEFT JOIN LATERAL jsonb_to_recordset(r.lines) AS l(category text, "amountMinor" text) ON true
         GROUP BY organisation, coalesce(l.category, $3)`,
        [ids, asOf, UNCATEGORISED],
      ) as Promise<Array<{ organisation: string; category: string; minor: string }>>,
    ]);
    return {
      scope: programme ? { ...scope, ...programme } : scope,
      asOf: asOf.toISOString(),
      currency: 'USD',
      rows: budgetRows(budget, transfers, spending),
    };
  }
}

type Amounts = Array<{ organisation: string; category?: string; minor: string }>;

/**
 * Joins budget, transfers and expenditure by organisation and category. An organisation's transfers go to its
 * categories pro rata to their budget, rounded down, the cents left over to the largest lines first (then by
 * category), so the attributed amounts add up exactly to what it received; without a budget they stay uncategorised.
 */
export function budgetRows(budget: Amounts, transfers: Amounts, spending: Amounts): BudgetRow[] {
  const rows = new Map<string, BudgetRow>();
  const row = (organisation: string, category: string) => {
    const key = `${organisation}\u0000${category}`;
    let found = rows.get(key);
    if (!found) {
      found = { organisation, category, budgetMinor: 0n, transferredMinor: 0n, spentMinor: 0n };
      rows.set(key, found);
    }
    return found;
  };
  for (const b of budget) row(b.organisation, b.category!).budgetMinor += BigInt(b.minor);
  for (const s of spending) row(s.organisation, s.category!).spentMinor += BigInt(s.minor);
  for (const t of transfers) {
    const received = BigInt(t.minor);
    const lines = [...rows.values()]
      .filter((r) => r.organisation === t.organisation && r.budgetMinor > 0n)
      .sort(
        (x, y) =>
          (y.budgetMinor > x.budgetMinor ? 1 : y.budgetMinor < x.budgetMinor ? -1 : 0) ||
          (x.category < y.category ? -1 : 1),
      );
    const total = lines.reduce((sum, r) => sum + r.budgetMinor, 0n);
    if (total === 0n) {
      row(t.organisation, UNCATEGORISED).transferredMinor += received;
      continue;
    }
    let left = received;
    for (const r of lines) {
      const share = (received * r.budgetMinor) / total;
      r.transferredMinor += share;
      left -= share;
    }
    for (let i = 0; left > 0n; i = (i + 1) % lines.length, left -= 1n) lines[i].transferredMinor += 1n;
  }
  return [...rows.values()].sort((x, y) =>
    x.organisation < y.organisation
      ? -1
      : x.organisation > y.organisation
        ? 1
        : x.category < y.category
          ? -1
          : x.category > y.category
            ? 1
            : 0,
  );
}
