import { randomUUID } from 'node:crypto';
import { bearer } from '@fundline/testing';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { rebuildReadModel } from '../../apps/reporting/src/rebuild/rebuild-read-model';
import { binary } from '../support/binary-body';
import { aConceptNote } from '../support/concept-note-builder';
import { submitConcept } from '../support/concept-submissions';
import { DecisionSteps } from '../support/decision-steps';
import { fundlineForThisFile } from '../support/fundline-system';
import { databaseFingerprint, settled } from '../support/live-system';
import { aDonor, deposit, usd } from '../support/money-requests';
import { untilReported } from '../support/read-model';
import { aResultsFramework } from '../support/results-framework-builder';

interface Obligation {
  id: string;
  kind: string;
  dueOn: string;
  submittedOn: string | null;
}

interface Indicator {
  code: string;
  baseline: string;
  target: string;
  achieved: string | null;
  progressPercent: string | null;
  reportedWith: { kind: string; version: number; reportedOn: string } | null;
}

interface ResultsView {
  conceptId: string;
  allocationId: string | null;
  framework: { source: string; version: number } | null;
  outcomes: Array<{ code: string; outputs: Array<{ code: string; indicators: Indicator[] }> }>;
}

const indicatorsOf = (view: ResultsView) =>
  Object.fromEntries(view.outcomes.flatMap((o) => o.outputs.flatMap((p) => p.indicators)).map((i) => [i.code, i]));

/**
 * Issue 14, results frameworks on the real stack: a Fund 1035 project records its framework in its first month (the
 * F12 monitoring framework, fulfilled), reports progress with its interim report, and the read model shows target vs
 * achieved, as of any moment, to staff and to the owning government only, the same after a rebuild.
 */
describe('results frameworks and progress (issue 14)', () => {
  const f = fundlineForThisFile();
  const funds = () => f.system.http('funds');
  const reporting = () => f.system.http('reporting');
  let conceptId = '';
  let allocationId = '';
  let obligations: Obligation[] = [];
  const obligation = (kind: string) => obligations.find((o) => o.kind === kind)!;

  const recordFramework = (body: object, role: 'fund-admin' | 'finance-officer' = 'fund-admin') =>
    request(funds()).put(`/allocations/${allocationId}/results-framework`).set(bearer(role)).send(body);
  const reportProgress = (obligationId: string, progress: unknown) =>
    request(funds())
      .post(`/allocations/${allocationId}/obligations/${obligationId}/progress`)
      .set(bearer('finance-officer'))
      .send({ progress });
  const results = (query: Record<string, string> = {}, auth = bearer('finance-officer')) =>
    request(reporting()).get(`/reports/results/${conceptId}`).query(query).set(auth);

  beforeAll(async () => {
    f.system.clock.set('2026-11-22T10:00:00Z');
    const steps = new DecisionSteps(f.system, f.db);
    await steps.fundTheLines();
    conceptId = await steps.inFundsPipeline('SEN');
    const decided = await steps.decide(await steps.sessionFor([conceptId]), conceptId, {
      amount: { amount: '150000.00', currency: 'USD' },
      creditLine: 2,
    });
    expect(decided.status).toBe(201);
    allocationId = decided.body.allocation.allocationId;
    obligations = (await request(funds()).get(`/allocations/${allocationId}/obligations`).set(bearer('fund-admin')))
      .body as Obligation[];
    expect(obligations.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['monitoring-framework', 'interim-narrative-report', 'final-narrative-report']),
    );
  });

  it('F12 RF4 records the framework in the first month: the monitoring-framework obligation is fulfilled that day, with no document', async () => {
    f.system.clock.set('2026-11-22T12:00:00Z');
    const recorded = await recordFramework(aResultsFramework());
    expect(recorded.status).toBe(200);
    const monitoring = obligation('monitoring-framework');
    expect(monitoring.dueOn).toBe('2026-12-22');
    expect(recorded.body).toMatchObject({
      allocationId,
      conceptId,
      source: 'staff',
      version: 1,
      fulfilled: { obligationId: monitoring.id, submittedOn: '2026-11-22' },
    });
    expect(recorded.headers['fundline-event-position']).toBeDefined();

    const owed = (await request(funds()).get(`/allocations/${allocationId}/obligations`).set(bearer('fund-admin')))
      .body as Obligation[];
    expect(owed.find((o) => o.id === monitoring.id)?.submittedOn).toBe('2026-11-22');
    // The same framework again is no change: same version, nothing fulfilled twice.
    const again = await recordFramework(aResultsFramework(), 'finance-officer');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 1, fulfilled: null });

    // The read model: the obligation submitted (without a report document), the framework standing with no figures.
    const row = await untilReported(async () => {
      const res = await request(reporting())
        .get('/reports/obligations')
        .query({ after: recorded.headers['fundline-event-position'] })
        .set(bearer('finance-officer'));
      return (res.body.items as Array<{ obligationId: string; submittedOn: string | null; report: unknown }>).find(
        (o) => o.obligationId === monitoring.id && o.submittedOn,
      );
    });
    expect(row).toMatchObject({ submittedOn: '2026-11-22', report: null });
    const view = await untilReported(async () => {
      const res = await results();
      return res.status === 200 && (res.body as ResultsView).framework ? (res.body as ResultsView) : undefined;
    });
    expect(view).toMatchObject({ conceptId, allocationId, framework: { source: 'staff', version: 1 } });
    expect(indicatorsOf(view)['1.1.1']).toMatchObject({
      baseline: '0',
      target: '120',
      achieved: null,
      progressPercent: null,
    });
  });

  it('F12 RF1 RF2 RF3 refuses bad input with problem+json naming the rule, and changes nothing', async () => {
    const before = await settled(f.db);
    const framework = aResultsFramework();
    const withoutTarget = structuredClone(framework);
    delete (withoutTarget.outcomes[0].outputs[0].indicators[0] as { target?: string }).target;
    const nullTarget = structuredClone(framework);
    (nullTarget.outcomes[1].outputs[0].indicators[0] as { target: string | null }).target = null;
    const duplicated = structuredClone(framework);
    duplicated.outcomes[1].outputs[1].indicators[0].code = '1.1.2';
    const interim = obligation('interim-narrative-report').id;
    const cases: Array<[string, () => request.Test, number, string, string]> = [
      ['an indicator without a target', () => recordFramework(withoutTarget), 400, 'REQUEST.INVALID', 'RF1'],
      ['an indicator with a null target', () => recordFramework(nullTarget), 400, 'REQUEST.INVALID', 'RF1'],
      ['a code used twice', () => recordFramework(duplicated), 422, 'RESULTS_FRAMEWORK.DUPLICATE_CODE', 'RF2'],
      [
        'an unknown indicator',
        () => reportProgress(interim, [{ indicator: '9.9.9', achieved: '1' }]),
        422,
        'RESULTS.UNKNOWN_INDICATOR',
        'RF3',
      ],
      [
        'progress with the monitoring framework',
        () => reportProgress(obligation('monitoring-framework').id, [{ indicator: '1.1.1', achieved: '1' }]),
        422,
        'RESULTS.NOT_A_PROGRESS_REPORT',
        'RF3',
      ],
      [
        'progress with a financial report',
        () => reportProgress(obligation('final-financial-report').id, [{ indicator: '1.1.1', achieved: '1' }]),
        422,
        'RESULTS.NOT_A_PROGRESS_REPORT',
        'RF3',
      ],
      [
        'a figure that is not a decimal string',
        () => reportProgress(interim, [{ indicator: '1.1.1', achieved: 45 }]),
        400,
        'REQUEST.INVALID',
        'RF3',
      ],
      [
        'one indicator twice in a report',
        () =>
          reportProgress(interim, [
            { indicator: '1.1.1', achieved: '1' },
            { indicator: '1.1.1', achieved: '2' },
          ]),
        422,
        'RESULTS.DUPLICATE_INDICATOR',
        'RF3',
      ],
    ];
    for (const [what, send, status, code, rule] of cases) {
      const res = await send();
      expect({ what, status: res.status, type: res.headers['content-type'], code: res.body.code }).toEqual({
        what,
        status,
        type: expect.stringMatching(/^application\/problem\+json/),
        code,
      });
      expect({ what, rules: (res.body.errors as Array<{ rule: string }>).map((e) => e.rule) }).toEqual({
        what,
        rules: expect.arrayContaining([rule]),
      });
    }
    // An obligation of another allocation, or none: not found.
    await reportProgress(randomUUID(), [{ indicator: '1.1.1', achieved: '1' }]).expect(404);
    expect(await databaseFingerprint(f.db)).toEqual(before);
  });

  let interimPosition = '';

  it('F12 M11 RF5 shows target vs achieved from the interim report, as of any moment', async () => {
    const interim = obligation('interim-narrative-report');
    f.system.clock.set('2026-11-23T09:00:00Z');
    const reported = await reportProgress(interim.id, [
      { indicator: '1.1.1', achieved: '45' },
      { indicator: '2.1.1', achieved: '25', note: 'inspections began in March' },
    ]);
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ obligationKind: 'interim-narrative-report', version: 1 });
    interimPosition = reported.headers['fundline-event-position'];

    const view = await results({ after: interimPosition });
    expect(view.headers['fundline-caught-up']).toBe('true');
    const indicators = indicatorsOf(view.body as ResultsView);
    const interimReport = { kind: 'interim-narrative-report', version: 1, reportedOn: '2026-11-23' };
    // 45 of 120 from 0; 25 on the way from 40 down to 10; the others not reported yet.
    expect(indicators['1.1.1']).toMatchObject({
      achieved: '45',
      progressPercent: '37.50',
      reportedWith: interimReport,
    });
    expect(indicators['2.1.1']).toMatchObject({
      achieved: '25',
      progressPercent: '50.00',
      reportedWith: interimReport,
    });
    expect(indicators['1.1.2']).toMatchObject({ achieved: null, progressPercent: null, reportedWith: null });
    expect(indicators['2.2.1']).toMatchObject({ target: '5000.5', achieved: null });

    // As of the day before: the framework stood, nothing was reported.
    const before = indicatorsOf((await results({ asOf: '2026-11-23T08:00:00Z' })).body as ResultsView);
    expect(Object.values(before).map((i) => i.achieved)).toEqual([null, null, null, null]);
    // As of before staff recorded it, theirs did not stand (at most the one submitted with the proposal).
    const beforeRecorded = (await results({ asOf: '2026-11-22T11:00:00Z' })).body as ResultsView;
    expect(beforeRecorded.framework?.source).not.toBe('staff');
  });

  it('F12 RF3 a corrected report of progress for the same obligation is a new version; the view follows it, as of before shows the first', async () => {
    const interim = obligation('interim-narrative-report');
    f.system.clock.set('2026-11-23T10:00:00Z');
    const corrected = await reportProgress(interim.id, [
      { indicator: '1.1.1', achieved: '48' },
      { indicator: '2.1.1', achieved: '25', note: 'inspections began in March' },
    ]);
    expect(corrected.body).toMatchObject({ version: 2, reportedOn: '2026-11-23' });
    const now = indicatorsOf(
      (await results({ after: corrected.headers['fundline-event-position'] })).body as ResultsView,
    );
    expect(now['1.1.1']).toMatchObject({ achieved: '48', progressPercent: '40.00', reportedWith: { version: 2 } });
    const earlier = indicatorsOf((await results({ asOf: '2026-11-23T09:30:00Z' })).body as ResultsView);
    expect(earlier['1.1.1']).toMatchObject({ achieved: '45', reportedWith: { version: 1 } });
  });

  it('RF4 refuses to change the framework once progress is reported against it', async () => {
    const res = await recordFramework({ ...aResultsFramework(), notes: 'a new baseline' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'RESULTS_FRAMEWORK.IN_USE', errors: [{ rule: 'RF4' }] });
  });

  it('serves the view as CSV and XLSX, one row per indicator, figures exact', async () => {
    const csv = await results({ format: 'csv' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'concept_id,title,country,outcome_code,outcome,output_code,output,indicator_code,indicator,unit,baseline,target,achieved,progress_percent,report,reported_on,means_of_verification',
    );
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.includes(',1.1.1,'))).toContain(',0,120,48,40.00,interim-narrative-report,2026-11-23,');
    const xlsx = await results({ format: 'xlsx' }).buffer(true).parse(binary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('Results')!;
    expect(sheet.rowCount).toBe(5);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    const cell = (name: string) => row[header.indexOf(name)];
    expect([cell('indicator_code'), cell('target'), cell('achieved'), cell('progress_percent')]).toEqual([
      '1.1.1',
      120,
      48,
      40,
    ]);
  });

  it('G6 shows a government its own programme’s results, and another government nothing (404, not in the fund list)', async () => {
    await results({}, bearer('government', 'SEN')).expect(200);
    const other = await results({}, bearer('government', 'KEN'));
    expect(other.status).toBe(404);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(reporting()).get(`/reports/results/${randomUUID()}`).set(bearer('fund-admin')).expect(404);
    const list = (auth: ReturnType<typeof bearer>, query: Record<string, string> = {}) =>
      request(reporting())
        .get('/reports/results')
        .query({ fund: 'FUND_1035', ...query })
        .set(auth);
    const own = (await list(bearer('government', 'SEN'))).body;
    expect(own.items.filter((r: { conceptId: string }) => r.conceptId === conceptId)).toHaveLength(4);
    expect((await list(bearer('government', 'KEN'))).text).not.toContain(conceptId);
    // By credit line (F2): the programme draws on Line 2 only.
    expect((await list(bearer('finance-officer'), { line: 'LINE_2' })).text).toContain(conceptId);
    expect((await list(bearer('finance-officer'), { line: 'LINE_1' })).text).not.toContain(conceptId);
  });

  it('M12 refuses a framework and progress on a closed allocation, and changes nothing', async () => {
    f.system.clock.set('2026-11-23T11:00:00Z');
    // G4: funded, under implementation, then closed with its final reports.
    await request(funds())
      .post(`/allocations/${allocationId}/transfers`)
      .set(bearer('finance-officer'))
      .set('Idempotency-Key', randomUUID())
      .send({ organisation: 'IOM', amount: { amount: '150000.00', currency: 'USD' }, transferDate: '2026-11-23' })
      .expect(200);
    await request(funds())
      .post(`/allocations/${allocationId}/close`)
      .set(bearer('finance-officer'))
      .set('Idempotency-Key', randomUUID())
      .send({ finalReportsReceivedOn: '2026-11-23' })
      .expect(200);
    const before = await settled(f.db);
    const framework = await recordFramework({ ...aResultsFramework(), notes: 'after closure' });
    expect(framework.status).toBe(409);
    expect(framework.body).toMatchObject({ code: 'ALLOCATION.CLOSED', errors: [{ rule: 'M12' }] });
    const progress = await reportProgress(obligation('final-narrative-report').id, [
      { indicator: '1.1.1', achieved: '120' },
    ]);
    expect(progress.status).toBe(409);
    expect(await databaseFingerprint(f.db)).toEqual(before);
  });

  let mptfConceptId = '';

  it('M11 RF4 a concept note’s framework comes with its submission: it stands for the allocation, staff confirm it, progress is reported against it', async () => {
    f.system.clock.set('2026-11-23T12:00:00Z');
    await deposit(funds(), await aDonor(funds()), { amount: usd('1000000.00') });
    const framework = aResultsFramework({ notes: 'as submitted' });
    mptfConceptId = (await submitConcept(f.system, 'PHL', aConceptNote({ resultsFramework: framework }))).id;
    const submitted = await untilReported(async () => {
      const res = await request(reporting()).get(`/reports/results/${mptfConceptId}`).set(bearer('government', 'PHL'));
      return res.status === 200 && res.body.framework ? (res.body as ResultsView) : undefined;
    });
    expect(submitted).toMatchObject({ allocationId: null, framework: { source: 'submission', version: 1 } });

    const mptfAllocation = await new DecisionSteps(f.system, f.db).approveEntry('MIGRATION_MPTF', mptfConceptId, {
      amount: usd('100000.00'),
      pocketCode: 'UNEARMARKED',
      shares: [
        { organisation: 'ILO', amount: usd('60000.00') },
        { organisation: 'IOM', amount: usd('40000.00') },
      ],
    });
    const owed = (await request(funds()).get(`/allocations/${mptfAllocation}/obligations`).set(bearer('fund-admin')))
      .body as Obligation[];
    const interim = owed.find((o) => o.kind === 'interim-narrative-report')!;
    // The submitted framework is the allocation's: progress is reported against it before staff record any.
    const progress = await request(funds())
      .post(`/allocations/${mptfAllocation}/obligations/${interim.id}/progress`)
      .set(bearer('fund-admin'))
      .send({ progress: [{ indicator: '2.2.1', achieved: '2500.25' }] });
    expect(progress.status).toBe(200);
    const view = (
      await request(reporting())
        .get(`/reports/results/${mptfConceptId}`)
        .query({ after: progress.headers['fundline-event-position'] })
        .set(bearer('government', 'PHL'))
    ).body as ResultsView;
    expect(view).toMatchObject({ allocationId: mptfAllocation, framework: { source: 'submission', version: 1 } });
    expect(indicatorsOf(view)['2.2.1']).toMatchObject({ achieved: '2500.25', progressPercent: '50.00' });
    // Its monitoring framework came with the submission; it is owed until staff confirm it for the allocation, which
    // changes nothing progress was reported against (RF4), while any change is refused.
    const monitoring = owed.find((o) => o.kind === 'monitoring-framework')!;
    expect(monitoring.submittedOn).toBeNull();
    const record = (body: object) =>
      request(funds()).put(`/allocations/${mptfAllocation}/results-framework`).set(bearer('fund-admin')).send(body);
    const changed = await record({ ...framework, notes: 'revised' });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('RESULTS_FRAMEWORK.IN_USE');
    const confirmed = await record(framework);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      source: 'staff',
      version: 1,
      fulfilled: { obligationId: monitoring.id, submittedOn: '2026-11-23' },
    });
  });

  it('gives the same results after a rebuild of the read model, now and as of before the progress', async () => {
    // Explicit moments: "now" would move with the reporting service's clock between the two readings.
    const now = { asOf: '2026-11-23T12:00:00Z' };
    const views = async () => [
      (await results(now)).body,
      (await results({ asOf: '2026-11-23T08:00:00Z' })).body,
      (await request(reporting()).get(`/reports/results/${mptfConceptId}`).query(now).set(bearer('fund-admin'))).body,
      (
        await request(reporting())
          .get('/reports/results')
          .query({ fund: 'FUND_1035', ...now })
          .set(bearer('fund-admin'))
      ).body,
    ];
    const before = await views();
    expect(before[0]).toMatchObject({ framework: { source: 'staff', version: 1 } });
    await rebuildReadModel({
      databaseUrl: f.system.db.url,
      kafkaBrokers: f.system.config.kafkaBrokers,
      kafkaNamespace: f.system.config.kafkaNamespace,
    });
    expect(await views()).toEqual(before);
  });
});
