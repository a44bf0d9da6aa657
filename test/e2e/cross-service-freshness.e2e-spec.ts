import { bearer, connect } from '@fundline/testing';
import { Client } from 'pg';
import request from 'supertest';
import { DecisionSteps } from '../support/decision-steps';
import { FundlineSystem } from '../support/fundline-system';
import { recordArticle4 } from '../support/reference-data-requests';

/**
 * docs/adr/0013: a decision never rests on replicated data older than what was recorded before it was asked. Each
 * round changes something in one service and acts on it in the other at once (no wait, no polling in between).
 */
describe('cross-service freshness: a change recorded before a request is seen by it', () => {
  let system: FundlineSystem;
  let db: Client;
  const concepts = () => system.http('concepts');
  // One round a state. `npm test` runs 12; FRESHNESS_ROUNDS=80 (the full form) takes further states of the Line 2 list.
  const ROUNDS = Number(process.env.FRESHNESS_ROUNDS ?? 12);
  const FIRST = ['KEN', 'SEN', 'GHA', 'UGA', 'ZMB', 'PHL', 'BGD', 'NPL', 'KHM', 'MNG', 'PER', 'ECU'];
  const USED_BELOW = new Set(['TZA', 'MOZ', 'MWI', 'RWA', 'LKA', 'VNM', 'TGO']);

  /** Line 2 states whose proposals screening admits, in the funds pipeline: as many as the rounds ask. */
  async function line2Entries(): Promise<Array<{ country: string; id: string }>> {
    const list = await request(concepts()).get('/reference-data/fund1035-line2').set(bearer('fund-admin')).expect(200);
    const rest = (list.body.items as Array<{ key: string }>).map((i) => i.key).filter((k) => !FIRST.includes(k));
    const entries = [];
    for (const country of [...FIRST, ...rest].filter((c) => !USED_BELOW.has(c))) {
      if (entries.length === ROUNDS) break;
      // A state the lists in force make ineligible on the test's date (F1) is passed over, not a round.
      const id = await steps.inFundsPipeline(country).catch(() => undefined);
      if (id) entries.push({ country, id });
    }
    expect(entries).toHaveLength(ROUNDS);
    return entries;
  }

  let steps: DecisionSteps;

  beforeAll(async () => {
    system = await FundlineSystem.start();
    db = await connect(system.db.url);
    steps = new DecisionSteps(system, db);
    await steps.fundTheLines();
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  it(`F3 refuses a Line 2 approval asked the moment after Article 4 was recorded, in ${ROUNDS} of ${ROUNDS} rounds`, async () => {
    const entries = await line2Entries();
    const ids = entries.map((e) => e.id);
    const sessionId = await steps.sessionFor(ids);
    const outcomes: Array<{ country: string; status: number; rules: string[]; publishedHeader: string }> = [];
    for (const { country, id } of entries) {
      const flip = await recordArticle4(system, country);
      const decided = await steps.approve(sessionId, id, 2);
      outcomes.push({
        country,
        status: decided.status,
        rules: (decided.body.errors ?? []).map((e: { rule: string }) => e.rule),
        publishedHeader: flip.headers['fundline-event-published'],
      });
    }
    expect(outcomes).toEqual(
      entries.map(({ country }) => ({ country, status: 422, rules: ['F3'], publishedHeader: 'true' })),
    );
    // Nothing was committed for any of them: the refusals changed nothing.
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM funds.allocations WHERE concept_id = ANY($1)`, [
      ids,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('G4 refuses a withdrawal asked the moment after the approval, so committed money is never left behind', async () => {
    const rounds = ['TZA', 'MOZ', 'MWI', 'RWA', 'LKA', 'VNM'];
    const ids = [];
    for (const country of rounds) ids.push(await steps.inFundsPipeline(country));
    const sessionId = await steps.sessionFor(ids);
    const outcomes = [];
    for (const [i, country] of rounds.entries()) {
      await steps.approve(sessionId, ids[i], 1).expect(201);
      const withdrawn = await request(concepts())
        .post(`/concepts/${ids[i]}/withdraw`)
        .set(bearer('government', country))
        .send({ reason: 'changed our mind' });
      outcomes.push({ country, status: withdrawn.status });
    }
    expect(outcomes).toEqual(rounds.map((country) => ({ country, status: 409 })));
  });

  it('F3 answers 503 and decides nothing when the funds service cannot catch up with concepts in time', async () => {
    const conceptId = await steps.inFundsPipeline('TGO');
    const sessionId = await steps.sessionFor([conceptId]);
    // The funds consumer stops; concepts keeps publishing, so funds falls behind and cannot know what it missed.
    await system.stopConsumer('funds');
    try {
      await recordArticle4(system, 'TGO');
      const started = Date.now();
      const refused = await steps.approve(sessionId, conceptId, 2);
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body).toMatchObject({ code: 'EVENTS.NOT_CAUGHT_UP', status: 503 });
      expect(Date.now() - started).toBeLessThan(15_000);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM funds.decisions WHERE concept_id = $1`, [
        conceptId,
      ]);
      expect(rows[0].n).toBe(0);
    } finally {
      await system.startConsumer('funds');
    }
    const after = await steps.approve(sessionId, conceptId, 2);
    expect(after.status).toBe(422);
    expect(after.body.errors).toEqual([expect.objectContaining({ rule: 'F3' })]);
  });
});
