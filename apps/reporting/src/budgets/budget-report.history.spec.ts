import { Actor, UNCATEGORISED } from '@fundline/contracts';
import { createTestDatabase, TestDatabase } from '@fundline/testing';
import { DataSource } from 'typeorm';
import { projectHistory, scheduleHistory } from '../bench/report-volume';
import { BudgetReports } from './budget-report';
import { reportingDataSource } from '../bench/reporting-data-source';

const FINANCE: Actor = { userId: 'budget-history', role: 'finance-officer' };

/**
 * Issue 14, "existing submissions keep working": a history written before budgets had categories (approvals without
 * a budget, expenditure without lines), projected as a rebuild would, gives each allocation one `uncategorised` line
 * per organisation's share, and the budget report's figures equal those recomputed from the projected rows.
 */
describe('budget reports over a history from before categories (issue 14)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await reportingDataSource(db.url);
    const schedule = scheduleHistory({
      seed: 14,
      line2Projects: 6,
      line1Projects: 2,
      mptfProjects: 2,
      movementsPerProject: 30,
      firstYear: 2021,
      now: new Date('2026-11-24T12:00:00Z'),
    });
    await projectHistory(dataSource, schedule, () => undefined, 100);
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('M11 shows old allocations as uncategorised budget, transfers and expenditure, to the cent', async () => {
    const reports = new BudgetReports(dataSource);
    const allocations = (await dataSource.query(
      `SELECT allocation_id, concept_id, organisations FROM reporting.allocations WHERE pocket_code = 'LINE_2'`,
    )) as Array<{ allocation_id: string; concept_id: string; organisations: string[] }>;
    expect(allocations.length).toBe(6);
    for (const a of allocations) {
      const report = await reports.report({ conceptId: a.concept_id }, new Date('2026-11-24T12:00:00Z'), FINANCE);
      const [{ amount }] = (await dataSource.query(
        `SELECT amount_minor::text AS amount FROM reporting.allocations WHERE allocation_id = $1`,
        [a.allocation_id],
      )) as Array<{ amount: string }>;
      const transfers = (await dataSource.query(
        `SELECT organisation, sum(amount_minor)::text AS minor FROM reporting.transfers WHERE allocation_id = $1
         GROUP BY organisation`,
        [a.allocation_id],
      )) as Array<{ organisation: string; minor: string }>;
      const spent = (await dataSource.query(
        `SELECT organisation, sum(amount_minor)::text AS minor FROM (
           SELECT DISTINCT ON (organisation, year) organisation, amount_minor FROM reporting.expenditure_reports
           WHERE allocation_id = $1 ORDER BY organisation, year, reported_at DESC, sequence DESC) r GROUP BY organisation`,
        [a.allocation_id],
      )) as Array<{ organisation: string; minor: string }>;
      expect(report.rows.every((r) => r.category === UNCATEGORISED)).toBe(true);
      expect(report.rows.reduce((s, r) => s + r.budgetMinor, 0n)).toBe(BigInt(amount));
      for (const organisation of a.organisations) {
        const line = report.rows.find((r) => r.organisation === organisation);
        expect(line?.transferredMinor ?? 0n).toBe(
          BigInt(transfers.find((t) => t.organisation === organisation)?.minor ?? 0),
        );
        expect(line?.spentMinor ?? 0n).toBe(BigInt(spent.find((t) => t.organisation === organisation)?.minor ?? 0));
      }
    }
  });
});
