import { randomUUID } from 'node:crypto';
import { bearer, eventually } from '@fundline/testing';
import request from 'supertest';
import { aCategorisedProjectProposal, aConceptNote } from '../support/concept-note-builder';
import { submitConcept } from '../support/concept-submissions';
import { DecisionSteps } from '../support/decision-steps';
import { fundlineForThisFile } from '../support/fundline-system';
import { aDonor, allocationStep, deposit, financePost, usd } from '../support/money-requests';
import { uploadReport } from '../support/reports';
import { rebuildReadModel } from '../../apps/reporting/src/rebuild/rebuild-read-model';
import { aResultsFramework } from '../support/results-framework-builder';

interface BudgetRow {
  organisation: string;
  category: string;
  budget: string;
  transferred: string;
  spent: string;
  deliveryRate: string | null;
}
interface Obligation {
  id: string;
  kind: string;
  dueOn: string;
  submittedOn: string | null;
}

const cents = (amount: string) => BigInt(amount.replace('.', ''));

/**
 * Issue 14, end to end on the real stack: one programme of each fund from a categorised submission, through a
 * revision, to its final report with results; the budget, transfer and expenditure figures by category and the
 * results are read back from the reports, and each figure is computed here by hand.
 */
describe('a programme of each fund from categorised budget to final report (issue 14)', () => {
  const f = fundlineForThisFile();
  const funds = () => f.system.http('funds');
  const reporting = () => f.system.http('reporting');
  let steps: DecisionSteps;

  beforeAll(async () => {
    steps = new DecisionSteps(f.system, f.db);
    await deposit(funds(), await aDonor(funds()), { pocketCode: 'UNEARMARKED', amount: usd('3000000.00') });
    await steps.fundTheLines();
  }, 60_000);

  const obligations = async (allocationId: string) =>
    (await request(funds()).get(`/allocations/${allocationId}/obligations`).set(bearer('fund-admin')).expect(200))
      .body as Obligation[];
  const revise = (allocationId: string, body: object) =>
    request(funds())
      .post(`/allocations/${allocationId}/revisions`)
      .set(bearer('fund-admin'))
      .set('Idempotency-Key', randomUUID())
      .send(body);
  const decide = (allocationId: string, revisionId: string, decision: 'approve' | 'refuse') =>
    request(funds())
      .post(`/allocations/${allocationId}/revisions/${revisionId}/decision`)
      .set(bearer('steering-committee'))
      .set('Idempotency-Key', randomUUID())
      .send({ decision, reason: 'Agreed by the approving authority' });
  // The programme is known to reporting from the concepts topic, its money from the funds topic: `after` waits for
  // the latter, so the report is read until both have arrived.
  const budgetReport = (conceptId: string, after: string, role = bearer('finance-officer')) =>
    eventually(async () => {
      const res = await request(reporting()).get(`/reports/budgets/programmes/${conceptId}?after=${after}`).set(role);
      return res.status === 200
        ? (res.body as {
            rows: BudgetRow[];
            byCategory: Array<BudgetRow>;
            totals: Omit<BudgetRow, 'organisation' | 'category'>;
          })
        : undefined;
    });
  const row = (rows: BudgetRow[], organisation: string, category: string) =>
    rows.find((r) => r.organisation === organisation && r.category === category);
  const progress = (allocationId: string, obligationId: string, figures: Record<string, string>) =>
    request(funds())
      .post(`/allocations/${allocationId}/obligations/${obligationId}/progress`)
      .set(bearer('fund-admin'))
      .send({ progress: Object.entries(figures).map(([indicator, achieved]) => ({ indicator, achieved })) });

  it('M4 M11 F12 Migration MPTF: categorised concept note, budget move recorded at once, expenditure by category, final report with results', async () => {
    // The concept note's budget by category (ILO 749,000.00 and IOM 749,000.00, 7% indirect support each).
    const { id: conceptId, submitted } = await submitConcept(f.system, 'PHL', aConceptNote());
    expect(submitted.status).toBe('in-pipeline');
    const allocationId = await steps.approveEntry('MIGRATION_MPTF', conceptId, {
      amount: usd('1498000.00'),
      pocketCode: 'UNEARMARKED',
      shares: [
        { organisation: 'ILO', amount: usd('749000.00') },
        { organisation: 'IOM', amount: usd('749000.00') },
      ],
    });
    const approved = (await request(funds()).get(`/allocations/${allocationId}`).set(bearer('fund-admin')).expect(200))
      .body as { budget: Array<{ organisation: string; category: string; amount: { amount: string } }> };
    expect(approved.budget.find((l) => l.organisation === 'ILO' && l.category === 'travel')?.amount.amount).toBe(
      '100000.00',
    );

    // A move of 10% of ILO's travel line into contractual services: within the 20% threshold, recorded at once.
    const moved = approved.budget.map((l) => ({
      organisation: l.organisation,
      category: l.category,
      amount: usd(
        l.organisation !== 'ILO'
          ? l.amount.amount
          : l.category === 'travel'
            ? '90000.00'
            : l.category === 'contractual-services'
              ? '210000.00'
              : l.amount.amount,
      ),
    }));
    f.system.clock.set('2026-11-23T09:00:00Z');
    let revision: request.Response;
    try {
      revision = await revise(allocationId, {
        kind: 'budget-revision',
        justification: 'Workshops moved online',
        budget: { amount: usd('1498000.00'), lines: moved },
      });
    } finally {
      f.system.clock.set('2026-11-22T10:00:00Z');
    }
    expect(revision.status).toBe(201);
    expect(revision.body.status).toBe('recorded');

    // Money moves: ILO receives 300,000.00 and reports 2026 expenditure by category.
    await allocationStep(funds(), allocationId, 'transfers', {
      organisation: 'ILO',
      amount: usd('300000.00'),
      transferDate: '2026-11-22',
    });
    const refused = await financePost(funds(), `/allocations/${allocationId}/expenditures`, {
      organisation: 'ILO',
      year: 2026,
      amount: usd('120000.00'),
      lines: [{ category: 'travel', amount: usd('20000.00') }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'EXPENDITURE.LINES', errors: [{ field: 'lines', rule: 'M11' }] });
    const spent = await financePost(funds(), `/allocations/${allocationId}/expenditures`, {
      organisation: 'ILO',
      year: 2026,
      amount: usd('120000.00'),
      lines: [
        { category: 'staff-and-other-personnel', amount: usd('80000.00') },
        { category: 'travel', amount: usd('40000.00') },
      ],
    }).expect(200);

    // Budget vs transfers vs expenditure by category, from the read model: ILO's 300,000.00 spread over its
    // 749,000.00 budget pro rata, rounded down, the three cents left to the largest lines (travel 90,000 → 36,048.07).
    const report = await budgetReport(conceptId, spent.headers['fundline-event-position']);
    expect(row(report.rows, 'ILO', 'travel')).toEqual({
      organisation: 'ILO',
      category: 'travel',
      budget: '90000.00',
      transferred: '36048.07',
      spent: '40000.00',
      deliveryRate: '1.1096',
      unspentBudget: '50000.00',
    });
    expect(row(report.rows, 'ILO', 'contractual-services')?.budget).toBe('210000.00');
    expect(row(report.rows, 'ILO', 'staff-and-other-personnel')).toMatchObject({
      budget: '400000.00',
      spent: '80000.00',
    });
    const iloTransferred = report.rows
      .filter((r) => r.organisation === 'ILO')
      .reduce((sum, r) => sum + cents(r.transferred), 0n);
    expect(iloTransferred).toBe(cents('300000.00'));
    expect(report.totals).toMatchObject({ budget: '1498000.00', transferred: '300000.00', spent: '120000.00' });
    // As it stood before the revision: travel still 100,000.00.
    const before = (
      await request(reporting())
        .get(`/reports/budgets/programmes/${conceptId}?asOf=2026-11-22T23:59:59Z`)
        .set(bearer('finance-officer'))
        .expect(200)
    ).body as { rows: BudgetRow[] };
    expect(row(before.rows, 'ILO', 'travel')?.budget).toBe('100000.00');
    // Another government sees nothing of it; CSV for finance officers.
    await request(reporting())
      .get(`/reports/budgets/programmes/${conceptId}`)
      .set(bearer('government', 'KEN'))
      .expect(404);
    const csv = await request(reporting())
      .get(`/reports/budgets/programmes/${conceptId}?format=csv`)
      .set(bearer('finance-officer'))
      .expect(200);
    expect(csv.text.split('\r\n')[0]).toBe(
      'organisation,category,budget_usd,transferred_usd,spent_usd,delivery_rate,unspent_budget_usd',
    );
    expect(csv.text).toContain('ILO,travel,90000.00,36048.07,40000.00,1.1096,50000.00');

    // Results: the framework came with the concept note; the final narrative report carries progress, then its upload
    // fulfils the obligation.
    const owed = await obligations(allocationId);
    const final = owed.find((o) => o.kind.startsWith('final-narrative'))!;
    expect(final).toBeDefined();
    const framework = (
      await request(reporting()).get(`/reports/results/${conceptId}`).set(bearer('government', 'PHL')).expect(200)
    ).body as { outcomes: Array<{ outputs: Array<{ indicators: Array<{ code: string; target: string }> }> }> };
    const indicators = framework.outcomes.flatMap((o) => o.outputs.flatMap((out) => out.indicators));
    expect(indicators.length).toBeGreaterThan(0);
    const reported = await progress(
      allocationId,
      final.id,
      Object.fromEntries(indicators.map((i) => [i.code, i.target])),
    );
    expect(reported.status).toBe(200);
    expect((await uploadReport(funds(), allocationId, final.id)).status).toBe(201);
    const results = await eventually(async () => {
      const res = await request(reporting())
        .get(`/reports/results/${conceptId}`)
        .set(bearer('government', 'PHL'))
        .expect(200);
      const all = (
        res.body as {
          outcomes: Array<{
            outputs: Array<{ indicators: Array<{ achieved: string | null; progressPercent: string }> }>;
          }>;
        }
      ).outcomes.flatMap((o) => o.outputs.flatMap((out) => out.indicators));
      return all.every((i) => i.achieved !== null) ? all : undefined;
    });
    expect(results.map((i) => i.progressPercent)).toEqual(results.map(() => '100.00'));
    expect((await obligations(allocationId)).find((o) => o.id === final.id)?.submittedOn).not.toBeNull();
  });

  it('F7 F12 Fund 1035: categorised proposal, framework in the first month, an approved extension moving the reports, final report with results', async () => {
    const { id: conceptId, submitted } = await submitConcept(
      f.system,
      'PHL',
      aCategorisedProjectProposal(),
      'project-proposals',
    );
    expect(submitted.status).toBe('in-pipeline');
    const allocationId = await steps.approveOnLine(conceptId, '200000.00', 2);
    const owed = await obligations(allocationId);
    const monitoring = owed.find((o) => o.kind === 'monitoring-framework')!;
    expect(monitoring.submittedOn).toBeNull();

    // The results monitoring framework, recorded in the first month, fulfils its obligation (F12).
    await request(funds())
      .put(`/allocations/${allocationId}/results-framework`)
      .set(bearer('fund-admin'))
      .send(aResultsFramework())
      .expect(200);
    expect((await obligations(allocationId)).find((o) => o.id === monitoring.id)?.submittedOn).toBe('2026-11-22');

    // A no-cost extension waits for the approving authority, then moves the final reports by the same six months.
    const allocation = (
      await request(funds()).get(`/allocations/${allocationId}`).set(bearer('fund-admin')).expect(200)
    ).body as { endDate: string };
    const later = `${Number(allocation.endDate.slice(0, 4)) + 1}${allocation.endDate.slice(4)}`;
    const extension = await revise(allocationId, {
      kind: 'no-cost-extension',
      justification: 'Elections postponed the national consultations',
      newEndDate: later,
    });
    expect(extension.status).toBe(201);
    expect(extension.body.status).toBe('pending');
    const finalBefore = owed.find((o) => o.kind.startsWith('final-narrative'))!;
    expect((await decide(allocationId, extension.body.id, 'approve')).status).toBe(200);
    const moved = (await obligations(allocationId)).find((o) => o.id === finalBefore.id)!;
    expect(Number(moved.dueOn.slice(0, 4))).toBe(Number(finalBefore.dueOn.slice(0, 4)) + 1);
    expect(moved.dueOn.slice(4)).toBe(finalBefore.dueOn.slice(4));

    // IOM receives the first tranche and reports by IDF template line; the line report shows it by category.
    await allocationStep(funds(), allocationId, 'transfers', {
      organisation: 'IOM',
      amount: usd('100000.00'),
      transferDate: '2026-11-22',
    });
    const spent = await financePost(funds(), `/allocations/${allocationId}/expenditures`, {
      organisation: 'IOM',
      year: 2026,
      amount: usd('50000.00'),
      lines: [
        { category: 'staff', amount: usd('10000.00') },
        { category: 'office', amount: usd('5000.00') },
        { category: 'operational', amount: usd('35000.00') },
      ],
    }).expect(200);
    const report = await budgetReport(conceptId, spent.headers['fundline-event-position'], bearer('government', 'PHL'));
    // The proposal's lines (30,000 / 15,000 / 155,000 of 200,000) scaled to the approved 200,000.00: unchanged.
    expect(report.rows.map((r) => [r.category, r.budget, r.transferred, r.spent])).toEqual([
      ['office', '15000.00', '7500.00', '5000.00'],
      ['operational', '155000.00', '77500.00', '35000.00'],
      ['staff', '30000.00', '15000.00', '10000.00'],
    ]);
    const line = (
      await request(reporting())
        .get(`/reports/budgets/FUND_1035/LINE_2?after=${spent.headers['fundline-event-position']}`)
        .set(bearer('finance-officer'))
        .expect(200)
    ).body as { byCategory: Array<{ category: string; spent: string }> };
    expect(line.byCategory.find((c) => c.category === 'operational')?.spent).toBe('35000.00');
    await request(reporting()).get('/reports/budgets/FUND_1035/LINE_2').set(bearer('government', 'PHL')).expect(403);

    // The final narrative report, with progress against the framework, fulfils its (moved) obligation.
    await progress(allocationId, moved.id, { '1.1.1': '60', '1.1.2': '35' }).expect(200);
    await uploadReport(funds(), allocationId, moved.id).expect(201);
    const results = await eventually(async () => {
      const res = await request(reporting()).get(`/reports/results/${conceptId}`).set(bearer('fund-admin')).expect(200);
      const all = (
        res.body as {
          outcomes: Array<{
            outputs: Array<{
              indicators: Array<{ code: string; achieved: string | null; progressPercent: string | null }>;
            }>;
          }>;
        }
      ).outcomes.flatMap((o) => o.outputs.flatMap((out) => out.indicators));
      return all.find((i) => i.code === '1.1.1')?.achieved ? all : undefined;
    });
    // 60 of 0 → 120 is 50.00%; 35 of 10 → 60 is 50.00%.
    expect(results.find((i) => i.code === '1.1.1')).toMatchObject({ achieved: '60', progressPercent: '50.00' });
    expect(results.find((i) => i.code === '1.1.2')).toMatchObject({ achieved: '35', progressPercent: '50.00' });
  });

  it('rebuilds the read model over the old and new events with the same budgets and results', async () => {
    const read = async () => {
      const rows = await f.db.query(
        `SELECT allocation_id::text, version, organisation, category, amount_minor::text FROM reporting.budget_lines
         ORDER BY 1, 2, 3, 4`,
      );
      const line = await request(reporting())
        .get('/reports/budgets/MIGRATION_MPTF/UNEARMARKED')
        .set(bearer('finance-officer'))
        .expect(200);
      return { rows: rows.rows, line: line.body.byCategory };
    };
    const before = await read();
    expect(before.rows.length).toBeGreaterThan(0);
    await rebuildReadModel({
      databaseUrl: f.system.db.url,
      kafkaBrokers: f.system.config.kafkaBrokers,
      kafkaNamespace: f.system.config.kafkaNamespace,
    });
    expect(await read()).toEqual(before);
  });
});
