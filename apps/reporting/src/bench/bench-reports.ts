import { loadavg } from 'node:os';
import { Actor } from '@fundline/contracts';
import { Client } from 'pg';
import { BudgetReports } from '../budgets/budget-report';
import { budgetJson, budgetXlsx } from '../budgets/budget-report.formats';
import { CreditLineReports, ReportPeriod } from '../credit-line-report/credit-line-report';
import { asCsv, asJson, asXlsx } from '../credit-line-report/credit-line-report.formats';
import { FundParametersReplica } from '../fund-parameters/fund-parameters.replica';
import { FundStatusReport } from '../fund-status/fund-status.report';
import { ObligationsView } from '../obligations/obligations.view';
import { PipelineViews } from '../pipeline/pipeline-views';
import { RegionalBalanceReport } from '../regional-balance/regional-balance.report';
import { projectHistory, scheduleHistory } from './report-volume';
import { reportingDataSource } from './reporting-data-source';

/**
 * `npm run bench:reports`: for each size (`--projects 1000,10000`), a fresh database with the reporting schema, the
 * history of report-volume.ts projected into it, then every report timed through its class and its serialisation, as
 * the controllers answer them. Prints one JSON line per size. `--keep` leaves the databases for EXPLAIN ANALYZE.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : (process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback);
};
const ADMIN_URL = option('admin-url', 'postgres://postgres@127.0.0.1:5432/postgres');
const SIZES = option('projects', '1000,10000').split(',').map(Number);
const RUNS = Number(option('runs', '7'));
const MOVEMENTS_PER_PROJECT = Number(option('movements-per-project', '100'));
/** A request slower than this is cancelled and reported as such: the old queries run for minutes at 10k projects. */
const TIMEOUT_MS = Number(option('timeout-ms', '60000'));
const KEEP = args.includes('--keep');
/** Times the history a `--keep` run left, after the migrations this code has and it had not (the upgrade path). */
const REUSE = args.includes('--reuse');
const NOW = new Date(option('now', '2026-11-24T12:00:00Z'));
const FINANCE: Actor = { userId: 'bench', role: 'finance-officer' };

/** The database of one size; whether it already holds a history (only kept with `--reuse`). */
async function database(name: string): Promise<{ url: string; filled: boolean }> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  let filled = false;
  try {
    const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    filled = REUSE && existing.rowCount === 1;
    if (!filled) {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
    }
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), filled };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(name: string, run: () => Promise<unknown>, runs: number) {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    try {
      const out = await run();
      bytes = typeof out === 'string' || Buffer.isBuffer(out) ? out.length : JSON.stringify(out).length;
    } catch (error) {
      if (!/statement timeout/.test((error as Error).message)) throw error;
      return { report: name, cancelledAfterMs: TIMEOUT_MS };
    }
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return { report: name, runs, p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), bytes };
}

async function benchSize(projects: number) {
  const name = `fundline_bench_reports_${projects}`;
  const { url, filled } = await database(name);
  const dataSource = await reportingDataSource(url, { statement_timeout: TIMEOUT_MS });
  try {
    const schedule = scheduleHistory({
      line2Projects: projects,
      line1Projects: Math.ceil(projects / 10),
      mptfProjects: Math.ceil(projects / 10),
      movementsPerProject: MOVEMENTS_PER_PROJECT,
      now: NOW,
    });
    const filling = Date.now();
    let last = 0;
    if (!filled) {
      await projectHistory(dataSource, schedule, (done) => {
        if (Date.now() - last > 2000 || done === schedule.length) {
          last = Date.now();
          process.stderr.write(`\r[${projects} projects] ${done}/${schedule.length} events projected`);
        }
      });
    }
    const fillSeconds = filled ? null : (Date.now() - filling) / 1000;
    process.stderr.write('\n');
    await dataSource.query('VACUUM ANALYZE');
    const [{ movements, line2: line2Movements }] = (await dataSource.query(
      `SELECT count(*)::int AS movements, count(*) FILTER (WHERE pocket_code = 'LINE_2')::int AS line2
       FROM reporting.ledger_movements`,
    )) as Array<{ movements: number; line2: number }>;

    const lines = new CreditLineReports(dataSource);
    const status = new FundStatusReport(dataSource, new FundParametersReplica(dataSource));
    const pipeline = new PipelineViews(dataSource);
    const obligations = new ObligationsView(dataSource);
    const regional = new RegionalBalanceReport(dataSource);
    const budgets = new BudgetReports(dataSource);
    const [{ programme }] = (await dataSource.query(
      `SELECT concept_id AS programme FROM reporting.allocations WHERE pocket_code = 'LINE_2' ORDER BY approved_at LIMIT 1`,
    )) as Array<{ programme: string }>;
    const line2 = (period: ReportPeriod) => lines.report('FUND_1035', 'LINE_2', period, FINANCE);
    const calendar: ReportPeriod = { from: '2026-01-01', to: '2026-12-31', asOf: NOW };
    const runs = RUNS;
    // The machine may be shared: the one-minute load average beside the figures says how much.
    const loadBefore = loadavg()[0];
    const results = [];
    for (const [label, run] of [
      ['credit-line JSON (no params)', async () => JSON.stringify(asJson(await line2(calendar)))],
      ['credit-line CSV (no params)', async () => asCsv(await line2(calendar))],
      ['credit-line XLSX (no params)', async () => asXlsx(await line2(calendar))],
      ['credit-line JSON ?year=2015', async () => JSON.stringify(asJson(await line2({ fundYear: 2015, asOf: NOW })))],
      [
        'credit-line JSON ?from=2015-03-01&to=2015-09-30',
        async () => JSON.stringify(asJson(await line2({ from: '2015-03-01', to: '2015-09-30', asOf: NOW }))),
      ],
      [
        'credit-line JSON ?asOf=2015-06-30T12:00:00Z',
        async () =>
          JSON.stringify(
            asJson(await line2({ from: '2015-01-01', to: '2015-12-31', asOf: new Date('2015-06-30T12:00:00Z') })),
          ),
      ],
      ['fund-status MIGRATION_MPTF', async () => JSON.stringify(await status.report('MIGRATION_MPTF', NOW))],
      ['fund-status FUND_1035', async () => JSON.stringify(await status.report('FUND_1035', NOW))],
      ['pipeline grouped by status', async () => JSON.stringify(await pipeline.grouped(undefined, 'status', NOW))],
      ['pipeline grouped by region', async () => JSON.stringify(await pipeline.grouped('FUND_1035', 'region', NOW))],
      [
        'obligations overdue',
        async () => JSON.stringify(await obligations.list(FINANCE, '2026-11-24', { overdue: true })),
      ],
      ['regional balance', async () => JSON.stringify(await regional.report('2026-11-24'))],
      [
        'budgets by category LINE_2 JSON',
        async () =>
          JSON.stringify(budgetJson(await budgets.report({ fund: 'FUND_1035', pocket: 'LINE_2' }, NOW, FINANCE))),
      ],
      [
        'budgets by category LINE_2 XLSX',
        async () => budgetXlsx(await budgets.report({ fund: 'FUND_1035', pocket: 'LINE_2' }, NOW, FINANCE)),
      ],
      [
        'budgets by category, one programme',
        async () => JSON.stringify(budgetJson(await budgets.report({ conceptId: programme }, NOW, FINANCE))),
      ],
    ] as const) {
      results.push(await timed(label, run, runs));
      process.stderr.write(`  ${JSON.stringify(results[results.length - 1])}\n`);
    }
    const load = [loadBefore, loadavg()[0]].map((l) => Math.round(l * 10) / 10);
    return { projects, movements, line2Movements, events: schedule.length, fillSeconds, load, results };
  } finally {
    await dataSource.destroy();
    if (!KEEP) {
      const admin = new Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
    }
  }
}

export async function benchReports(): Promise<void> {
  for (const size of SIZES) console.log(JSON.stringify(await benchSize(size)));
}
