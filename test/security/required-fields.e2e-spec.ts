import { randomUUID } from 'node:crypto';
import { connect, eventually, tokenFor } from '@fundline/testing';
import { Client } from 'pg';
import { aConceptNote, aProjectProposal } from '../support/concept-note-builder';
import { ALL_SERVICES } from '../support/fundline-system';
import { Answer, databaseFingerprint, LiveSystem, settled } from '../support/live-system';
import { aDeposit } from '../support/money-requests';
import { Endpoint, ENDPOINTS, fillRoute } from './endpoint-catalogue';
import {
  bodyFromSchema,
  Field,
  fieldsOf,
  jsonBodySchema,
  OpenApi,
  personaFor,
  problems,
  withField,
} from './openapi-requests';
import { letterUpload } from '../support/endorsements';

/**
 * The required-field sweep: for each write route, a valid body, then every field its OpenAPI schema marks required,
 * at every depth (nested objects and array items), omitted and sent as null, one at a time: each is refused with
 * 400 problem+json naming exactly that field, and nothing is written. The fields come from the documents the services
 * serve, so a new route or field is swept without a change here; that makes the documents' `required` lists part of
 * what is proven, in both directions: an optional field, omitted or null, is never what a refusal names. A required
 * field the document says is nullable must be present, and null is one of its values: sent null, it gets through
 * validation.
 */

interface Context {
  draftNoteId: string;
  draftProposalId: string;
  submittedId: string;
  donorId: string;
}

/** Valid bodies whose content matters beyond validation (existing ids, a fund year open and not funded yet). */
const VALID: Record<string, (context: Context, fromSchema: Record<string, unknown>) => unknown> = {
  'POST /concept-notes': () => aConceptNote(),
  'PUT /concept-notes/{id}': () => aConceptNote(),
  'POST /project-proposals': () => aProjectProposal(),
  'PUT /project-proposals/{id}': () => aProjectProposal(),
  'POST /contributions/deposits': (c) => aDeposit(c.donorId),
  'POST /contributions/commitments': (c, body) => ({ ...body, donorId: c.donorId }),
  'POST /funds/{fundCode}/years': (_, body) => ({ ...body, year: 2042 }),
  'POST /funds/{fundCode}/credit-line-funding': (_, body) => ({ ...body, year: 2041 }),
  'PUT /reference-data/{dataset}/{key}': (_, body) => ({
    ...body,
    value: { opensOn: '2027-01-15', closesOn: '2027-12-31' },
  }),
};

/** Routes whose valid body is accepted here (2xx); the others lack what they act on and are answered 4xx after validation. */
const ACCEPTED = new Set([
  ...Object.keys(VALID),
  'POST /contributions/donors',
  'POST /funds/{fundCode}/pockets/{pocketCode}/income',
  'POST /concepts/{id}/withdraw',
  'POST /contacts',
]);

const dotted = (path: readonly (string | number)[]) => path.join('.');
const key = (endpoint: Endpoint) => `${endpoint.method} ${endpoint.route}`;
const WRITES = ENDPOINTS.filter((e) => e.method !== 'GET');

describe('required-field sweep: every write route, every required field at every depth, omitted or null', () => {
  let live: LiveSystem;
  let db: Client;
  let context: Context;
  const docs: Record<string, OpenApi> = {};
  let swept = 0;

  const asGovernment = { Authorization: `Bearer ${tokenFor('government', 'PHL')}`, 'Content-Type': 'application/json' };

  async function created(service: 'concepts' | 'funds', path: string, headers: object, body: object) {
    const answer = await live.send(
      service,
      'POST',
      path,
      { ...headers } as Record<string, string>,
      JSON.stringify(body),
    );
    expect(answer.status).toBe(201);
    return JSON.parse(answer.text).id as string;
  }

  beforeAll(async () => {
    live = await LiveSystem.start();
    db = await connect(live.system.db.url);
    for (const service of ALL_SERVICES)
      docs[service] = JSON.parse((await live.send(service, 'GET', '/docs-json')).text);
    const finance = { Authorization: `Bearer ${tokenFor('finance-officer')}`, 'Content-Type': 'application/json' };
    const admin = { Authorization: `Bearer ${tokenFor('fund-admin')}`, 'Content-Type': 'application/json' };
    const submittedId = await created('concepts', '/concept-notes', asGovernment, aConceptNote());
    const letter = letterUpload('PHL');
    const attached = await live.send(
      'concepts',
      'POST',
      `/concepts/${submittedId}/endorsements`,
      { ...asGovernment, 'Content-Type': letter.contentType },
      letter.body,
    );
    expect(attached.status).toBe(201);
    expect((await live.send('concepts', 'POST', `/concepts/${submittedId}/submit`, asGovernment)).status).toBe(200);
    context = {
      draftNoteId: await created('concepts', '/concept-notes', asGovernment, aConceptNote()),
      draftProposalId: await created('concepts', '/project-proposals', asGovernment, aProjectProposal()),
      submittedId,
      donorId: await created('funds', '/contributions/donors', finance, {
        name: 'Sweep donor',
        type: 'member-state',
        country: 'DEU',
      }),
    };
    const year = await live.send('funds', 'POST', '/funds/FUND_1035/years', admin, JSON.stringify({ year: 2041 }));
    expect(year.status).toBe(201);
    await eventually(
      async () =>
        (await live.send('reporting', 'GET', `/pipeline/${submittedId}`, asGovernment)).status === 200 ? 1 : undefined,
      30_000,
      'the submitted concept in the read model',
    );
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await live?.stop();
  });

  function pathOf(endpoint: Endpoint): string {
    const id = endpoint.route.startsWith('/concept-notes/')
      ? context.draftNoteId
      : endpoint.route.startsWith('/project-proposals/')
        ? context.draftProposalId
        : endpoint.route.startsWith('/concepts/')
          ? context.submittedId
          : randomUUID();
    return fillRoute(
      endpoint.route,
      {
        id,
        fundCode: /\/(years|credit-line-funding)$/.test(endpoint.route) ? 'FUND_1035' : 'MIGRATION_MPTF',
        pocketCode: 'UNEARMARKED',
        dataset: 'call-round',
        key: '2027-sweep',
      },
      () => randomUUID(),
    );
  }

  function send(endpoint: Endpoint, body: unknown): Promise<Answer> {
    const headers = {
      ...personaFor(endpoint),
      'Content-Type': 'application/json',
      'Idempotency-Key': randomUUID(),
    };
    return live.send(endpoint.service, endpoint.method, pathOf(endpoint), headers, JSON.stringify(body));
  }

  function namedFields(answer: Answer): string[] {
    return ((JSON.parse(answer.text) as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);
  }

  /** Why the answer to `body` (with `field` omitted or null) is not a 400 problem naming exactly `field`, if it is not. */
  async function refusal(endpoint: Endpoint, body: unknown, field: string): Promise<string | undefined> {
    const answer = await send(endpoint, body);
    const problem = problems(answer, true);
    if (problem || answer.status !== 400) return `${answer.status} ${problem ?? ''} ${answer.text.slice(0, 200)}`;
    const named = namedFields(answer);
    const others = named.filter((f) => f !== field && !f.startsWith(`${field}.`));
    if (!named.includes(field) || others.length) return `named ${JSON.stringify(named)}`;
    return undefined;
  }

  it('refuses a project proposal without requested with 400 naming requested, not a 500', async () => {
    const { requested: _omitted, ...body } = aProjectProposal();
    const answer = await live.send('concepts', 'POST', '/project-proposals', asGovernment, JSON.stringify(body));
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(answer.text) as { status: number; code: string; errors: Array<{ field: string }> };
    expect(problem).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'requested', rule: 'isDefined' }));
    expect(new Set(problem.errors.map((e) => e.field))).toEqual(new Set(['requested']));
  });

  it.each(WRITES.map((e) => [`${key(e)} (${e.service})`, e] as const))(
    'every required field of %s, omitted or null, is refused with 400 naming it; optional ones never are',
    async (_, endpoint) => {
      const schema = jsonBodySchema(docs[endpoint.service], endpoint);
      if (!schema) return; // no JSON body: nothing to omit
      const doc = docs[endpoint.service];
      const fromSchema = bodyFromSchema(doc, schema) as Record<string, unknown>;
      const valid = VALID[key(endpoint)]?.(context, fromSchema) ?? fromSchema;
      const fields = fieldsOf(doc, schema, valid);
      const required = fields.filter((f) => f.required);
      const before = await settled(db);
      swept += required.length;
      const failures: string[] = [];
      for (const { path, nullable } of required) {
        for (const [how, change] of [
          ['omitted', { remove: true }],
          ...(nullable ? [] : ([['null', { value: null }]] as const)),
        ] as const) {
          const wrong = await refusal(endpoint, withField(valid, path, change), dotted(path));
          if (wrong) failures.push(`${dotted(path)} ${how}: ${wrong}`);
        }
      }
      // An optional field, omitted or null, is never blamed: with another required field left out, only that one is.
      for (const optional of fields.filter((f) => !f.required)) {
        const other = required.find((r: Field) => r.path[0] !== optional.path[0]);
        if (!other) continue;
        const without = withField(valid, other.path, { remove: true });
        for (const [how, change] of [
          ['omitted', { remove: true }],
          ['null', { value: null }],
        ] as const) {
          const wrong = await refusal(endpoint, withField(without, optional.path, change), dotted(other.path));
          if (wrong) failures.push(`optional ${dotted(optional.path)} ${how}: ${wrong}`);
        }
      }
      expect(failures).toEqual([]);
      expect(await databaseFingerprint(db)).toEqual(before);

      // The positive control: the valid body itself gets through validation (and is accepted where it can be here),
      // so that the refusals above are owed to the field left out.
      const answer = await send(endpoint, valid);
      if (ACCEPTED.has(key(endpoint))) {
        expect(`${answer.status} ${answer.text.slice(0, 300)}`).toMatch(/^2\d\d /);
      } else {
        expect(problems(answer, false)).toBeUndefined();
        expect(answer.status === 400 ? JSON.parse(answer.text).code : 'past validation').not.toBe('REQUEST.INVALID');
      }
      for (const { path } of required.filter((f) => f.nullable)) {
        const withNull = await send(endpoint, withField(valid, path, { value: null }));
        expect(problems(withNull, false)).toBeUndefined();
        expect(withNull.status === 400 ? namedFields(withNull) : []).not.toContain(dotted(path));
      }
    },
    300_000,
  );

  it('swept the required fields of every write route with a body (the sweep is not vacuous)', () => {
    expect(swept).toBeGreaterThanOrEqual(100);
  });
});
