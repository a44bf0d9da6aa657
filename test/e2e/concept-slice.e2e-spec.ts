import { bearer, eventually } from '@fundline/testing';
import request from 'supertest';
import { aConceptNote } from '../support/concept-note-builder';
import { fundlineForThisFile } from '../support/fundline-system';
import { attachLetters } from '../support/endorsements';

describe('a concept note flows from a government to the read model through Kafka', () => {
  const live = fundlineForThisFile();

  async function draftAndSubmit(country = 'PHL', overrides: Record<string, unknown> = {}) {
    const draft = await request(live.system.http('concepts'))
      .post('/concept-notes')
      .set(bearer('government', country))
      .send(aConceptNote({ countries: [country], ...overrides }))
      .expect(201);
    await attachLetters(live.system.http('concepts'), bearer('government', country), draft.body.id);
    const submitted = await request(live.system.http('concepts'))
      .post(`/concepts/${draft.body.id}/submit`)
      .set(bearer('government', country))
      .expect(200);
    return submitted.body as { id: string; status: string };
  }

  async function pipelineEntry(id: string, country?: string) {
    const res = await request(live.system.http('reporting'))
      .get(`/pipeline/${id}`)
      .set(country ? bearer('government', country) : bearer('fund-admin'));
    return res.status === 200 ? res.body : undefined;
  }

  it('G4 a government drafts and submits; the submission reaches the pipeline read model and the funds replica', async () => {
    const submitted = await draftAndSubmit('PHL');
    expect(submitted.status).toBe('in-pipeline');

    const entry = await eventually(
      async () =>
        (await pipelineEntry(submitted.id))?.status === 'in-pipeline' ? pipelineEntry(submitted.id) : undefined,
      20_000,
      'the pipeline entry',
    );
    expect(entry).toMatchObject({
      conceptId: submitted.id,
      fund: 'MIGRATION_MPTF',
      status: 'in-pipeline',
      eligible: true,
      submittingCountry: 'PHL',
      thematicArea: 4,
      requested: { amount: '1498000.00', currency: 'USD' },
    });

    const replica = await eventually(async () => {
      const { rows } = await live.db.query('SELECT * FROM funds.pipeline_replica WHERE concept_id = $1', [
        submitted.id,
      ]);
      return rows[0];
    });
    expect(replica.requested_minor).toBe('149800000');

    const list = await request(live.system.http('reporting'))
      .get('/pipeline')
      .set(bearer('finance-officer'))
      .expect(200);
    expect(list.body.items.map((i: { conceptId: string }) => i.conceptId)).toContain(submitted.id);
  });

  it('reads its own writes: the submit response’s event position makes the pipeline wait for it', async () => {
    const draft = await request(live.system.http('concepts'))
      .post('/concept-notes')
      .set(bearer('government', 'KEN'))
      .send(aConceptNote({ countries: ['KEN'] }))
      .expect(201);
    await attachLetters(live.system.http('concepts'), bearer('government', 'KEN'), draft.body.id);
    const submitted = await request(live.system.http('concepts'))
      .post(`/concepts/${draft.body.id}/submit`)
      .set(bearer('government', 'KEN'))
      .expect(200);
    const position = submitted.headers['fundline-event-position'];
    expect(position).toMatch(/^[0-9a-f-]{36}$/);
    const list = await request(live.system.http('reporting'))
      .get(`/pipeline?after=${position}`)
      .set(bearer('government', 'KEN'))
      .expect(200);
    expect(list.headers['fundline-caught-up']).toBe('true');
    expect(list.body.items.find((i: { conceptId: string }) => i.conceptId === draft.body.id)).toMatchObject({
      status: 'in-pipeline',
    });
  });

  it('G3 records who submitted, in which role and country, in the concept history', async () => {
    const submitted = await draftAndSubmit('MEX');
    const history = await request(live.system.http('concepts'))
      .get(`/concepts/${submitted.id}/history`)
      .set(bearer('government', 'MEX'))
      .expect(200);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual([
      'drafted',
      'submitted',
      'screened (submission)',
      'entered-pipeline',
    ]);
    expect(history.body[1]).toMatchObject({
      fromStatus: 'draft',
      toStatus: 'submitted',
      actor: { role: 'government', country: 'MEX' },
    });
  });

  it('G4 refuses to submit the same concept twice', async () => {
    const submitted = await draftAndSubmit('PHL');
    const res = await request(live.system.http('concepts'))
      .post(`/concepts/${submitted.id}/submit`)
      .set(bearer('government', 'PHL'))
      .expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'SUBMISSION.TRANSITION_NOT_ALLOWED', status: 409 });
    expect(res.body.errors[0]).toMatchObject({ field: 'status', rule: 'G4' });
  });

  describe('a government sees only its own concepts', () => {
    let philippines: { id: string };

    beforeAll(async () => {
      philippines = await draftAndSubmit('PHL');
      await eventually(() => pipelineEntry(philippines.id), 20_000, 'the pipeline entry');
    });

    it('refuses another country the concept note itself (404, existence not disclosed)', async () => {
      const res = await request(live.system.http('concepts'))
        .get(`/concepts/${philippines.id}`)
        .set(bearer('government', 'MEX'))
        .expect(404);
      expect(res.body.code).toBe('SUBMISSION.NOT_FOUND');
      await request(live.system.http('concepts'))
        .get(`/concepts/${philippines.id}`)
        .set(bearer('government', 'PHL'))
        .expect(200);
    });

    it('refuses another country the concept history and the submit', async () => {
      await request(live.system.http('concepts'))
        .get(`/concepts/${philippines.id}/history`)
        .set(bearer('government', 'MEX'))
        .expect(404);
      await request(live.system.http('concepts'))
        .post(`/concepts/${philippines.id}/submit`)
        .set(bearer('government', 'MEX'))
        .expect(404);
    });

    it('filters the pipeline read model to the government’s own country, whatever filter it asks for', async () => {
      const mexico = await request(live.system.http('reporting'))
        .get('/pipeline?country=PHL')
        .set(bearer('government', 'MEX'))
        .expect(200);
      expect(mexico.body.items.every((i: { submittingCountry: string }) => i.submittingCountry === 'MEX')).toBe(true);
      expect(mexico.body.items.map((i: { conceptId: string }) => i.conceptId)).not.toContain(philippines.id);
      await request(live.system.http('reporting'))
        .get(`/pipeline/${philippines.id}`)
        .set(bearer('government', 'MEX'))
        .expect(404);

      const own = await request(live.system.http('reporting'))
        .get('/pipeline')
        .set(bearer('government', 'PHL'))
        .expect(200);
      expect(own.body.items.map((i: { conceptId: string }) => i.conceptId)).toContain(philippines.id);
    });

    it('lets only a government draft a concept note', async () => {
      await request(live.system.http('concepts'))
        .post('/concept-notes')
        .set(bearer('fund-admin'))
        .send(aConceptNote())
        .expect(403);
      await request(live.system.http('concepts')).post('/concept-notes').send(aConceptNote()).expect(401);
    });
  });

  describe('bad input gets 400 problem+json naming the field and the rule, and stores nothing', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['a missing title', { title: undefined }, 'title'],
      ['an unknown thematic area', { thematicArea: 9 }, 'thematicArea'],
      ['a negative amount', { requested: { amount: '-100.00', currency: 'USD' } }, 'requested.amount'],
      ['a non-decimal amount', { requested: { amount: '1e6', currency: 'USD' } }, 'requested.amount'],
      ['an amount as a JSON number', { requested: { amount: 1000, currency: 'USD' } }, 'requested.amount'],
      ['three decimal places', { requested: { amount: '10.001', currency: 'USD' } }, 'requested.amount'],
      ['an extra field', { approvedBy: 'me' }, 'approvedBy'],
      ['a GCM objective out of range', { gcmObjectives: [24] }, 'gcmObjectives'],
      ['a malformed country code', { countries: ['Philippines'] }, 'countries'],
      ['an unknown country code', { countries: ['PHL', 'ZZZ'], scope: 'regional' }, 'countries'],
      [
        'an unknown UN organisation',
        {
          budget: [
            {
              organisation: 'ACME',
              directCosts: { amount: '700000.00', currency: 'USD' },
              indirectSupportCosts: { amount: '49000.00', currency: 'USD' },
            },
            {
              organisation: 'IOM',
              directCosts: { amount: '700000.00', currency: 'USD' },
              indirectSupportCosts: { amount: '49000.00', currency: 'USD' },
            },
          ],
        },
        'budget.0.organisation',
      ],
    ];

    it.each(cases)('refuses %s', async (_, overrides, field) => {
      const before = await live.db.query('SELECT count(*)::int AS n FROM concepts.submissions');
      const res = await request(live.system.http('concepts'))
        .post('/concept-notes')
        .set(bearer('government', 'PHL'))
        .send(aConceptNote(overrides))
        .expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, type: expect.stringMatching(/^urn:fundline:problem:/) });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.body.errors.every((e: { rule: string }) => typeof e.rule === 'string')).toBe(true);
      expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(/);
      const after = await live.db.query('SELECT count(*)::int AS n FROM concepts.submissions');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });

    it('refuses malformed JSON with problem+json', async () => {
      const res = await request(live.system.http('concepts'))
        .post('/concept-notes')
        .set(bearer('government', 'PHL'))
        .set('Content-Type', 'application/json')
        .send('{"title": ')
        .expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('M1 refuses (422) GCM objectives none of which belong to the primary thematic area', async () => {
      const res = await request(live.system.http('concepts'))
        .post('/concept-notes')
        .set(bearer('government', 'PHL'))
        .send(aConceptNote({ thematicArea: 5, gcmObjectives: [5, 6] }))
        .expect(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'gcmObjectives', rule: 'M1' })]);
    });
  });
});
