import { bearer, connect, eventually } from '@fundline/testing';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DecisionSteps } from '../support/decision-steps';
import { COUNTRIES_SEED } from '../../apps/concepts/src/reference-data/seed/countries.seed';
import { beneficiariesFrom, WORLD_BANK_FY2026 } from '../../apps/concepts/src/reference-data/seed/official-lists.seed';
import { rebuildReadModel } from '../../apps/reporting/src/rebuild/rebuild-read-model';
import { FundlineSystem } from '../support/fundline-system';
import { aDonor, allocationStep, deposit, interestIncome, usd } from '../support/money-requests';
import { fundStatusOnceReady, untilReported } from '../support/read-model';
import { uploadReport } from '../support/reports';

const cents = (v: string) => BigInt(v.replace('.', ''));

/**
 * A small Fund 1035 year, by hand: funding of both lines, voluntary contributions to Line 2 in USD and in EUR, five
 * approvals across the lines, transfers, expenditure and a closure with a refund. Every figure below is computed here,
 * independently.
 */
describe('F2 F12 credit-line reports from the read model', () => {
  let system: FundlineSystem;
  const funds = () => system.http('funds');
  const ids: Record<string, string> = {};
  const allocations: Record<string, string> = {};
  let beforeTransfers: string;

  let steps: DecisionSteps;
  const proposal = (country: string, line: 1 | 2, amount: string) => steps.lineProposal(country, line, amount);

  async function approve(conceptId: string, amount: string, creditLine: 1 | 2): Promise<string> {
    allocations[conceptId] = await steps.approveOnLine(conceptId, amount, creditLine);
    return allocations[conceptId];
  }

  const money = (allocationId: string, path: string, body: object) => allocationStep(funds(), allocationId, path, body);

  async function report(
    line: string,
    query = '',
    role: 'finance-officer' | 'government' = 'finance-officer',
    country?: string,
  ) {
    return request(system.http('reporting'))
      .get(`/reports/credit-lines/${line}?year=2026${query}`)
      .set(bearer(role, country));
  }

  beforeAll(async () => {
    system = await FundlineSystem.start();
    steps = new DecisionSteps(system);
    const donor = await aDonor(funds(), 'Government of Switzerland');
    await steps.fundTheLines();
    await deposit(funds(), donor, { fundCode: 'FUND_1035', pocketCode: 'LINE_2', amount: usd('100000.00') });
    // A second currency: EUR 50,000 at 1.10 is USD 55,000.00 (Fund 1035 takes no fee).
    await deposit(funds(), donor, {
      fundCode: 'FUND_1035',
      pocketCode: 'LINE_2',
      amount: { amount: '50000.00', currency: 'EUR' },
      usdRate: '1.10',
    });
    ids.phl = await proposal('PHL', 2, '200000.00');
    ids.ken = await proposal('KEN', 2, '150000.00');
    ids.mex = await proposal('MEX', 1, '100000.00');
    ids.sen = await proposal('SEN', 2, '120000.00');
    ids.idn = await proposal('IDN', 1, '80000.00');
    await approve(ids.phl, '200000.00', 2);
    await approve(ids.ken, '150000.00', 2);
    await approve(ids.mex, '100000.00', 1);
    await approve(ids.sen, '120000.00', 2);
    await approve(ids.idn, '80000.00', 1);
    beforeTransfers = '2026-11-22T10:30:00Z';
    system.clock.set('2026-11-22T11:00:00Z');
    await money(allocations[ids.phl], 'transfers', {
      organisation: 'IOM',
      amount: usd('120000.00'),
      transferDate: '2026-11-22',
    });
    await money(allocations[ids.mex], 'transfers', {
      organisation: 'IOM',
      amount: usd('100000.00'),
      transferDate: '2026-11-22',
    });
    await money(allocations[ids.phl], 'expenditures', { organisation: 'IOM', year: 2026, amount: usd('80000.00') });
    await money(allocations[ids.mex], 'expenditures', { organisation: 'IOM', year: 2026, amount: usd('90000.00') });
    await money(allocations[ids.mex], 'close', { finalReportsReceivedOn: '2026-11-22' });
    // The read model has caught up when the three projects are in its pipeline (concepts topic) and the last fact,
    // the refund of the closure, shows in the Line 1 report (funds topic).
    await untilReported(async () => {
      const res = await request(system.http('reporting')).get('/pipeline?fund=FUND_1035').set(bearer('fund-admin'));
      return res.status === 200 && res.body.total === 5;
    }, 'the pipeline read model');
    await untilReported(async () => {
      const res = await report('LINE_1');
      if (
        res.status !== 200 ||
        res.body.summary.refunds !== '10000.00' ||
        res.body.summary.expenditure !== '90000.00'
      ) {
        return undefined;
      }
      // Ledger events are keyed by fund, allocation events by concept: two partitions, so wait for both kinds.
      const line2 = await report('LINE_2');
      return line2.body.summary?.expenditure === '80000.00' && line2.body.summary?.transfers === '120000.00';
    });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('F2 reports Line 2 on its own: funding, approvals, transfers, expenditure and balances computed by hand', async () => {
    const res = await report('LINE_2');
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({
      openingBalance: '0.00',
      fundingReceived: '2530000.00',
      allocationsApproved: '470000.00',
      transfers: '120000.00',
      expenditure: '80000.00',
      refunds: '0.00',
      fees: '0.00',
      directCosts: '0.00',
      bankCharges: '0.00',
      releases: '0.00',
      closingBalance: '2410000.00',
      availableBalance: '2060000.00',
      committedBalance: '350000.00',
    });
    expect(res.body.projects.map((p: { conceptId: string }) => p.conceptId).sort()).toEqual(
      [ids.phl, ids.ken, ids.sen].sort(),
    );
    expect(res.body.projects.find((p: { conceptId: string }) => p.conceptId === ids.phl)).toMatchObject({
      country: 'PHL',
      region: 'asia-pacific',
      scope: 'national',
      status: 'under-implementation',
      approved: '200000.00',
      transferred: '120000.00',
      spent: '80000.00',
      deliveryRate: '0.6666',
      nextObligation: { kind: 'monitoring-framework', dueOn: '2026-12-22' },
      reports: { submitted: 0, submittedLate: 0, overdue: 0, last: null },
    });
    expect(res.body.totals).toEqual({ approved: '470000.00', transferred: '120000.00', spent: '80000.00' });
  });

  it('F2 reports Line 1 on its own, with the refund of a closed project available again', async () => {
    const res = await report('LINE_1');
    expect(res.body.summary).toMatchObject({
      fundingReceived: '1400000.00',
      allocationsApproved: '180000.00',
      transfers: '100000.00',
      expenditure: '90000.00',
      refunds: '10000.00',
      closingBalance: '1310000.00',
      availableBalance: '1230000.00',
      committedBalance: '80000.00',
    });
    // Approvals at the same moment are listed by allocation id: compare as a set.
    expect(res.body.projects).toHaveLength(2);
    expect(res.body.projects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ conceptId: ids.mex, status: 'closed', deliveryRate: '0.9000' }),
        expect.objectContaining({ conceptId: ids.idn, status: 'approved', deliveryRate: null }),
      ]),
    );
  });

  it('F2 the two lines share no project, and their totals add up to the fund’s', async () => {
    const [one, two] = await Promise.all([report('LINE_1'), report('LINE_2')]);
    const projectsOf = (r: typeof one) => new Set(r.body.projects.map((p: { conceptId: string }) => p.conceptId));
    expect([...projectsOf(one)].filter((id) => projectsOf(two).has(id))).toEqual([]);
    const fund = await request(funds()).get('/funds/FUND_1035/balances').set(bearer('finance-officer')).expect(200);
    const fundCash = (fund.body as Array<{ accounts: { cash: string } }>).reduce(
      (s, p) => s + cents(p.accounts.cash),
      0n,
    );
    expect(cents(one.body.summary.closingBalance) + cents(two.body.summary.closingBalance)).toBe(fundCash);
    const fundAvailable = (fund.body as Array<{ available: string }>).reduce((s, p) => s + cents(p.available), 0n);
    expect(cents(one.body.summary.availableBalance) + cents(two.body.summary.availableBalance)).toBe(fundAvailable);
  });

  it('F12 draws the report as it stood at a past moment, from the events alone', async () => {
    const res = await report('LINE_2', `&asOf=${beforeTransfers}`);
    expect(res.body.summary).toMatchObject({
      transfers: '0.00',
      expenditure: '0.00',
      closingBalance: '2530000.00',
      committedBalance: '470000.00',
    });
    expect(res.body.projects.every((p: { status: string }) => p.status === 'approved')).toBe(true);
  });

  it('F12 exports the CSV with its columns and a totals row', async () => {
    const res = await report('LINE_2', '&format=csv');
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'concept_id,title,country,region,scope,status,approved_usd,transferred_usd,spent_usd,delivery_rate,next_obligation,next_obligation_due,' +
        'reports_submitted,reports_submitted_late,reports_overdue,last_report,last_report_submitted_on',
    );
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('TOTAL,,,,,,470000.00,120000.00,80000.00,,,,0,0,0,,');
  });

  it('F12 exports a real XLSX whose typed cells and totals read back', async () => {
    const res = await request(system.http('reporting'))
      .get('/reports/credit-lines/LINE_2?year=2026&format=xlsx')
      .set(bearer('finance-officer'))
      .buffer(true)
      .parse((r, callback) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const summary = workbook.getWorksheet('Summary')!;
    const values = new Map<string, unknown>();
    summary.eachRow((row, n) => n > 1 && values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('Funding received')).toBe(2530000);
    expect(values.get('Closing balance')).toBe(2410000);
    const projects = workbook.getWorksheet('Projects')!;
    const total = projects.getRow(projects.rowCount);
    expect(total.getCell(1).value).toBe('TOTAL');
    expect(total.getCell(7).value).toMatchObject({ formula: 'SUM(G2:G4)', result: 470000 });
    expect(typeof projects.getRow(2).getCell(7).value).toBe('number');
  });

  it('shows a government only its own projects, beside the line’s public totals', async () => {
    const res = await report('LINE_2', '', 'government', 'PHL');
    expect(res.status).toBe(200);
    expect(res.body.projects.map((p: { conceptId: string }) => p.conceptId)).toEqual([ids.phl]);
    expect(res.body.summary.fundingReceived).toBe('2530000.00');
    const mex = await report('LINE_2', '', 'government', 'MEX');
    expect(mex.body.projects).toEqual([]);
  });

  it('F12 reads its own writes: a deposit’s position, passed to the report, is reflected at once', async () => {
    const donor = await aDonor(funds(), 'Government of Norway');
    const deposited = await deposit(funds(), donor, {
      fundCode: 'FUND_1035',
      pocketCode: 'LINE_2',
      amount: usd('1000.00'),
    });
    const position = deposited.headers['fundline-event-position'];
    expect(position).toMatch(/^[0-9a-f-]{36}$/);
    const res = await report('LINE_2', `&after=${position}`);
    expect(res.headers['fundline-caught-up']).toBe('true');
    expect(res.body.summary.fundingReceived).toBe('2531000.00');
  });

  it('F12 lists due and overdue reports per allocation and per organisation, and follows their submission', async () => {
    const view = (query: string, role: 'fund-admin' | 'government' = 'fund-admin', country?: string) =>
      request(system.http('reporting'))
        .get(`/reports/obligations?on=2027-01-15${query}`)
        .set(bearer(role, country))
        .expect(200);
    const overdue = await view('&overdue=true');
    const monitoring = (
      overdue.body.items as Array<{ kind: string; allocationId: string; obligationId: string }>
    ).filter((o) => o.kind === 'monitoring-framework');
    expect(monitoring.map((o) => o.allocationId).sort()).toEqual(Object.values(allocations).sort());
    expect(overdue.body.overdueByOrganisation).toEqual({ IOM: 5 });
    const phl = monitoring.find((o) => o.allocationId === allocations[ids.phl])!;
    // The report arrives on 10 January 2027, after its due date.
    system.clock.set('2027-01-10T09:00:00Z');
    let submitted: request.Response;
    try {
      submitted = await uploadReport(funds(), phl.allocationId, phl.obligationId);
    } finally {
      system.clock.set('2026-11-22T11:00:00Z');
    }
    expect(submitted.status).toBe(201);
    expect(submitted.body.submittedOn).toBe('2027-01-10');
    const position = submitted.headers['fundline-event-position'];
    const after = await view(`&overdue=true&after=${position}`);
    expect(after.body.overdueByOrganisation).toEqual({ IOM: 4 });
    expect(after.body.overdueByAllocation[phl.allocationId]).toBeUndefined();
    // The credit-line report shows, project by project and as of its moment, what was submitted, when, and what is late.
    const reportsOn = async (asOf: string) =>
      Object.fromEntries(
        (await report('LINE_2', `&asOf=${asOf}&after=${position}`)).body.projects.map(
          (p: { conceptId: string; reports: object; nextObligation: object | null }) => [
            p.conceptId,
            { ...p.reports, next: p.nextObligation },
          ],
        ),
      );
    const monitoringDue = { kind: 'monitoring-framework', dueOn: '2026-12-22' };
    expect((await reportsOn('2027-01-15T00:00:00Z'))[ids.phl]).toEqual({
      submitted: 1,
      submittedLate: 1,
      overdue: 0,
      last: { kind: 'monitoring-framework', submittedOn: '2027-01-10' },
      next: expect.objectContaining({ kind: expect.not.stringMatching(/^monitoring-framework$/) }),
    });
    expect((await reportsOn('2027-01-15T00:00:00Z'))[ids.ken]).toEqual({
      submitted: 0,
      submittedLate: 0,
      overdue: 1,
      last: null,
      next: monitoringDue,
    });
    // The day before it arrived, the same report was still owed, and late.
    expect((await reportsOn('2027-01-09T23:59:59Z'))[ids.phl]).toEqual({
      submitted: 0,
      submittedLate: 0,
      overdue: 1,
      last: null,
      next: monitoringDue,
    });
    const csv = (await report('LINE_2', `&asOf=2027-01-15T00:00:00Z&format=csv&after=${position}`)).text
      .trim()
      .split('\r\n');
    const phlRow = csv.find((line: string) => line.startsWith(ids.phl))!.split(',');
    expect(phlRow.slice(-5)).toEqual(['1', '1', '0', 'monitoring-framework', '2027-01-10']);
    expect(csv[csv.length - 1].split(',').slice(-5)).toEqual(['1', '1', '2', '', '']);
    const own = await view('', 'government', 'KEN');
    expect(new Set(own.body.items.map((o: { country: string }) => o.country))).toEqual(new Set(['KEN']));
  });

  it('F10 shows per region the share of allocations beside the share of eligible states', async () => {
    // Independently of the report's SQL: eligible states per region from the lists in force (World Bank FY2026).
    const member = new Map(COUNTRIES_SEED.map(([code, , region, iomMember]) => [code, { region, iomMember }]));
    const expected = new Map<string, number>();
    for (const [code, b] of beneficiariesFrom(WORLD_BANK_FY2026)) {
      const country = member.get(code);
      if (!b || !country?.iomMember || b.incomeGroup === 'high' || b.euMember || !country.region) continue;
      expected.set(country.region, (expected.get(country.region) ?? 0) + 1);
    }
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    const balance = await eventually(
      async () => {
        const res = await request(system.http('reporting'))
          .get('/reports/regional-balance?on=2026-11-22')
          .set(bearer('fund-admin'));
        return res.status === 200 && res.body.eligibleStates === total && res.body.totalAllocated === '650000.00'
          ? res.body
          : undefined;
      },
      30_000,
      'the reference data replica',
    );
    expect(balance.totalAllocated).toBe('650000.00');
    const region = (name: string) => balance.regions.find((r: { region: string }) => r.region === name);
    expect(region('asia-pacific')).toMatchObject({
      allocated: '280000.00',
      shareOfAllocations: '0.4307',
      eligibleStates: expected.get('asia-pacific'),
    });
    expect(region('africa')).toMatchObject({
      allocated: '270000.00',
      shareOfAllocations: '0.4153',
      eligibleStates: expected.get('africa'),
    });
    expect(region('latin-america-caribbean')).toMatchObject({ allocated: '100000.00', shareOfAllocations: '0.1538' });
    const pipeline = await request(system.http('reporting'))
      .get('/reports/pipeline?by=status&fund=FUND_1035')
      .set(bearer('fund-admin'))
      .expect(200);
    expect(pipeline.body.find((g: { status: string }) => g.status === 'approved')).toMatchObject({
      entries: 3,
      requested: '350000.00',
    });
  });

  it('rebuilds the read model from the topics while it serves, with identical reports before and after', async () => {
    const reports = async () => {
      const get = (path: string) => request(system.http('reporting')).get(path).set(bearer('fund-admin')).expect(200);
      const bodies = await Promise.all([
        get('/reports/credit-lines/LINE_1?year=2026&asOf=2026-12-31T00:00:00Z'),
        get('/reports/credit-lines/LINE_2?year=2026&asOf=2026-12-31T00:00:00Z'),
        get('/reports/obligations?on=2027-06-30'),
        get('/reports/regional-balance?on=2026-11-22'),
        get('/reports/pipeline?by=status'),
        get('/pipeline?limit=200'),
      ]);
      return bodies.map((b) => b.body);
    };
    const before = await reports();
    let reported = 0;
    let total = 0;
    const result = await rebuildReadModel({
      databaseUrl: system.db.url,
      kafkaBrokers: system.config.kafkaBrokers,
      kafkaNamespace: system.config.kafkaNamespace,
      progress: (done, all) => {
        reported = done;
        total = all;
      },
    });
    expect(result.events).toBeGreaterThan(400);
    expect(reported).toBe(result.events);
    expect(total).toBeGreaterThan(0);
    expect(await reports()).toEqual(before);

    const db = await connect(system.db.url);
    try {
      const { rows } = await db.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'reporting%' ORDER BY 1`);
      expect(rows.map((r: { nspname: string }) => r.nspname)).toEqual(['reporting']);
    } finally {
      await db.end();
    }
    // The live consumer goes on, into the rebuilt tables.
    const donor = await aDonor(funds(), 'Government of Ireland');
    const deposited = await deposit(funds(), donor, {
      fundCode: 'FUND_1035',
      pocketCode: 'LINE_1',
      amount: usd('500.00'),
    });
    const after = await report('LINE_1', `&after=${deposited.headers['fundline-event-position']}`);
    expect(after.headers['fundline-caught-up']).toBe('true');
    expect(cents(after.body.summary.fundingReceived)).toBe(cents(before[0].summary.fundingReceived) + 500_00n);
  }, 120_000);

  it('refuses an unknown line and a period that ends before it starts', async () => {
    await request(system.http('reporting'))
      .get('/reports/credit-lines/LINE_3')
      .set(bearer('finance-officer'))
      .expect(404);
    const bad = await request(system.http('reporting'))
      .get('/reports/credit-lines/LINE_1?from=2026-12-01&to=2026-01-01')
      .set(bearer('finance-officer'))
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('M13 Migration MPTF fund status from the read model', () => {
  let system: FundlineSystem;
  const funds = () => system.http('funds');

  beforeAll(async () => {
    system = await FundlineSystem.start();
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('M13 shows sources, uses and balance, capitalization and contributions by donor, computed by hand', async () => {
    const germany = await aDonor(funds(), 'Germany');
    const netherlands = await aDonor(funds(), 'Netherlands');
    // EUR 1,000,000 at 1.0850 = USD 1,085,000.00, fee 10,850.00; USD 500,000.00, fee 5,000.00; EUR 200,000 at 1.1 = 220,000.00, fee 2,200.00.
    await deposit(funds(), germany, { amount: { amount: '1000000.00', currency: 'EUR' }, usdRate: '1.0850' });
    await deposit(funds(), netherlands, { pocketCode: 'THEMATIC_2', amount: usd('500000.00') });
    await deposit(funds(), germany, {
      pocketCode: 'THEMATIC_4',
      amount: { amount: '200000.00', currency: 'EUR' },
      usdRate: '1.1',
    });
    await interestIncome(funds(), '1234.56', '2026-11-30');

    const status = await fundStatusOnceReady(
      system,
      (s) => s.sources.interestIncome === '1234.56' && s.contributionsByDonor.length === 2,
    );
    expect(status.sources).toEqual({
      contributions: '1805000.00',
      interestIncome: '1234.56',
      otherIncome: '0.00',
      total: '1806234.56',
    });
    expect(status.uses).toEqual({
      transfers: '0.00',
      refunds: '0.00',
      administrativeAgentFee: '18050.00',
      directCosts: '0.00',
      bankCharges: '0.00',
      total: '18050.00',
    });
    expect(status.balance).toBe('1788184.56');
    expect(status.cashCheck).toBe(status.balance);
    expect(status.capitalization).toEqual({ target: '70000000.00', deposited: '1805000.00', progress: '0.0257' });
    expect(status.contributionsByDonor).toEqual([
      { donor: 'Germany', original: [{ amount: '1200000.00', currency: 'EUR' }], usd: '1305000.00' },
      { donor: 'Netherlands', original: [{ amount: '500000.00', currency: 'USD' }], usd: '500000.00' },
    ]);
    await request(system.http('reporting'))
      .get('/reports/fund-status/MIGRATION_MPTF')
      .set(bearer('government', 'PHL'))
      .expect(403);
  });

  it('M13 shows transfers and expenditure by participating organisation and by thematic area', async () => {
    const allocation = await new DecisionSteps(system).approvedConceptNote('THEMATIC_4', '200000.00', {
      ILO: '120000.00',
      IOM: '80000.00',
    });
    const money = (path: string, body: object) => allocationStep(funds(), allocation, path, body);
    await money('transfers', { organisation: 'ILO', amount: usd('120000.00'), transferDate: '2026-11-22' });
    await money('transfers', { organisation: 'IOM', amount: usd('40000.00'), transferDate: '2026-11-22' });
    await money('expenditures', { organisation: 'ILO', year: 2026, amount: usd('30000.00') });

    // Transfers (by concept) and ledger movements (by fund) arrive on different partitions: wait for both.
    const status = await fundStatusOnceReady(
      system,
      (s) =>
        s.byOrganisation?.length === 2 &&
        s.byOrganisation[0].expenditure === '30000.00' &&
        s.uses?.transfers === '160000.00' &&
        s.byThematicArea?.length === 1,
      'fund-admin',
    );
    expect(status.byOrganisation).toEqual([
      { organisation: 'ILO', transferred: '120000.00', expenditure: '30000.00', deliveryRate: '0.2500' },
      { organisation: 'IOM', transferred: '40000.00', expenditure: '0.00', deliveryRate: '0.0000' },
    ]);
    expect(status.byThematicArea).toEqual([
      { thematicArea: 4, approved: '200000.00', transferred: '160000.00', expenditure: '30000.00' },
    ]);
    expect(status.uses.transfers).toBe('160000.00');
    expect(status.balance).toBe(status.cashCheck);
  });
});
