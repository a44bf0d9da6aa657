import { CONCEPT_NOTE_SUBMITTED_V1, SUBMISSION_EVENT_TYPES } from '@fundline/contracts';
import { FUND_1035, MIGRATION_MPTF } from '@fundline/domain';
import { bearer } from '@fundline/testing';
import request from 'supertest';
import { aConceptNote } from '../support/concept-note-builder';
import { fundlineForThisFile } from '../support/fundline-system';
import { registeredForThisFile, TEST_POOLED_FUND } from '../support/test-funds';
import { attachLetters } from '../support/endorsements';

describe('a third pooled fund, defined only in this test, takes concept notes through submission and screening', () => {
  registeredForThisFile(TEST_POOLED_FUND);
  const live = fundlineForThisFile();

  function draft(body: Record<string, unknown>) {
    return request(live.system.http('concepts')).post('/concept-notes').set(bearer('government', 'PHL')).send(body);
  }

  async function outboxPayload(conceptId: string, type: string) {
    const { rows } = await live.db.query<{ payload: Record<string, unknown> }>(
      `SELECT envelope -> 'payload' AS payload FROM concepts.outbox WHERE message_key = $1 AND type = $2`,
      [conceptId, type],
    );
    return rows.map((r) => r.payload);
  }

  it('screens a concept note to it by M1–M6 and carries its fund in the views, the filter and the events', async () => {
    const drafted = await draft(aConceptNote({ fund: TEST_POOLED_FUND.code })).expect(201);
    expect(drafted.body).toMatchObject({ kind: 'concept-note', fund: TEST_POOLED_FUND.code, status: 'draft' });

    await attachLetters(live.system.http('concepts'), bearer('government', 'PHL'), drafted.body.id);
    const submitted = await request(live.system.http('concepts'))
      .post(`/concepts/${drafted.body.id}/submit`)
      .set(bearer('government', 'PHL'))
      .expect(200);
    expect(submitted.body).toMatchObject({ fund: TEST_POOLED_FUND.code, status: 'in-pipeline', eligible: true });
    expect(submitted.body.verdict.lines.map((l: { rule: string }) => l.rule)).toEqual([
      'M1',
      'M2',
      'M3',
      'M4',
      'M5',
      'M6',
    ]);

    const listed = await request(live.system.http('concepts'))
      .get(`/concepts?fund=${TEST_POOLED_FUND.code}`)
      .set(bearer('fund-admin'))
      .expect(200);
    expect(listed.body.items.map((i: { id: string; fund: string }) => [i.id, i.fund])).toEqual([
      [drafted.body.id, TEST_POOLED_FUND.code],
    ]);
    const mptf = await request(live.system.http('concepts'))
      .get(`/concepts?fund=${MIGRATION_MPTF.code}`)
      .set(bearer('fund-admin'))
      .expect(200);
    expect(mptf.body.items.map((i: { id: string }) => i.id)).not.toContain(drafted.body.id);

    expect(await outboxPayload(drafted.body.id, CONCEPT_NOTE_SUBMITTED_V1)).toEqual([
      expect.objectContaining({ conceptNoteId: drafted.body.id, fund: TEST_POOLED_FUND.code }),
    ]);
    expect(await outboxPayload(drafted.body.id, SUBMISSION_EVENT_TYPES['concept-note'].screened)).toEqual([
      expect.objectContaining({ fund: TEST_POOLED_FUND.code, eligible: true }),
    ]);
  });

  it('keeps a concept note that names no fund in the first fund registered for concept notes', async () => {
    const drafted = await draft(aConceptNote()).expect(201);
    expect(drafted.body.fund).toBe(MIGRATION_MPTF.code);
  });

  it.each([
    ['a fund Fundline does not run', 'NO_SUCH_FUND', 'Fundline runs no fund NO_SUCH_FUND'],
    [
      'a fund that takes project proposals',
      FUND_1035.code,
      `${FUND_1035.code} takes project proposals, not concept notes`,
    ],
  ])(
    'refuses (400) a concept note to %s, naming the field and the funds that take concept notes',
    async (_, fund, why) => {
      const before = await live.db.query('SELECT count(*)::int AS n FROM concepts.submissions');
      const res = await draft(aConceptNote({ fund })).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          field: 'fund',
          rule: 'isFund',
          message: `${why}; concept notes go to ${MIGRATION_MPTF.code}, ${TEST_POOLED_FUND.code}`,
        }),
      ]);
      const after = await live.db.query('SELECT count(*)::int AS n FROM concepts.submissions');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    },
  );

  it('refuses (400) a filter on a fund Fundline does not run', async () => {
    const res = await request(live.system.http('concepts'))
      .get('/concepts?fund=NO_SUCH_FUND')
      .set(bearer('fund-admin'))
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'fund', rule: 'isRegisteredFund' })]);
  });
});
