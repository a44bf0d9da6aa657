import { Actor } from '@fundline/contracts';
import { startOfDay, yearOf } from '@fundline/domain';
import { createTestDatabase, TestDatabase } from '@fundline/testing';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { projectHistory, scheduleHistory } from '../bench/report-volume';
import { ALLOCATION_TOTALS } from '../finance/ledger-totals';
import { FundParametersReplica } from '../fund-parameters/fund-parameters.replica';
import { FundStatusReport } from '../fund-status/fund-status.report';
import { CreditLineReport, CreditLineReports, ReportPeriod, usd } from './credit-line-report';
import { reportingDataSource } from '../bench/reporting-data-source';

/**
 * ADR 0018: the reports read monthly sums and per-allocation totals kept by the projection. Over random histories
 * (projected through the projection's own handle()) and random periods and moments, they answer to the cent what a
 * straightforward re-computation from the projected rows answers, and the totals the projection kept are those the
 * migration computes from the rows.
 */
const FINANCE: Actor = { userId: 'property-test', role: 'finance-officer' };
const TABLES = [
  'ledger_movements',
  'ledger_months',
  'allocations',
  'transfers',
  'expenditure_reports',
  'obligations',
  'funded_years',
  'pipeline_entries',
  'pipeline_decisions',
  'deposits',
];

interface Movement {
  pocket_code: string;
  kind: string;
  entry_type: string;
  reference_type: string;
  reference_id: string;
  posted_at: Date;
  fund_year: number;
  signed: bigint;
}
interface Allocation {
  allocation_id: string;
  concept_id: string;
  pocket_code: string;
  amount_minor: string;
  approved_at: Date;
  closed_at: Date | null;
  title: string | null;
  country: string | null;
  region: string | null;
  scope: string | null;
}
interface Rows {
  movements: Movement[];
  allocations: Allocation[];
  transfers: Array<{ allocation_id: string; amount_minor: string; recorded_at: Date }>;
  reports: Array<{
    allocation_id: string;
    organisation: string;
    year: number;
    amount_minor: string;
    reported_at: Date;
    sequence: string;
  }>;
  obligations: Array<{
    allocation_id: string;
    kind: string;
    due_on: string;
    submitted_on: string | null;
    submitted_at: Date | null;
  }>;
}

const sum = <T>(items: T[], value: (item: T) => bigint) => items.reduce((s, i) => s + value(i), 0n);

/** The latest report per organisation and year (by time, then by the order applied), summed. */
function latestSpent(reports: Rows['reports']): bigint {
  const latest = new Map<string, Rows['reports'][number]>();
  for (const r of reports) {
    const key = `${r.allocation_id}/${r.organisation}/${r.year}`;
    const seen = latest.get(key);
    if (
      !seen ||
      r.reported_at.getTime() > seen.reported_at.getTime() ||
      (r.reported_at.getTime() === seen.reported_at.getTime() && BigInt(r.sequence) > BigInt(seen.sequence))
    ) {
      latest.set(key, r);
    }
  }
  return sum([...latest.values()], (r) => BigInt(r.amount_minor));
}

/** The credit-line report computed from the rows alone, movement by movement (F2, F12, ADR 0015). */
function recompute(
  rows: Rows,
  line: string,
  period: ReportPeriod,
): CreditLineReport['summary'] & { projects: unknown[] } {
  const end =
    'to' in period
      ? new Date(Math.min(new Date(`${period.to}T23:59:59.999Z`).getTime(), period.asOf.getTime()))
      : period.asOf;
  const onLine = rows.movements.filter((m) => m.pocket_code === line);
  const inReport =
    'from' in period
      ? onLine.filter((m) => m.posted_at <= end)
      : onLine.filter((m) => m.fund_year <= period.fundYear && m.posted_at <= end);
  const before = (m: Movement) =>
    'from' in period ? m.posted_at < startOfDay(period.from) : m.fund_year < period.fundYear;
  const within = inReport.filter((m) => !before(m));
  const of = (ms: Movement[], test: (m: Movement) => boolean, sign: bigint) =>
    sum(ms.filter(test), (m) => sign * m.signed);
  const [firstYear, lastYear] =
    'from' in period ? [yearOf(period.from), yearOf(period.to)] : [period.fundYear, period.fundYear];
  const allocations = rows.allocations.filter((a) => a.pocket_code === line);
  const onLineIds = new Set(allocations.map((a) => a.allocation_id));
  const projects = allocations
    .filter((a) => a.approved_at <= end)
    .filter(
      (a) =>
        'from' in period ||
        rows.movements.some(
          (m) =>
            m.reference_type === 'allocation' &&
            m.reference_id === a.allocation_id &&
            m.entry_type === 'allocation.commitment' &&
            m.fund_year === period.fundYear,
        ),
    )
    .sort((x, y) => x.approved_at.getTime() - y.approved_at.getTime() || (x.allocation_id < y.allocation_id ? -1 : 1))
    .map((a) => {
      const transfers = rows.transfers.filter((t) => t.allocation_id === a.allocation_id && t.recorded_at <= end);
      const owed = rows.obligations.filter((o) => o.allocation_id === a.allocation_id);
      const isSubmitted = (o: (typeof owed)[number]) => o.submitted_at !== null && o.submitted_at <= end;
      const submitted = owed
        .filter(isSubmitted)
        .sort((x, y) => y.submitted_at!.getTime() - x.submitted_at!.getTime() || (x.kind < y.kind ? 1 : -1));
      const next = owed
        .filter((o) => !isSubmitted(o))
        .sort((x, y) => (x.due_on === y.due_on ? (x.kind < y.kind ? -1 : 1) : x.due_on < y.due_on ? -1 : 1))[0];
      const today = end.toISOString().slice(0, 10);
      return {
        conceptId: a.concept_id,
        title: a.title,
        country: a.country,
        region: a.region,
        scope: a.scope,
        status:
          a.closed_at && a.closed_at <= end ? 'closed' : transfers.length > 0 ? 'under-implementation' : 'approved',
        approvedMinor: BigInt(a.amount_minor),
        transferredMinor: sum(transfers, (t) => BigInt(t.amount_minor)),
        spentMinor: latestSpent(
          rows.reports.filter((r) => r.allocation_id === a.allocation_id && r.reported_at <= end),
        ),
        reports: {
          submitted: submitted.length,
          submittedLate: submitted.filter((o) => o.submitted_on! > o.due_on).length,
          overdue: owed.filter((o) => !isSubmitted(o) && o.due_on < today).length,
          last: submitted[0] ? { kind: submitted[0].kind, submittedOn: submitted[0].submitted_on! } : null,
          next: next ? { kind: next.kind, dueOn: next.due_on } : null,
        },
      };
    });
  return {
    openingBalance: of(inReport, (m) => m.kind === 'cash' && before(m), 1n),
    fundingReceived: of(within, (m) => m.kind === 'contributions' || m.kind === 'income', -1n),
    allocationsApproved: of(within, (m) => m.kind === 'committed' && m.entry_type === 'allocation.commitment', -1n),
    transfers: of(within, (m) => m.kind === 'transfers', 1n),
    expenditure: latestSpent(
      rows.reports.filter(
        (r) => onLineIds.has(r.allocation_id) && r.reported_at <= end && r.year >= firstYear && r.year <= lastYear,
      ),
    ),
    refunds: of(within, (m) => m.kind === 'refunds', -1n),
    fees: of(within, (m) => m.kind === 'fees', 1n),
    directCosts: of(within, (m) => m.kind === 'directCosts', 1n),
    bankCharges: of(within, (m) => m.kind === 'bankCharges', 1n),
    releases: of(within, (m) => m.kind === 'committed' && m.entry_type === 'allocation.release', 1n),
    closingBalance: of(inReport, (m) => m.kind === 'cash', 1n),
    availableBalance: of(inReport, (m) => m.kind === 'available', -1n),
    committedBalance: of(inReport, (m) => m.kind === 'committed', -1n),
    projects,
  };
}

describe('ADR 0018 fast reports equal the re-computation from the movements', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await reportingDataSource(db.url);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  async function rowsOf(): Promise<Rows> {
    const q = <T>(sql: string) => dataSource.query(sql) as Promise<T>;
    const movements = await q<Array<Omit<Movement, 'signed'> & { side: string; amount_minor: string }>>(
      `SELECT * FROM reporting.ledger_movements WHERE fund_code = 'FUND_1035'`,
    );
    return {
      movements: movements.map((m) => ({
        ...m,
        signed: m.side === 'debit' ? BigInt(m.amount_minor) : -BigInt(m.amount_minor),
      })),
      allocations: await q(
        `SELECT a.*, p.title, p.submitting_country AS country, p.region, p.scope FROM reporting.allocations a
         LEFT JOIN reporting.pipeline_entries p ON p.concept_id = a.concept_id WHERE a.fund_code = 'FUND_1035'`,
      ),
      transfers: await q(`SELECT * FROM reporting.transfers`),
      reports: await q(`SELECT *, sequence::text AS sequence FROM reporting.expenditure_reports`),
      obligations: await q(
        `SELECT *, due_on::text AS due_on, submitted_on::text AS submitted_on FROM reporting.obligations`,
      ),
    };
  }

  const moment = fc.date({
    min: new Date('2021-06-01T00:00:00Z'),
    max: new Date('2026-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
  const day = moment.map((d) => d.toISOString().slice(0, 10));
  const period: fc.Arbitrary<ReportPeriod> = fc.oneof(
    fc.record({ fundYear: fc.integer({ min: 2021, max: 2027 }), asOf: moment }),
    fc
      .record({ a: day, b: day, asOf: moment })
      .map(({ a, b, asOf }) => ({ from: a < b ? a : b, to: a < b ? b : a, asOf })),
  );

  it('F2 F12 M13 credit-line and fund-status reports, to the cent, over random histories and moments', async () => {
    const lines = new CreditLineReports(dataSource);
    const status = new FundStatusReport(dataSource, new FundParametersReplica(dataSource));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          line2Projects: fc.integer({ min: 1, max: 8 }),
          line1Projects: fc.integer({ min: 0, max: 3 }),
          mptfProjects: fc.integer({ min: 0, max: 3 }),
          movementsPerProject: fc.integer({ min: 0, max: 40 }),
          now: moment,
        }),
        fc.array(period, { minLength: 1, maxLength: 6 }),
        async (history, periods) => {
          await dataSource.query(`TRUNCATE ${TABLES.map((t) => `reporting.${t}`).join(', ')}`);
          await projectHistory(dataSource, scheduleHistory({ ...history, firstYear: 2021 }), () => undefined, 50);
          const rows = await rowsOf();
          for (const p of periods) {
            for (const line of ['LINE_1', 'LINE_2']) {
              const { summary, projects } = await lines.report('FUND_1035', line, p, FINANCE);
              const { projects: expected, ...expectedSummary } = recompute(rows, line, p);
              expect({ summary, projects }).toEqual({ summary: expectedSummary, projects: expected });
            }
            const fundStatus = await status.report('MIGRATION_MPTF', p.asOf);
            const [expected] = (await dataSource.query(
              `SELECT ${['cash', 'transfers', 'fees', 'contributions']
                .map(
                  (k) =>
                    `coalesce(sum(CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END) FILTER (WHERE kind = '${k}'), 0)::text AS "${k}"`,
                )
                .join(', ')}
               FROM reporting.ledger_movements WHERE fund_code = 'MIGRATION_MPTF' AND posted_at <= $1`,
              [p.asOf],
            )) as Array<Record<string, string>>;
            expect([
              fundStatus.cashCheck,
              fundStatus.uses.transfers,
              fundStatus.uses.administrativeAgentFee,
              fundStatus.sources.contributions,
            ]).toEqual([
              usd(BigInt(expected.cash)),
              usd(BigInt(expected.transfers)),
              usd(BigInt(expected.fees)),
              usd(-BigInt(expected.contributions)),
            ]);
          }
          // What the projection kept, event by event, is what the migration computes from the rows at once.
          const kept = await dataSource.query(
            `SELECT allocation_id, transferred_minor::text, first_transfer_at, transfers_until, spent_minor::text,
                    expenditure_until FROM reporting.allocations ORDER BY 1`,
          );
          const months = await dataSource.query(
            `SELECT fund_code, pocket_code, month, fund_year, kind, entry_type, signed_minor::text
             FROM reporting.ledger_months WHERE signed_minor <> 0 ORDER BY 1, 2, 3, 4, 5, 6`,
          );
          await dataSource.query(ALLOCATION_TOTALS((t) => `reporting."${t}"`, 'true'));
          expect(
            await dataSource.query(
              `SELECT allocation_id, transferred_minor::text, first_transfer_at, transfers_until, spent_minor::text,
                      expenditure_until FROM reporting.allocations ORDER BY 1`,
            ),
          ).toEqual(kept);
          expect(
            await dataSource.query(
              `SELECT fund_code, pocket_code, date_trunc('month', posted_at, 'UTC') AS month, fund_year, kind, entry_type,
                      sum(CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END)::text AS signed_minor
               FROM reporting.ledger_movements GROUP BY 1, 2, 3, 4, 5, 6
               HAVING sum(CASE WHEN side = 'debit' THEN amount_minor ELSE -amount_minor END) <> 0 ORDER BY 1, 2, 3, 4, 5, 6`,
            ),
          ).toEqual(months);
        },
      ),
      { numRuns: 40 },
    );
  }, 600_000);
});
