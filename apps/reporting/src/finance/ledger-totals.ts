/**
 * The summaries the finance projection keeps beside its rows (ADR 0018), and how reports read them back. Each is
 * defined once here, so the migration that fills them, the projection that maintains them and the reports agree.
 */

/** The month (UTC) a movement is summed under in `ledger_months`. */
export const MONTH_OF = (timestamp: string) => `date_trunc('month', ${timestamp}, 'UTC')`;

/**
 * Recomputes the totals of the allocations matching `where` (alias `x`) from their own rows: what is transferred and
 * spent with the moment of the latest row each sum covers (a report as of an earlier moment recomputes that
 * allocation instead) and the first transfer. Only the allocation's own
 * events (one partition) write them, so replaying partitions side by side never contends for its row. Always the full
 * recomputation, never an increment: the totals are right whatever order events came in.
 */
export const ALLOCATION_TOTALS = (table: (name: string) => string, where: string) => `
  UPDATE ${table('allocations')} a SET
    transferred_minor = coalesce(t.total, 0), first_transfer_at = t.first, transfers_until = t.last,
    spent_minor = coalesce(e.total, 0), expenditure_until = e.last
  FROM ${table('allocations')} x
  LEFT JOIN LATERAL (SELECT sum(amount_minor) AS total, min(recorded_at) AS first, max(recorded_at) AS last
                     FROM ${table('transfers')} WHERE allocation_id = x.allocation_id) t ON true
  LEFT JOIN LATERAL (SELECT sum(amount_minor) FILTER (WHERE latest) AS total, max(reported_at) AS last FROM (
                       SELECT amount_minor, reported_at,
                              row_number() OVER (PARTITION BY organisation, year ORDER BY reported_at DESC, sequence DESC) = 1 AS latest
                       FROM ${table('expenditure_reports')} WHERE allocation_id = x.allocation_id) r) e ON true
  WHERE a.allocation_id = x.allocation_id AND ${where}`;

/**
 * The movements of a fund (of one pocket if `pocket` names a parameter) posted up to `cut` (`<` or `<=`), as rows of
 * (kind, entry_type, fund_year, signed): the monthly sums of the months before the cut's month, then the movements of
 * that month one by one. Summed by any of those columns they equal the sums over the movements themselves (ADR 0018).
 */
export function movementsUpTo(
  table: (name: string) => string,
  params: { fund: string; pocket?: string; cut: string; inclusive: boolean },
): string {
  const pocket = params.pocket ? ` AND pocket_code = ${params.pocket}` : '';
  const month = MONTH_OF(`${params.cut}::timestamptz`);
  return `
    SELECT kind, entry_type, fund_year, signed_minor AS signed FROM ${table('ledger_months')}
    WHERE fund_code = ${params.fund}${pocket} AND month < ${month}
    UNION ALL
    SELECT kind, entry_type, fund_year, CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END
    FROM ${table('ledger_movements')}
    WHERE fund_code = ${params.fund}${pocket} AND posted_at >= ${month}
      AND posted_at ${params.inclusive ? '<=' : '<'} ${params.cut}`;
}
