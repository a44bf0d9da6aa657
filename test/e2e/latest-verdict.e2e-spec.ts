import { bearer } from '@fundline/testing';
import request from 'supertest';
import { aConceptNote } from '../support/concept-note-builder';
import { FundlineSystem } from '../support/fundline-system';
import { attachLetters } from '../support/endorsements';

/**
 * GET /concepts/{id} shows the verdict of the submission's latest screened version. The test clock does not move
 * unless told, so a revision submitted again is screened at the very instant of its first version: the time of the
 * screenings cannot tell them apart, only their version can.
 */
const TODAY = '2026-11-22T10:00:00Z';

describe('the verdict a submission shows', () => {
  let system: FundlineSystem;
  const concepts = () => system.http('concepts');
  const owner = bearer('government', 'PHL');

  beforeAll(async () => {
    system = await FundlineSystem.start();
  });

  afterAll(async () => {
    await system?.stop();
  });

  afterEach(() => system.clock.set(TODAY));

  /** Submits an ineligible concept note, revises it into an eligible one and submits it again, the clock at `revisedAt`. */
  async function revisedAndResubmitted(revisedAt: string): Promise<string> {
    const ineligible = aConceptNote({ markers: { gender: 0, humanRights: 0 } });
    const draft = await request(concepts()).post('/concept-notes').set(owner).send(ineligible).expect(201);
    const id = draft.body.id as string;
    await attachLetters(concepts(), owner, id);
    const first = await request(concepts()).post(`/concepts/${id}/submit`).set(owner).expect(200);
    expect(first.body).toMatchObject({ version: 1, eligible: false });

    system.clock.set(revisedAt);
    await request(concepts()).post(`/concepts/${id}/revise`).set(owner).expect(200);
    await request(concepts()).put(`/concept-notes/${id}`).set(owner).send(aConceptNote()).expect(200);
    const second = await request(concepts()).post(`/concepts/${id}/submit`).set(owner).expect(200);
    expect(second.body).toMatchObject({ version: 2, eligible: true, status: 'in-pipeline' });
    return id;
  }

  async function shownVerdict(id: string) {
    const shown = await request(concepts()).get(`/concepts/${id}`).set(owner).expect(200);
    expect(shown.body).toMatchObject({ version: 2, status: 'in-pipeline' });
    return shown.body.verdict as { eligible: boolean; lines: Array<{ rule: string; passed: boolean }> };
  }

  it('G4 shows the revised version’s verdict when it is re-screened at the same instant as the first version', async () => {
    const id = await revisedAndResubmitted(TODAY);
    const screenings = await request(concepts()).get(`/concepts/${id}/screenings`).set(owner).expect(200);
    expect(screenings.body.map((s: { version: number }) => s.version).sort()).toEqual([1, 2]);
    expect(new Set(screenings.body.map((s: { screenedAt: string }) => s.screenedAt))).toEqual(
      new Set([new Date(TODAY).toISOString()]),
    );
    const verdict = await shownVerdict(id);
    expect(verdict.eligible).toBe(true);
    expect(verdict.lines.filter((l) => !l.passed)).toEqual([]);
  });

  it('G4 shows the revised version’s verdict when the clock reads earlier at its screening than at the first', async () => {
    // A clock stepped back (an NTP correction, another instance): the version still decides which verdict is current.
    const id = await revisedAndResubmitted('2026-11-22T09:59:59Z');
    const screenings = await request(concepts()).get(`/concepts/${id}/screenings`).set(owner).expect(200);
    expect(screenings.body.map((s: { version: number }) => s.version)).toEqual([1, 2]);
    const verdict = await shownVerdict(id);
    expect(verdict.eligible).toBe(true);
    expect(verdict.lines.filter((l) => !l.passed)).toEqual([]);
  });
});
