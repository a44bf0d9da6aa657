import { randomUUID } from 'node:crypto';
import { bearer, connect, eventually } from '@fundline/testing';
import { Client } from 'pg';
import request from 'supertest';
import { aConceptNote, aProjectProposal } from '../support/concept-note-builder';
import { Obligations } from '../../apps/funds/src/allocation/obligations/obligations';
import { FundlineSystem } from '../support/fundline-system';
import { aDeposit, aDonor, financePost, fundCreditLines, usd } from '../support/money-requests';
import { attachLetters } from '../support/endorsements';
import { uploadReport } from '../support/reports';

describe('steering committee decisions, allocations, transfers and closure', () => {
  let system: FundlineSystem;
  let db: Client;
  const funds = () => system.http('funds');
  const concepts = () => system.http('concepts');

  beforeAll(async () => {
    system = await FundlineSystem.start();
    db = await connect(system.db.url);
    const donor = await aDonor(funds());
    await financePost(
      funds(),
      '/contributions/deposits',
      aDeposit(donor, { pocketCode: 'THEMATIC_4', amount: usd('1000000.00') }),
    ).expect(201);
    await fundCreditLines(funds(), 2026, '1400000.00', '30000000.00');
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  async function inPipeline(
    path: 'concept-notes' | 'project-proposals',
    body: object,
    country: string,
  ): Promise<string> {
    const draft = await request(concepts()).post(`/${path}`).set(bearer('government', country)).send(body).expect(201);
    await attachLetters(concepts(), bearer('government', country), draft.body.id);
    const submitted = await request(concepts())
      .post(`/concepts/${draft.body.id}/submit`)
      .set(bearer('government', country))
      .expect(200);
    expect(submitted.body.status).toBe('in-pipeline');
    await eventually(
      async () => {
        const { rows } = await db.query(`SELECT status FROM funds.pipeline_replica WHERE concept_id = $1`, [
          draft.body.id,
        ]);
        return rows[0]?.status === 'in-pipeline' ? true : undefined;
      },
      20_000,
      'the funds replica',
    );
    return draft.body.id as string;
  }

  const proposal = (country: string, overrides: Record<string, unknown> = {}) =>
    aProjectProposal({
      countries: [country],
      endorsements: [{ country, letterReference: `L-${country}` }],
      ...overrides,
    });

  async function session(
    fundCode: string,
    agenda: string[],
    members = [{ memberId: 'chair', name: 'Chair', represents: 'donor' }],
    quorum = 1,
  ) {
    const res = await request(funds())
      .post('/committee-sessions')
      .set(bearer('fund-admin'))
      .send({ fundCode, quorum, members, agenda })
      .expect(201);
    return res.body.id as string;
  }

  async function support(
    sessionId: string,
    conceptId: string,
    memberId = 'chair',
    position = 'support',
    reason?: string,
  ) {
    await request(funds())
      .post(`/committee-sessions/${sessionId}/positions`)
      .set(bearer('steering-committee'))
      .send({ conceptId, memberId, position, reason })
      .expect(200);
  }

  function decide(sessionId: string, body: Record<string, unknown>) {
    return request(funds())
      .post(`/committee-sessions/${sessionId}/decisions`)
      .set(bearer('steering-committee'))
      .set('Idempotency-Key', randomUUID())
      .send({ reasons: 'Recommended by fund management', ...body });
  }

  async function conceptStatus(id: string, status: string) {
    return eventually(
      async () => {
        const res = await request(concepts()).get(`/concepts/${id}`).set(bearer('fund-admin'));
        return res.body.status === status ? res.body : undefined;
      },
      20_000,
      `concept ${id} ${status}`,
    );
  }

  it('F3 approves an Article 4 state on Line 1 but refuses it on Line 2, with the status replicated from concepts', async () => {
    const id = await inPipeline(
      'project-proposals',
      proposal('NPL', {
        requested: usd('100000.00'),
        budget: { ...(proposal('NPL').budget as object), staffAndOfficeCosts: usd('30000.00') },
      }),
      'NPL',
    );
    await request(concepts())
      .put('/reference-data/article4/NPL')
      .set(bearer('fund-admin'))
      .send({
        effectiveFrom: '2026-06-01',
        value: { subject: true, since: '2026-06-01', arrearsMinor: '50000000', dueTwoYearsMinor: '40000000' },
      })
      .expect(200);
    await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT 1 FROM funds.reference_replica WHERE dataset = 'article4' AND key = 'NPL'`,
        );
        return rows.length ? true : undefined;
      },
      20_000,
      'the Article 4 replica',
    );
    const s = await session('FUND_1035', [id]);
    await support(s, id);
    const refused = await decide(s, {
      conceptId: id,
      decision: 'approve',
      amount: usd('100000.00'),
      creditLine: 2,
    }).expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ rule: 'F3', field: 'creditLine' })]);
    const approved = await decide(s, {
      conceptId: id,
      decision: 'approve',
      amount: usd('100000.00'),
      creditLine: 1,
    }).expect(201);
    expect(approved.body.allocation).toMatchObject({ pocketCode: 'LINE_1', creditLine: 1, amount: usd('100000.00') });
    await conceptStatus(id, 'approved');
  });

  it('M8 does not count a recused member’s objection, and an objection of a member taking part blocks', async () => {
    const a = await inPipeline('project-proposals', proposal('KEN'), 'KEN');
    const b = await inPipeline('project-proposals', proposal('SEN'), 'SEN');
    const members = [
      { memberId: 'ken', name: 'Kenya', represents: 'state', country: 'KEN' },
      { memberId: 'deu', name: 'Germany', represents: 'donor', country: 'DEU' },
      { memberId: 'ilo', name: 'ILO', represents: 'un-organisation' },
    ];
    const s = await session('FUND_1035', [a, b], members, 2);
    await support(s, a, 'ken', 'object', 'prefers another design');
    await support(s, a, 'deu');
    await support(s, a, 'ilo');
    const approved = await decide(s, { conceptId: a, decision: 'approve', amount: usd('200000.00') }).expect(201);
    expect(approved.body).toMatchObject({ recused: ['ken'], participants: ['deu', 'ilo'], objections: [] });

    await support(s, b, 'ken', 'object', 'not a priority');
    await support(s, b, 'deu');
    await support(s, b, 'ilo', 'object', 'regional imbalance');
    const blocked = await decide(s, { conceptId: b, decision: 'approve', amount: usd('200000.00') }).expect(422);
    expect(blocked.body).toMatchObject({ code: 'SESSION.NO_CONSENSUS' });
    expect(blocked.body.errors[0].message).toMatch(/ilo objects \(regional imbalance\)/);
    // Kenya is not covered by Senegal's project: its member takes part, and its objection counts too.
    expect(blocked.body.errors[0].message).toMatch(/ken objects \(not a priority\)/);
  });

  it('F10 defers an entry when demand exceeds funds: it stays in the pipeline and can be approved later', async () => {
    const id = await inPipeline('project-proposals', proposal('GHA'), 'GHA');
    const first = await session('FUND_1035', [id]);
    await support(first, id);
    await decide(first, {
      conceptId: id,
      decision: 'defer',
      reasons: 'Line 2 demand in Africa exceeds this round',
    }).expect(201);
    await conceptStatus(id, 'deferred');
    const second = await session('FUND_1035', [id]);
    await support(second, id);
    await decide(second, { conceptId: id, decision: 'approve', amount: usd('150000.00') }).expect(201);
    await conceptStatus(id, 'approved');
  });

  it('G5 lets 100 concurrent approvals against one credit line commit no more than its available balance', async () => {
    const line2 = async () => {
      const res = await request(funds()).get('/funds/FUND_1035/balances').set(bearer('finance-officer')).expect(200);
      return (res.body as Array<{ pocketCode: string; available: string }>).find((p) => p.pocketCode === 'LINE_2')!
        .available;
    };
    const before = await line2();
    const countries = ['PHL', 'MEX', 'IDN', 'VNM', 'ECU', 'COL', 'PER', 'BGD', 'PAK', 'EGY'];
    const ids: string[] = [];
    for (let i = 0; i < 100; i++)
      ids.push(
        await inPipeline(
          'project-proposals',
          proposal(countries[i % 10], {
            requested: usd('100000.00'),
            budget: {
              staffAndOfficeCosts: usd('30000.00'),
              includesOtherDonorFunding: false,
              includesProposalDevelopmentCosts: false,
            },
          }),
          countries[i % 10],
        ),
      );
    const sessions: string[] = [];
    for (const id of ids) {
      const s = await session('FUND_1035', [id]);
      await support(s, id);
      sessions.push(s);
    }
    const results = await Promise.all(
      ids.map((id, i) => decide(sessions[i], { conceptId: id, decision: 'approve', amount: usd('100000.00') })),
    );
    const accepted = results.filter((r) => r.status === 201).length;
    const refused = results.filter((r) => r.status !== 201);
    const fits = Math.floor(Number(before.replace('.', '')) / 100_000_00);
    expect(accepted).toBe(Math.min(fits, 100));
    expect(refused.every((r) => r.status === 422 && r.body.code === 'LEDGER.INSUFFICIENT_BALANCE')).toBe(true);
    expect(refused[0]?.body.errors[0]).toMatchObject({ rule: 'G5', field: 'amount' });
    const after = await line2();
    expect(BigInt(after.replace('.', ''))).toBe(BigInt(before.replace('.', '')) - BigInt(accepted) * 100_000_00n);
    expect(after.startsWith('-')).toBe(false);
    const reconciliation = await request(funds())
      .get('/ledger/reconciliation')
      .set(bearer('finance-officer'))
      .expect(200);
    expect(reconciliation.body.ok).toBe(true);
  }, 240_000);

  it('M10 M11 M12 follows the money: tranches within shares, expenditure within transfers, closure refunds the rest', async () => {
    const id = await inPipeline('concept-notes', aConceptNote({ countries: ['MAR'] }), 'MAR');
    const s = await session('MIGRATION_MPTF', [id]);
    await support(s, id);
    const decision = await decide(s, {
      conceptId: id,
      decision: 'approve',
      amount: usd('214000.00'),
      pocketCode: 'THEMATIC_4',
      shares: [
        { organisation: 'ILO', amount: usd('107000.00') },
        { organisation: 'IOM', amount: usd('107000.00') },
      ],
      startDate: '2026-12-01',
      endDate: '2028-11-30',
    }).expect(201);
    const allocationId = decision.body.allocation.allocationId as string;
    const post = (path: string, body: object) =>
      request(funds())
        .post(`/allocations/${allocationId}/${path}`)
        .set(bearer('finance-officer'))
        .set('Idempotency-Key', randomUUID())
        .send(body);

    await post('transfers', { organisation: 'ILO', amount: usd('60000.00'), transferDate: '2026-12-15' }).expect(200);
    await post('transfers', { organisation: 'ILO', amount: usd('47000.00'), transferDate: '2027-06-15' }).expect(200);
    const over = await post('transfers', {
      organisation: 'ILO',
      amount: usd('0.01'),
      transferDate: '2027-06-16',
    }).expect(422);
    expect(over.body.errors[0]).toMatchObject({ rule: 'M10', limit: '0.00' });
    await conceptStatus(id, 'under-implementation');

    await post('expenditures', { organisation: 'ILO', year: 2027, amount: usd('100000.00') }).expect(200);
    const overspent = await post('expenditures', { organisation: 'ILO', year: 2028, amount: usd('7000.01') }).expect(
      422,
    );
    expect(overspent.body.errors[0]).toMatchObject({ rule: 'M11' });

    const window = async () => {
      const res = await request(funds())
        .get('/funds/MIGRATION_MPTF/balances')
        .set(bearer('finance-officer'))
        .expect(200);
      return (res.body as Array<{ pocketCode: string; available: string; accounts: Record<string, string> }>).find(
        (p) => p.pocketCode === 'THEMATIC_4',
      )!;
    };
    const beforeClose = await window();
    const closed = await post('close', { finalReportsReceivedOn: '2029-02-28' }).expect(200);
    expect(closed.body.status).toBe('closed');
    const afterClose = await window();
    const cents = (v: string) => BigInt(v.replace('.', ''));
    // 7,000 unspent by ILO comes back as a refund; IOM's untransferred 107,000 is released.
    expect(cents(afterClose.available) - cents(beforeClose.available)).toBe(114_000_00n);
    expect(cents(afterClose.accounts.refunds) - cents(beforeClose.accounts.refunds)).toBe(7_000_00n);
    await conceptStatus(id, 'closed');
    await post('transfers', { organisation: 'IOM', amount: usd('1.00'), transferDate: '2029-03-01' }).expect(409);

    const obligations = await request(funds())
      .get(`/allocations/${allocationId}/obligations`)
      .set(bearer('fund-admin'))
      .expect(200);
    expect(obligations.body.map((o: { kind: string }) => o.kind)).toEqual(
      expect.arrayContaining([
        'monitoring-framework',
        'interim-narrative-report',
        'final-financial-report',
        'annual-expenditure-2027',
      ]),
    );
    const reconciliation = await request(funds())
      .get('/ledger/reconciliation')
      .set(bearer('finance-officer'))
      .expect(200);
    expect(reconciliation.body.ok).toBe(true);
  });

  it('F12 raises an overdue obligation once, and lists it as overdue until submitted', async () => {
    system.clock.set('2027-02-15T10:00:00Z');
    try {
      const overdue = await request(funds()).get('/obligations?overdue=true').set(bearer('fund-admin')).expect(200);
      const monitoring = (overdue.body as Array<{ id: string; kind: string; allocationId: string }>).filter(
        (o) => o.kind === 'monitoring-framework',
      );
      expect(monitoring.length).toBeGreaterThan(0);
      const { rows: before } = await db.query(
        `SELECT count(*)::int AS n FROM funds.outbox WHERE type = 'obligation.overdue.v1'`,
      );
      const obligations = system.app('funds').get(Obligations);
      const raised = await obligations.raiseOverdue();
      expect(raised).toBeGreaterThan(0);
      expect(await obligations.raiseOverdue()).toBe(0);
      const { rows: after } = await db.query(
        `SELECT count(*)::int AS n FROM funds.outbox WHERE type = 'obligation.overdue.v1'`,
      );
      expect(after[0].n - before[0].n).toBe(raised);
      const report = await uploadReport(funds(), monitoring[0].allocationId, monitoring[0].id).expect(201);
      expect(report.body.submittedOn).toBe('2027-02-15');
      const still = await request(funds()).get('/obligations?overdue=true').set(bearer('fund-admin')).expect(200);
      expect(still.body.map((o: { id: string }) => o.id)).not.toContain(monitoring[0].id);
    } finally {
      system.clock.set('2026-11-22T10:00:00Z');
    }
  });

  it('refuses decisions and money movements to roles that do not hold them', async () => {
    await request(funds()).post('/committee-sessions').set(bearer('steering-committee')).send({}).expect(403);
    await request(funds())
      .post(`/committee-sessions/${randomUUID()}/decisions`)
      .set(bearer('finance-officer'))
      .set('Idempotency-Key', randomUUID())
      .send({})
      .expect(403);
    await request(funds())
      .post(`/allocations/${randomUUID()}/transfers`)
      .set(bearer('government', 'PHL'))
      .set('Idempotency-Key', randomUUID())
      .send({})
      .expect(403);
  });
});
