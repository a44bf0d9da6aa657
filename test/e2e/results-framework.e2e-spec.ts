import {
  CONCEPT_NOTE_SUBMITTED_V1,
  FundlineEvent,
  PROJECT_PROPOSAL_SUBMITTED_V1,
  ResultsFrameworkV1,
  TOPICS,
} from '@fundline/contracts';
import { physicalName } from '@fundline/messaging';
import { bearer, readTopic } from '@fundline/testing';
import request from 'supertest';
import { aCategorisedProjectProposal, aConceptNote } from '../support/concept-note-builder';
import { attachLetters } from '../support/endorsements';
import { fundlineForThisFile } from '../support/fundline-system';
import { aResultsFramework } from '../support/results-framework-builder';

/**
 * Results frameworks at submission (issue 14), on the real stack: a concept note is submitted only with its framework
 * (M14: refused, 422, and left a draft without one); codes unique (RF2) and the shape complete (RF1) when a draft is
 * written; the submitted events carry the framework, on Kafka; a revision keeps it editable; a project proposal
 * submits without one (F12: its monitoring framework is owed after approval).
 */
const owner = bearer('government', 'PHL');
type Json = Record<string, unknown>;
type Problem = { code: string; errors: Array<{ field: string; rule: string; limit?: number }> };

const withoutFramework = ({ resultsFramework: _none, ...body }: Json) => body;

describe('results frameworks at submission (issue 14)', () => {
  const live = fundlineForThisFile();
  const concepts = () => live.system.http('concepts');

  /** What the concepts service has written: its submissions, history, verdicts and outbox, as one digest. */
  async function written(): Promise<string> {
    const { rows } = await live.db.query(
      `SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM concepts.submissions t)
           || (SELECT count(*) FROM concepts.concept_history) || '/' || (SELECT count(*) FROM concepts.screenings)
           || '/' || (SELECT count(*) FROM concepts.outbox) AS digest`,
    );
    return rows[0].digest as string;
  }

  async function drafted(path: 'concept-notes' | 'project-proposals', body: Json): Promise<string> {
    const draft = await request(concepts()).post(`/${path}`).set(owner).send(body).expect(201);
    await attachLetters(concepts(), owner, draft.body.id);
    return draft.body.id as string;
  }

  const submit = (id: string) => request(concepts()).post(`/concepts/${id}/submit`).set(owner);
  const view = async (id: string) => (await request(concepts()).get(`/concepts/${id}`).set(owner).expect(200)).body;

  /** The submitted events of a concept in the outbox, in order. */
  async function submittedEvents(id: string, type: string): Promise<Json[]> {
    const { rows } = await live.db.query(
      `SELECT envelope -> 'payload' AS payload FROM concepts.outbox WHERE message_key = $1 AND type = $2 ORDER BY sequence`,
      [id, type],
    );
    return rows.map((r) => r.payload as Json);
  }

  /** A draft refused: problem+json with the status, the one violation expected, and nothing written. */
  async function refused(
    send: () => request.Test,
    status: number,
    violation: { field: string; rule: string; limit?: number },
  ): Promise<Problem> {
    const before = await written();
    const res = await send().expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining(violation)]);
    expect(await written()).toBe(before);
    return res.body as Problem;
  }

  it('M14 refuses to submit a concept note without a results framework (422): it stays a draft, nothing recorded', async () => {
    const id = await drafted('concept-notes', withoutFramework(aConceptNote()));
    expect((await view(id)).resultsFramework).toBeNull();

    const problem = await refused(() => submit(id), 422, { field: 'resultsFramework', rule: 'M14' });
    expect(problem.code).toBe('CONCEPT_NOTE.RULE_BROKEN');
    expect(await view(id)).toMatchObject({ status: 'draft', version: 1, submittedAt: null, eligible: null });
    expect(await submittedEvents(id, CONCEPT_NOTE_SUBMITTED_V1)).toEqual([]);

    // The government completes its draft and submits it: eligible, into the pipeline.
    await request(concepts()).put(`/concept-notes/${id}`).set(owner).send(aConceptNote()).expect(200);
    const answer = await submit(id).expect(200);
    expect(answer.body).toMatchObject({ status: 'in-pipeline', eligible: true });
  });

  it('M14 submits a concept note with its framework, eligible; the submitted event carries it, on Kafka too', async () => {
    const id = await drafted('concept-notes', aConceptNote());
    expect((await view(id)).resultsFramework).toEqual(aResultsFramework());

    const answer = await submit(id).expect(200);
    expect(answer.body).toMatchObject({ status: 'in-pipeline', eligible: true, resultsFramework: aResultsFramework() });
    expect(answer.body.verdict.lines.every((l: { passed: boolean }) => l.passed)).toBe(true);

    const [event] = await submittedEvents(id, CONCEPT_NOTE_SUBMITTED_V1);
    expect(event.resultsFramework).toEqual(aResultsFramework());
    const topic = physicalName(live.system.config.kafkaNamespace, TOPICS.concepts);
    const submittedOnKafka = (messages: Array<{ value: string | null }>) =>
      messages
        .map((m) => JSON.parse(m.value!) as FundlineEvent)
        .find((e) => e.aggregateId === id && e.type === CONCEPT_NOTE_SUBMITTED_V1);
    const published = submittedOnKafka(await readTopic(topic, (all) => submittedOnKafka(all) !== undefined));
    expect((published?.payload as { resultsFramework: ResultsFrameworkV1 }).resultsFramework).toEqual(
      aResultsFramework(),
    );
  });

  it('M14 G4 a revision keeps the framework and leaves it editable; version 2’s event carries the new one', async () => {
    const id = await drafted('concept-notes', aConceptNote({ markers: { gender: 1, humanRights: 3 } }));
    expect((await submit(id).expect(200)).body).toMatchObject({ status: 'screened-ineligible' });

    const revised = await request(concepts()).post(`/concepts/${id}/revise`).set(owner).expect(200);
    expect(revised.body).toMatchObject({ status: 'draft', version: 2, resultsFramework: aResultsFramework() });

    const { outcomes } = aResultsFramework() as { outcomes: ResultsFrameworkV1['outcomes'] };
    const narrower = { outcomes: outcomes.slice(0, 1), notes: 'Outcome 2 left to a later phase' };
    const edited = await request(concepts())
      .put(`/concept-notes/${id}`)
      .set(owner)
      .send(aConceptNote({ resultsFramework: narrower }))
      .expect(200);
    expect(edited.body.resultsFramework).toEqual(narrower);

    await attachLetters(concepts(), owner, id);
    expect((await submit(id).expect(200)).body).toMatchObject({ status: 'in-pipeline', version: 2 });
    const events = await submittedEvents(id, CONCEPT_NOTE_SUBMITTED_V1);
    expect(events.map((e) => [e.version, (e.resultsFramework as ResultsFrameworkV1).outcomes.length])).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  it('F12 a project proposal submits without a framework (eligible, none in its event), or with one (carried)', async () => {
    const without = await drafted('project-proposals', aCategorisedProjectProposal());
    expect((await submit(without).expect(200)).body).toMatchObject({ status: 'in-pipeline', resultsFramework: null });
    const [bare] = await submittedEvents(without, PROJECT_PROPOSAL_SUBMITTED_V1);
    expect(bare).not.toHaveProperty('resultsFramework');

    const withFramework = await drafted(
      'project-proposals',
      aCategorisedProjectProposal({ title: 'Labour migration data systems', resultsFramework: aResultsFramework() }),
    );
    expect((await submit(withFramework).expect(200)).body).toMatchObject({ status: 'in-pipeline' });
    const [carried] = await submittedEvents(withFramework, PROJECT_PROPOSAL_SUBMITTED_V1);
    expect(carried.resultsFramework).toEqual(aResultsFramework());
  });

  describe('a draft with a bad framework is refused, nothing stored', () => {
    const framework = () =>
      JSON.parse(JSON.stringify(aResultsFramework())) as {
        outcomes: Array<Json & { outputs: Array<Json & { indicators: Json[] }> }>;
      };
    const draft = (resultsFramework: object) => () =>
      request(concepts()).post('/concept-notes').set(owner).send(aConceptNote({ resultsFramework }));

    it('RF1 an indicator without a target, or with a null one: 400 naming it', async () => {
      const missing = framework();
      delete missing.outcomes[0].outputs[0].indicators[1].target;
      const field = 'resultsFramework.outcomes.0.outputs.0.indicators.1.target';
      const problem = await refused(draft(missing), 400, { field, rule: 'RF1' });
      expect(problem.code).toBe('REQUEST.INVALID');
      missing.outcomes[0].outputs[0].indicators[1].target = null;
      await refused(draft(missing), 400, { field, rule: 'RF1' });
    });

    it('RF1 an output without indicators: 400 naming it, rule RF1', async () => {
      const empty = framework();
      empty.outcomes[1].outputs[0].indicators = [];
      await refused(draft(empty), 400, {
        field: 'resultsFramework.outcomes.1.outputs.0.indicators',
        rule: 'RF1',
      });
    });

    it('RF1 twenty-one outcomes: 400 with the limit of 20', async () => {
      const many = framework();
      many.outcomes = Array.from({ length: 21 }, (_, i) => ({
        ...many.outcomes[0],
        code: `OC${i}`,
        outputs: [],
      }));
      const res = await draft(many)().expect(400);
      expect(res.body.errors).toContainEqual(
        expect.objectContaining({ field: 'resultsFramework.outcomes', rule: 'arrayMaxSize', limit: 20 }),
      );
    });

    it('RF2 a code used twice: 422 naming the second use, on a new draft and on an edit', async () => {
      const twice = framework();
      twice.outcomes[1].outputs[1].code = '1.1';
      const field = 'resultsFramework.outcomes.1.outputs.1.code';
      const problem = await refused(draft(twice), 422, { field, rule: 'RF2' });
      expect(problem.code).toBe('CONCEPT_NOTE.RULE_BROKEN');

      const id = await drafted('concept-notes', aConceptNote());
      await refused(
        () =>
          request(concepts())
            .put(`/concept-notes/${id}`)
            .set(owner)
            .send(aConceptNote({ resultsFramework: twice })),
        422,
        { field, rule: 'RF2' },
      );
      expect((await view(id)).resultsFramework).toEqual(aResultsFramework());
    });

    it('RF1 the database holds no framework without outcomes either (check constraint)', async () => {
      const id = await drafted('concept-notes', aConceptNote());
      await expect(
        live.db.query(`UPDATE concepts.submissions SET results_framework = '{"outcomes": []}' WHERE id = $1`, [id]),
      ).rejects.toThrow(/submissions_results_framework_has_outcomes/);
    });
  });
});
