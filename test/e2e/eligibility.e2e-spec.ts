import { bearer, eventually, readTopic } from '@fundline/testing';
import { TOPICS } from '@fundline/contracts';
import { physicalName } from '@fundline/messaging';
import request from 'supertest';
import { PipelineExpiryJob } from '../../apps/concepts/src/expiry/pipeline-expiry.job';
import { aConceptNote, aProjectProposal } from '../support/concept-note-builder';
import { fundlineForThisFile } from '../support/fundline-system';
import { attachLetters } from '../support/endorsements';

interface VerdictLine {
  rule: string;
  passed: boolean;
  detail: string;
}

describe('submissions and eligibility, end to end', () => {
  const live = fundlineForThisFile();
  const concepts = () => live.system.http('concepts');

  async function submitted(path: 'concept-notes' | 'project-proposals', body: object, country = 'PHL') {
    const draft = await request(concepts()).post(`/${path}`).set(bearer('government', country)).send(body).expect(201);
    await attachLetters(concepts(), bearer('government', country), draft.body.id);
    const res = await request(concepts())
      .post(`/concepts/${draft.body.id}/submit`)
      .set(bearer('government', country))
      .expect(200);
    return res.body as { id: string; status: string; eligible: boolean; verdict: { lines: VerdictLine[] } };
  }

  async function readModel(id: string, status?: string) {
    return eventually(
      async () => {
        const res = await request(live.system.http('reporting')).get(`/pipeline/${id}`).set(bearer('fund-admin'));
        return res.status === 200 && (!status || res.body.status === status) ? res.body : undefined;
      },
      20_000,
      `pipeline entry ${id} ${status ?? ''}`,
    );
  }

  const failing = (lines: VerdictLine[]) => lines.filter((l) => !l.passed).map((l) => l.rule);

  it('returns the verdict to the submitter and shows eligible and ineligible submissions of both funds in the read model', async () => {
    const eligibleNote = await submitted('concept-notes', aConceptNote());
    const ineligibleNote = await submitted('concept-notes', aConceptNote({ markers: { gender: 1, humanRights: 3 } }));
    const eligibleProposal = await submitted('project-proposals', aProjectProposal());
    const ineligibleProposal = await submitted(
      'project-proposals',
      aProjectProposal({ focusArea: 'emergency-operations' }),
    );

    expect(eligibleNote).toMatchObject({ status: 'in-pipeline', eligible: true });
    expect(failing(eligibleNote.verdict.lines)).toEqual([]);
    expect(ineligibleNote).toMatchObject({ status: 'screened-ineligible', eligible: false });
    expect(failing(ineligibleNote.verdict.lines)).toEqual(['M5']);
    expect(eligibleProposal).toMatchObject({ status: 'in-pipeline', eligible: true });
    expect(ineligibleProposal).toMatchObject({ status: 'screened-ineligible', eligible: false });
    expect(ineligibleProposal.verdict.lines.find((l) => l.rule === 'F8')).toMatchObject({
      passed: false,
      detail: 'Emergency operations is not an eligible focus area',
    });

    expect(await readModel(eligibleNote.id, 'in-pipeline')).toMatchObject({ eligible: true, fund: 'MIGRATION_MPTF' });
    expect(await readModel(ineligibleNote.id, 'screened-ineligible')).toMatchObject({ eligible: false });
    expect(await readModel(eligibleProposal.id, 'in-pipeline')).toMatchObject({
      fund: 'FUND_1035',
      creditLine: 2,
      focusArea: 'labour-migration',
      region: 'asia-pacific',
    });
    const rm = await readModel(ineligibleProposal.id, 'screened-ineligible');
    expect(failing(rm.verdict)).toEqual(['F8']);
  });

  it('F3 keeps a past verdict when Article 4 status changes later, and a re-screen applies the new status', async () => {
    const proposal = await submitted(
      'project-proposals',
      aProjectProposal({ countries: ['KEN'], endorsements: [{ country: 'KEN', letterReference: 'KE-1' }] }),
      'KEN',
    );
    expect(proposal.eligible).toBe(true);

    await request(concepts())
      .put('/reference-data/article4/KEN')
      .set(bearer('fund-admin'))
      .send({
        effectiveFrom: '2026-01-01',
        value: { subject: true, since: '2026-01-01', arrearsMinor: '250000000', dueTwoYearsMinor: '240000000' },
      })
      .expect(200);

    const unchanged = await request(concepts())
      .get(`/concepts/${proposal.id}`)
      .set(bearer('government', 'KEN'))
      .expect(200);
    expect(unchanged.body.verdict.eligible).toBe(true);

    const rescreened = await request(concepts())
      .post(`/concepts/${proposal.id}/screenings`)
      .set(bearer('fund-admin'))
      .expect(200);
    expect(rescreened.body).toMatchObject({ status: 'screened-ineligible', eligible: false });
    expect(rescreened.body.verdict.lines.find((l: VerdictLine) => l.rule === 'F3')).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/^KEN is subject to Article 4 since 2026-01-01/),
    });
    const screenings = await request(concepts())
      .get(`/concepts/${proposal.id}/screenings`)
      .set(bearer('fund-admin'))
      .expect(200);
    expect(screenings.body.map((s: { eligible: boolean; trigger: string }) => [s.trigger, s.eligible])).toEqual([
      ['submission', true],
      ['re-screen', false],
    ]);
    await readModel(proposal.id, 'screened-ineligible');
  });

  it('F1 screens with the beneficiary list in force on the submission date', async () => {
    await request(concepts())
      .put('/reference-data/fund1035-beneficiary/GTM')
      .set(bearer('fund-admin'))
      .send({ effectiveFrom: '2027-07-01', value: { incomeGroup: 'high', euMember: false, withdrawn: false } })
      .expect(200);
    const today = await submitted(
      'project-proposals',
      aProjectProposal({ countries: ['GTM'], endorsements: [{ country: 'GTM', letterReference: 'GT-1' }] }),
      'GTM',
    );
    expect(today.verdict.lines.find((l) => l.rule === 'F1')).toMatchObject({ passed: true });
    live.system.clock.set('2027-08-01T10:00:00Z');
    try {
      const later = await submitted(
        'project-proposals',
        aProjectProposal({ countries: ['GTM'], endorsements: [{ country: 'GTM', letterReference: 'GT-2' }] }),
        'GTM',
      );
      expect(later.verdict.lines.find((l) => l.rule === 'F1')).toMatchObject({
        passed: false,
        detail: 'GTM is a high-income economy',
      });
    } finally {
      live.system.clock.set('2026-11-22T10:00:00Z');
    }
  });

  it('M7 expires a pipeline entry not funded within 24 months, with an event the read model shows', async () => {
    const note = await submitted('concept-notes', aConceptNote({ countries: ['ECU'] }), 'ECU');
    const job = live.system.app('concepts').get(PipelineExpiryJob);
    expect(await job.run()).not.toContain(note.id);
    live.system.clock.set('2028-11-22T10:00:01Z');
    try {
      expect(await job.run()).toContain(note.id);
    } finally {
      live.system.clock.set('2026-11-22T10:00:00Z');
    }
    await readModel(note.id, 'expired');
  });

  it('G4 revises an ineligible concept as a new version that keeps its history, and lets the owner withdraw', async () => {
    const note = await submitted('concept-notes', aConceptNote({ markers: { gender: 0, humanRights: 0 } }));
    await request(concepts()).post(`/concepts/${note.id}/revise`).set(bearer('government', 'PHL')).expect(200);
    await request(concepts())
      .put(`/concept-notes/${note.id}`)
      .set(bearer('government', 'PHL'))
      .send(aConceptNote())
      .expect(200);
    const again = await request(concepts())
      .post(`/concepts/${note.id}/submit`)
      .set(bearer('government', 'PHL'))
      .expect(200);
    expect(again.body).toMatchObject({ status: 'in-pipeline', version: 2, eligible: true });
    await request(concepts())
      .put(`/concept-notes/${note.id}`)
      .set(bearer('government', 'PHL'))
      .send(aConceptNote())
      .expect(409);
    const withdrawn = await request(concepts())
      .post(`/concepts/${note.id}/withdraw`)
      .set(bearer('government', 'PHL'))
      .send({ reason: 'merged into a regional programme' })
      .expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const history = await request(concepts())
      .get(`/concepts/${note.id}/history`)
      .set(bearer('government', 'PHL'))
      .expect(200);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual([
      'drafted',
      'submitted',
      'screened (submission)',
      'revised',
      'updated',
      'submitted',
      'screened (submission)',
      'entered-pipeline',
      'withdrawn',
    ]);
    expect(history.body.at(-1)).toMatchObject({
      reason: 'merged into a regional programme',
      actor: { role: 'government', country: 'PHL' },
    });
    await readModel(note.id, 'withdrawn');
  });

  describe('access and personal data', () => {
    let note: { id: string };

    beforeAll(async () => {
      note = await submitted('concept-notes', aConceptNote());
    });

    it('G6 shows the focal point to the owning government and to fund staff only', async () => {
      const own = await request(concepts()).get(`/concepts/${note.id}`).set(bearer('government', 'PHL')).expect(200);
      expect(own.body.focalPoint).toMatchObject({ email: 'm.santos@example.gov.ph' });
      const staff = await request(concepts()).get(`/concepts/${note.id}`).set(bearer('steering-committee')).expect(200);
      expect(staff.body.focalPoint.name).toBe('Maria Santos');
      await request(concepts()).get(`/concepts/${note.id}`).set(bearer('government', 'MEX')).expect(404);
    });

    it('G6 keeps personal data out of events and the read model', async () => {
      const entry = await readModel(note.id, 'in-pipeline');
      expect(JSON.stringify(entry)).not.toMatch(/Maria Santos|m\.santos/);
      const messages = await readTopic(physicalName(live.system.config.kafkaNamespace, TOPICS.concepts), (m) =>
        m.some((x) => x.key === note.id && x.headers['event-type'] === 'concept-note.screened.v1'),
      );
      const mine = messages.filter((m) => m.key === note.id);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      expect(mine.every((m) => !/Maria Santos|m\.santos/.test(m.value ?? ''))).toBe(true);
      const { rows } = await live.db.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'reporting' AND table_name = 'pipeline_entries'`,
      );
      expect(rows.map((r: { column_name: string }) => r.column_name)).not.toContain('focal_point');
    });

    it('refuses another government reading, editing, withdrawing or seeing the history of a submission', async () => {
      const mex = bearer('government', 'MEX');
      await request(concepts()).get(`/concepts/${note.id}/history`).set(mex).expect(404);
      await request(concepts()).get(`/concepts/${note.id}/screenings`).set(mex).expect(404);
      await request(concepts())
        .put(`/concept-notes/${note.id}`)
        .set(mex)
        .send(aConceptNote({ countries: ['MEX'] }))
        .expect(404);
      await request(concepts()).post(`/concepts/${note.id}/withdraw`).set(mex).send({ reason: 'not mine' }).expect(404);
      const list = await request(concepts()).get('/concepts?country=PHL').set(mex).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(note.id);
    });

    it('refuses fund staff submitting or withdrawing on a government’s behalf', async () => {
      for (const role of ['fund-admin', 'steering-committee', 'finance-officer'] as const) {
        await request(concepts()).post('/concept-notes').set(bearer(role)).send(aConceptNote()).expect(403);
        await request(concepts())
          .post(`/concepts/${note.id}/withdraw`)
          .set(bearer(role))
          .send({ reason: 'x' })
          .expect(403);
      }
      await request(concepts())
        .put('/reference-data/article4/PHL')
        .set(bearer('government', 'PHL'))
        .send({ effectiveFrom: '2026-01-01', value: null })
        .expect(403);
    });

    it('lets fund staff filter all submissions by fund, status, area, region and country', async () => {
      const res = await request(concepts())
        .get('/concepts?fund=MIGRATION_MPTF&status=in-pipeline&thematicArea=4&region=asia-pacific&country=PHL')
        .set(bearer('fund-admin'))
        .expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(
        res.body.items.every(
          (i: { fund: string; status: string; submittingCountry: string }) =>
            i.fund === 'MIGRATION_MPTF' && i.status === 'in-pipeline' && i.submittingCountry === 'PHL',
        ),
      ).toBe(true);
    });
  });

  describe('bad input gets a problem naming the field and the rule, and stores nothing', () => {
    const split = (direct: string) => [
      {
        organisation: 'ILO',
        directCosts: { amount: direct, currency: 'USD' },
        indirectSupportCosts: { amount: '49000.00', currency: 'USD' },
      },
      {
        organisation: 'IOM',
        directCosts: { amount: '700000.00', currency: 'USD' },
        indirectSupportCosts: { amount: '49000.00', currency: 'USD' },
      },
    ];
    const cases: Array<
      [string, 'concept-notes' | 'project-proposals', Record<string, unknown>, number, string, string?]
    > = [
      ['an unknown country', 'concept-notes', { scope: 'regional', countries: ['PHL', 'XYZ'] }, 400, 'countries', 'M2'],
      ['an objective outside 1–23', 'concept-notes', { gcmObjectives: [5, 24] }, 400, 'gcmObjectives', undefined],
      [
        'a budget split that does not sum to the request',
        'concept-notes',
        { budget: split('699999.99') },
        422,
        'budget',
        'M4',
      ],
      [
        'an amount with more than 2 decimals',
        'concept-notes',
        { requested: { amount: '1498000.001', currency: 'USD' } },
        400,
        'requested.amount',
        undefined,
      ],
      [
        'a regional proposal with one country',
        'project-proposals',
        { scope: 'regional', countries: ['PHL'] },
        422,
        'countries',
        'F5',
      ],
      ['an unknown focus area', 'project-proposals', { focusArea: 'space-travel' }, 400, 'focusArea', 'F8'],
      ['a credit line 3', 'project-proposals', { creditLine: 3 }, 400, 'creditLine', undefined],
      [
        'a focal point without a valid e-mail',
        'project-proposals',
        { focalPoint: { name: 'A B', email: 'not-an-email' } },
        400,
        'focalPoint.email',
        undefined,
      ],
    ];

    it.each(cases)('refuses %s', async (_, path, overrides, status, field, rule) => {
      const before = await live.db.query('SELECT count(*)::int AS n FROM concepts.submissions');
      const body = path === 'concept-notes' ? aConceptNote(overrides) : aProjectProposal(overrides);
      const res = await request(concepts()).post(`/${path}`).set(bearer('government', 'PHL')).send(body).expect(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const violation = (res.body.errors as Array<{ field: string; rule: string }>).find((e) => e.field === field);
      expect(violation).toBeDefined();
      if (rule) expect(violation!.rule).toBe(rule);
      const after = await live.db.query('SELECT count(*)::int AS n FROM concepts.submissions');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });
  });
});
