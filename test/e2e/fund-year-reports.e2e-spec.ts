import { bearer } from '@fundline/testing';
import request from 'supertest';
import { rebuildReadModel } from '../../apps/reporting/src/rebuild/rebuild-read-model';
import { DecisionSteps } from '../support/decision-steps';
import { FundlineSystem } from '../support/fundline-system';
import { allocationStep, fundCreditLines, usd } from '../support/money-requests';
import { untilReported } from '../support/read-model';

/**
 * Fund years (ADR 0015), by hand. Every posting happens in 2026 (the test clock), but the first funding is recorded for
 * fund year 2019: Line 1 1,479,887.00; Line 2 25% × (24,500,000.00 − 20,500,000.00) = 1,000,000.00. Approvals
 * against it (MEX 90,000.00 on Line 1, KEN 150,000.00 on Line 2) and a transfer of 50,000.00 to MEX belong to 2019.
 * Then 2026 is funded (Line 1 1,400,000.00; Line 2 nothing) and IDN 80,000.00 is approved on Line 1: that is 2026.
 */
describe('F12 credit-line reports by fund year', () => {
  let system: FundlineSystem;
  const funds = () => system.http('funds');
  const allocations: Record<string, string> = {};
  let before2026Funding: string;

  const report = (line: string, query: string) =>
    request(system.http('reporting')).get(`/reports/credit-lines/${line}?${query}`).set(bearer('finance-officer'));
  const summaryOf = async (line: string, query: string) => (await report(line, query).expect(200)).body.summary;

  beforeAll(async () => {
    system = await FundlineSystem.start();
    const steps = new DecisionSteps(system);
    await request(funds()).post('/funds/FUND_1035/years').set(bearer('fund-admin')).send({ year: 2019 }).expect(201);
    await fundCreditLines(funds(), 2019, '1479887.00', '24500000.00');
    const [mex, ken, idn] = [
      await steps.lineProposal('MEX', 1, '100000.00'),
      await steps.lineProposal('KEN', 2, '150000.00'),
      await steps.lineProposal('IDN', 1, '80000.00'),
    ];
    allocations.mex = await steps.approveOnLine(mex, '90000.00', 1);
    allocations.ken = await steps.approveOnLine(ken, '150000.00', 2);
    await allocationStep(funds(), allocations.mex, 'transfers', {
      organisation: 'IOM',
      amount: usd('50000.00'),
      transferDate: '2026-11-22',
    });
    before2026Funding = '2026-11-22T11:59:59Z';
    system.clock.set('2026-11-22T12:00:00Z');
    await fundCreditLines(funds(), 2026, '1400000.00', '20500000.00');
    allocations.idn = await steps.approveOnLine(idn, '80000.00', 1);
    // Ledger events are keyed by fund, allocation and transfer events by concept: wait for both kinds, on the period
    // of posting dates, which every movement above falls in.
    await untilReported(async () => {
      const res = await report('LINE_1', 'from=2026-01-01&to=2026-12-31');
      return (
        res.body.summary?.allocationsApproved === '170000.00' &&
        res.body.projects?.length === 2 &&
        res.body.projects.some((p: { transferred: string }) => p.transferred === '50000.00')
      );
    });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('F12 reports fund year 2019 with its funding and the approvals against it, though all were posted in 2026', async () => {
    const res = await report('LINE_1', 'year=2019').expect(200);
    expect(res.body.summary).toEqual({
      openingBalance: '0.00',
      fundingReceived: '1479887.00',
      allocationsApproved: '90000.00',
      transfers: '50000.00',
      expenditure: '0.00',
      refunds: '0.00',
      fees: '0.00',
      directCosts: '0.00',
      bankCharges: '0.00',
      releases: '0.00',
      closingBalance: '1429887.00',
      availableBalance: '1389887.00',
      committedBalance: '40000.00',
    });
    expect(res.body.period).toMatchObject({ fundYear: 2019 });
    expect(res.body.projects.map((p: { conceptId: string }) => p.conceptId)).toHaveLength(1);
    expect(res.body.projects[0]).toMatchObject({ approved: '90000.00', transferred: '50000.00', country: 'MEX' });
    expect(await summaryOf('LINE_2', 'year=2019')).toMatchObject({
      fundingReceived: '1000000.00',
      allocationsApproved: '150000.00',
      closingBalance: '1000000.00',
      availableBalance: '850000.00',
      committedBalance: '150000.00',
    });
  });

  it('F12 opens fund year 2026 with the balance carried over from 2019, and counts only what belongs to 2026', async () => {
    const { summary, projects } = (await report('LINE_1', 'year=2026').expect(200)).body;
    expect(summary).toMatchObject({
      openingBalance: '1429887.00',
      fundingReceived: '1400000.00',
      allocationsApproved: '80000.00',
      transfers: '0.00',
      closingBalance: '2829887.00',
      availableBalance: '2709887.00',
      committedBalance: '120000.00',
    });
    expect(projects.map((p: { country: string }) => p.country)).toEqual(['IDN']);
    // Line 2 received nothing for 2026: its 2026 report is the 2019 balance carried over, untouched.
    expect(await summaryOf('LINE_2', 'year=2026')).toMatchObject({
      openingBalance: '1000000.00',
      fundingReceived: '0.00',
      allocationsApproved: '0.00',
      closingBalance: '1000000.00',
    });
  });

  it('F12 draws a fund-year report as it stood before the next year was funded', async () => {
    expect(await summaryOf('LINE_1', `year=2026&asOf=${before2026Funding}`)).toMatchObject({
      openingBalance: '1429887.00',
      fundingReceived: '0.00',
      allocationsApproved: '0.00',
      closingBalance: '1429887.00',
    });
  });

  it('F12 still reports a period of posting dates, and refuses a fund year together with a period', async () => {
    const res = await report('LINE_1', 'from=2026-01-01&to=2026-12-31').expect(200);
    expect(res.body.period).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(res.body.summary).toMatchObject({
      openingBalance: '0.00',
      fundingReceived: '2879887.00',
      allocationsApproved: '170000.00',
      closingBalance: '2829887.00',
    });
    const both = await report('LINE_1', 'year=2019&from=2019-01-01').expect(400);
    expect(both.headers['content-type']).toMatch(/problem\+json/);
    expect(both.body.errors[0]).toMatchObject({ field: 'year' });
  });

  it('F12 keeps every movement in its fund year when the read model is rebuilt from the topics', async () => {
    const reports = () =>
      Promise.all(['year=2019', 'year=2026'].flatMap((q) => [report('LINE_1', q), report('LINE_2', q)])).then((all) =>
        all.map((r) => r.body),
      );
    const before = await reports();
    await rebuildReadModel({
      databaseUrl: system.db.url,
      kafkaBrokers: system.config.kafkaBrokers,
      kafkaNamespace: system.config.kafkaNamespace,
    });
    const after = await reports();
    // asOf defaults to now: compare what the rebuild could change.
    const stable = (bodies: typeof before) => bodies.map((b) => ({ summary: b.summary, projects: b.projects }));
    expect(stable(after)).toEqual(stable(before));
    expect(after[0].summary.allocationsApproved).toBe('90000.00');
  }, 60_000);
});
