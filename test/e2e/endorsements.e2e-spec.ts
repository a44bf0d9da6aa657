import { createHash } from 'node:crypto';
import { bearer } from '@fundline/testing';
import request from 'supertest';
import { binary } from '../support/binary-body';
import { EXE } from '../../libs/documents/test/fixtures';
import { aConceptNote, aProjectProposal } from '../support/concept-note-builder';
import { attachLetters, LETTER_PDF, letterUpload } from '../support/endorsements';
import { fundlineForThisFile } from '../support/fundline-system';
import { usd } from '../support/money-requests';

interface VerdictLine {
  rule: string;
  passed: boolean;
  detail: string;
}

/** Issue 13, item 3: a submission's endorsement letters are documents its screening counts (M2, F5). */
describe('endorsement letters (issue 13)', () => {
  const f = fundlineForThisFile();
  const concepts = () => f.system.http('concepts');
  const philippines = bearer('government', 'PHL');

  const draft = async (path: string, body: object, auth = philippines) =>
    (await request(concepts()).post(path).set(auth).send(body).expect(201)).body.id as string;
  const attach = (id: string, country: string, auth = philippines) => {
    const { contentType, body } = letterUpload(country);
    return request(concepts())
      .post(`/concepts/${id}/endorsements`)
      .set(auth)
      .set('Content-Type', contentType)
      .send(body);
  };
  const lines = (body: { verdict: { lines: VerdictLine[] } }) =>
    Object.fromEntries(body.verdict.lines.map((l) => [l.rule, l]));

  it('M2 screens a concept note without its government’s letter ineligible, naming the missing letter', async () => {
    const id = await draft('/concept-notes', aConceptNote());
    const submitted = await request(concepts()).post(`/concepts/${id}/submit`).set(philippines).expect(200);
    expect(submitted.body.status).toBe('screened-ineligible');
    expect(lines(submitted.body).M2).toEqual({
      rule: 'M2',
      passed: false,
      detail: 'the endorsement letter of PHL is missing: attach it as a document before submitting',
    });
    // Revised, the letter attached, submitted again: eligible.
    await request(concepts()).post(`/concepts/${id}/revise`).set(philippines).expect(200);
    expect((await attach(id, 'PHL')).status).toBe(201);
    const again = await request(concepts()).post(`/concepts/${id}/submit`).set(philippines).expect(200);
    expect(again.body.status).toBe('in-pipeline');
    expect(lines(again.body).M2.passed).toBe(true);
    // Item 7: the submitted events name the letters by id and hash, never their bytes.
    const { rows } = await f.db.query(
      `SELECT envelope FROM concepts.outbox WHERE type = 'concept-note.submitted.v1' AND envelope->>'aggregateId' = $1
       ORDER BY sequence`,
      [id],
    );
    expect(rows.map((r) => r.envelope.payload.endorsementLetters)).toEqual([
      [],
      [
        {
          country: 'PHL',
          documentId: expect.any(String),
          sha256: createHash('sha256').update(LETTER_PDF).digest('hex'),
        },
      ],
    ]);
  });

  it('F5 counts only the endorsing states whose letter is attached', async () => {
    const regional = aProjectProposal({
      scope: 'regional',
      countries: ['PHL', 'IDN'],
      endorsements: [
        { country: 'PHL', letterReference: 'L-PHL' },
        { country: 'IDN', letterReference: 'L-IDN' },
      ],
      requested: usd('250000.00'),
    });
    const id = await draft('/project-proposals', regional);
    expect((await attach(id, 'PHL')).status).toBe(201);
    const submitted = await request(concepts()).post(`/concepts/${id}/submit`).set(philippines).expect(200);
    expect(lines(submitted.body).F5).toMatchObject({
      passed: false,
      detail: expect.stringContaining('endorsement letter(s) missing for IDN'),
    });
  });

  it('G6 serves a letter to its government and to staff, byte for byte, and to no other government', async () => {
    const id = await draft('/concept-notes', aConceptNote());
    await attachLetters(concepts(), philippines, id);
    const listed = await request(concepts()).get(`/concepts/${id}/documents`).set(bearer('fund-admin')).expect(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        kind: 'endorsement-letter',
        mediaType: 'application/pdf',
        fileName: 'endorsement-PHL.pdf',
      }),
    ]);
    const documentId = listed.body[0].documentId as string;
    const letter = await request(concepts())
      .get(`/concepts/${id}/documents/${documentId}`)
      .set(philippines)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
    expect(sha(letter.body as Buffer)).toBe(sha(LETTER_PDF));
    expect(listed.body[0].sha256).toBe(sha(LETTER_PDF));
    const kenya = bearer('government', 'KEN');
    await request(concepts()).get(`/concepts/${id}/documents`).set(kenya).expect(404);
    await request(concepts()).get(`/concepts/${id}/documents/${documentId}`).set(kenya).expect(404);
    expect((await attach(id, 'PHL', kenya)).status).toBe(404);
  });

  it('G3 M2 replaces a letter with a new version: the first stays stored, the submission names the new one', async () => {
    const id = await draft('/concept-notes', aConceptNote());
    await attachLetters(concepts(), philippines, id);
    const [first] = (await request(concepts()).get(`/concepts/${id}/documents`).set(philippines).expect(200)).body;
    const signed = Buffer.from(LETTER_PDF.replace('%%EOF', '% signed by the minister\n%%EOF'));
    const replace = (documentId: string, auth = philippines) =>
      request(concepts())
        .post(`/concepts/${id}/documents/${documentId}/versions`)
        .set(auth)
        .attach('file', signed, { filename: 'endorsement-PHL-signed.pdf', contentType: 'application/pdf' });
    expect((await replace(first.documentId, bearer('government', 'KEN'))).status).toBe(404);
    expect((await replace(first.documentId, bearer('fund-admin'))).status).toBe(403);
    const replaced = await replace(first.documentId);
    expect(replaced.status).toBe(201);
    expect(replaced.body).toMatchObject({
      country: 'PHL',
      document: { version: 2, supersedes: first.documentId, fileName: 'endorsement-PHL-signed.pdf' },
    });
    expect((await replace(first.documentId)).body.code).toBe('DOCUMENT.SUPERSEDED');
    const listed = (await request(concepts()).get(`/concepts/${id}/documents`).set(philippines).expect(200)).body;
    expect(listed.map((d: { documentId: string }) => d.documentId)).toEqual([
      first.documentId,
      replaced.body.document.documentId,
    ]);
    const submitted = await request(concepts()).post(`/concepts/${id}/submit`).set(philippines).expect(200);
    expect(lines(submitted.body).M2.passed).toBe(true);
    const { rows } = await f.db.query(
      `SELECT envelope FROM concepts.outbox WHERE type = 'concept-note.submitted.v1' AND envelope->>'aggregateId' = $1`,
      [id],
    );
    expect(rows[0].envelope.payload.endorsementLetters).toEqual([
      {
        country: 'PHL',
        documentId: replaced.body.document.documentId,
        sha256: createHash('sha256').update(signed).digest('hex'),
      },
    ]);
    // Once submitted, letters are what was submitted: no new version.
    expect((await replace(replaced.body.document.documentId)).body.code).toBe('DOCUMENT.NOT_DRAFT');
  });

  it('refuses a bad letter with problem+json and stores nothing: a program, a state not covered, a submitted concept', async () => {
    const id = await draft('/concept-notes', aConceptNote());
    const program = await request(concepts())
      .post(`/concepts/${id}/endorsements`)
      .set(philippines)
      .attach('file', EXE, { filename: 'letter.pdf', contentType: 'application/pdf' });
    expect(program.status).toBe(415);
    expect(program.headers['content-type']).toMatch(/application\/problem\+json/);
    const stranger = await attach(id, 'KEN');
    expect(stranger.status).toBe(422);
    expect(stranger.body).toMatchObject({ code: 'DOCUMENT.ENDORSER', errors: [{ field: 'country', rule: 'F5' }] });
    expect((await request(concepts()).get(`/concepts/${id}/documents`).set(philippines).expect(200)).body).toEqual([]);

    await attachLetters(concepts(), philippines, id);
    await request(concepts()).post(`/concepts/${id}/submit`).set(philippines).expect(200);
    const late = await attach(id, 'PHL');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('DOCUMENT.NOT_DRAFT');
  });
});
