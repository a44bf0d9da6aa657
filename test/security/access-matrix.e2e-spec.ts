import { randomUUID } from 'node:crypto';
import { authConfigFromEnv, signDevelopmentToken } from '@fundline/auth';
import { Role } from '@fundline/contracts';
import { connect, eventually, TEST_JWT_SECRET, tokenFor } from '@fundline/testing';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { aConceptNote, aProjectProposal } from '../support/concept-note-builder';
import { ALL_SERVICES } from '../support/fundline-system';
import { Answer, LiveSystem } from '../support/live-system';
import { declaredRoutes, Endpoint, ENDPOINTS, fillRoute } from './endpoint-catalogue';
import { letterUpload } from '../support/endorsements';

interface Persona {
  name: string;
  role?: Role;
  country?: string;
}

const OWN = 'PHL';
const OTHER = 'MEX';
const PERSONAS: readonly Persona[] = [
  { name: 'anonymous' },
  { name: 'government (own country)', role: 'government', country: OWN },
  { name: 'government (other country)', role: 'government', country: OTHER },
  { name: 'steering committee', role: 'steering-committee' },
  { name: 'finance officer', role: 'finance-officer' },
  { name: 'fund admin', role: 'fund-admin' },
];

type Expected = 'allow' | 'unauthenticated' | 'forbidden' | 'hidden';

/** The policy: what each persona should get on each endpoint. */
function expected(endpoint: Endpoint, persona: Persona): Expected {
  if (endpoint.allowed === 'public') return 'allow';
  if (!persona.role) return 'unauthenticated';
  if (!endpoint.allowed.includes(persona.role)) return 'forbidden';
  if (endpoint.ownedByCountry && persona.role === 'government' && persona.country !== OWN) return 'hidden';
  return 'allow';
}

/** Bodies valid enough to pass validation, so that ownership, not the body, decides the answer. */
const BODIES: Record<string, () => object> = {
  'PUT /concept-notes/{id}': () => aConceptNote(),
  'PUT /project-proposals/{id}': () => aProjectProposal(),
  'POST /concepts/{id}/withdraw': () => ({ reason: 'Merged into a regional programme' }),
};

const TITLE = String(aConceptNote().title);

function isProblem(answer: Answer): boolean {
  return answer.contentType.startsWith('application/problem+json') && JSON.parse(answer.text).status === answer.status;
}

describe('access matrix: every endpoint × every role × own/other country', () => {
  let live: LiveSystem;
  let db: Client;
  let conceptId: string;
  /** The Philippines' endorsement letter, attached to its concept. */
  let letterId: string;

  beforeAll(async () => {
    live = await LiveSystem.start();
    db = await connect(live.system.db.url);
    const auth = { Authorization: `Bearer ${tokenFor('government', OWN)}`, 'Content-Type': 'application/json' };
    const draft = await live.send('concepts', 'POST', '/concept-notes', auth, JSON.stringify(aConceptNote()));
    conceptId = JSON.parse(draft.text).id;
    const letter = letterUpload(OWN);
    const attached = await live.send(
      'concepts',
      'POST',
      `/concepts/${conceptId}/endorsements`,
      { ...auth, 'Content-Type': letter.contentType },
      letter.body,
    );
    expect(attached.status).toBe(201);
    letterId = JSON.parse(attached.text).document.documentId;
    expect((await live.send('concepts', 'POST', `/concepts/${conceptId}/submit`, auth)).status).toBe(200);
    await eventually(
      async () =>
        (await live.send('reporting', 'GET', `/pipeline/${conceptId}`, auth)).status === 200 ? 1 : undefined,
      30_000,
      'the concept in the read model',
    );
  });

  afterAll(async () => {
    await db?.end();
    await live?.stop();
  });

  const pathOf = (endpoint: Endpoint) =>
    fillRoute(
      endpoint.route,
      {
        // Every route about a submission gets the Philippines' own; fund codes that exist nowhere keep fund-admin's
        // allowed calls (close, open year) from changing the funds the rest of the matrix reads.
        ...(endpoint.route.includes('{id}') && /^\/(concepts|concept-notes|project-proposals)/.test(endpoint.route)
          ? { id: conceptId }
          : {}),
        conceptId,
        documentId: letterId,
        dataset: 'countries',
        key: OWN,
        fundCode: 'NO_SUCH_FUND',
        fund: 'MIGRATION_MPTF',
        pocketCode: 'UNEARMARKED',
        line: 'LINE_2',
      },
      () => randomUUID(),
    );

  it('lists every route the services declare, and nothing they do not', async () => {
    const declared: string[] = [];
    for (const service of ALL_SERVICES) {
      const doc = await live.send(service, 'GET', '/docs-json');
      declared.push(...declaredRoutes(JSON.parse(doc.text)).map((r) => `${service} ${r}`));
    }
    const catalogued = ENDPOINTS.map((e) => `${e.service} ${e.method} ${e.route}`);
    expect([...catalogued].sort()).toEqual([...declared].sort());
  });

  it('allows or denies each endpoint for each role and country as the policy says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const endpoint of ENDPOINTS) {
      // Denied personas first: an allowed call (a submit, a withdrawal) must not change what a denied one sees.
      const ordered = [...PERSONAS].sort(
        (a, b) => Number(expected(endpoint, a) === 'allow') - Number(expected(endpoint, b) === 'allow'),
      );
      for (const persona of ordered) {
        const want = expected(endpoint, persona);
        const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() };
        if (persona.role) headers.Authorization = `Bearer ${tokenFor(persona.role, persona.country)}`;
        const sample = BODIES[`${endpoint.method} ${endpoint.route}`];
        const body = endpoint.method === 'GET' ? undefined : JSON.stringify(sample ? sample() : {});
        const answer = await live.send(endpoint.service, endpoint.method, pathOf(endpoint), headers, body);
        checked++;
        const got = answer.status;
        const ok =
          want === 'unauthenticated'
            ? got === 401 && isProblem(answer)
            : want === 'forbidden'
              ? got === 403 && isProblem(answer)
              : want === 'hidden'
                ? got === 404 && isProblem(answer)
                : ![401, 403].includes(got) &&
                  !(endpoint.ownedByCountry && persona.role === 'government' && got === 404) &&
                  got < 500;
        // Whatever a government of another country may read, the Philippines' submission is never in it (its id
        // counts only where the request did not name it already).
        const leaked =
          persona.country === OTHER &&
          (answer.text.includes(TITLE) || (!endpoint.route.includes('{') && answer.text.includes(conceptId)));
        if (!ok || leaked) {
          mismatches.push(
            `${persona.name} ${endpoint.method} ${endpoint.route}: expected ${want}, got ${got}${leaked ? ' (leaks PHL)' : ''}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(ENDPOINTS.length * PERSONAS.length);
  });

  it('shows a government its own submission in the lists it may read (the leak check above can fail)', async () => {
    const own = { Authorization: `Bearer ${tokenFor('government', OWN)}` };
    expect((await live.send('concepts', 'GET', '/concepts', own)).text).toContain(conceptId);
    expect((await live.send('concepts', 'GET', `/concepts/${conceptId}`, own)).text).toContain(TITLE);
    expect((await live.send('reporting', 'GET', '/pipeline', own)).text).toContain(conceptId);
  });

  describe('tokens that must be refused', () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: object, secret = TEST_JWT_SECRET, options: jwt.SignOptions = {}) =>
      jwt.sign(claims, secret, { algorithm: 'HS256', ...options });
    const good = {
      sub: 'fo-1',
      role: 'finance-officer',
      aud: 'fundline',
      iss: 'fundline-dev',
      iat: now,
      exp: now + 600,
    };
    const cases: Array<[string, string]> = [
      ['a bad signature', sign(good, 'not-the-secret-of-this-deployment')],
      ['an expired token', sign({ ...good, iat: now - 7200, exp: now - 3600 })],
      ['a token not valid yet', sign({ ...good, nbf: now + 3600 })],
      ['the wrong audience', sign({ ...good, aud: 'another-system' })],
      ['the wrong issuer', sign({ ...good, iss: 'somebody-else' })],
      ['no subject', sign({ ...good, sub: undefined })],
      ['no role', sign({ ...good, role: undefined })],
      ['an unknown role', sign({ ...good, role: 'root' })],
      ['a government without its country', sign({ ...good, role: 'government' })],
      ['a government with a malformed country', sign({ ...good, role: 'government', country: 'ph' })],
      [
        'alg none',
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(good)).toString('base64url')}.`,
      ],
      ['HS384 instead of HS256', sign(good, TEST_JWT_SECRET, { algorithm: 'HS384' })],
      ['garbage', 'not.a.token'],
    ];

    it.each(cases)('refuses %s with 401 problem+json on every protected endpoint', async (_, token) => {
      const refused: string[] = [];
      for (const endpoint of ENDPOINTS.filter((e) => e.allowed !== 'public')) {
        const answer = await live.send(
          endpoint.service,
          endpoint.method,
          pathOf(endpoint),
          {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
          endpoint.method === 'GET' ? undefined : '{}',
        );
        if (answer.status !== 401 || !isProblem(answer))
          refused.push(`${endpoint.method} ${endpoint.route}: ${answer.status}`);
      }
      expect(refused).toEqual([]);
    });

    it('refuses a token in another scheme than Bearer', async () => {
      const token = signDevelopmentToken(TEST_JWT_SECRET, { sub: 'fo', role: 'finance-officer' });
      const answer = await live.send('funds', 'GET', '/funds', { Authorization: `Basic ${token}` });
      expect(answer.status).toBe(401);
    });
  });

  describe('secrets come only from the environment', () => {
    it('refuses to start without a key source, and with two', () => {
      expect(() => authConfigFromEnv({})).toThrow(/exactly one of JWT_SECRET/);
      expect(() => authConfigFromEnv({ JWT_SECRET: 'a', JWT_JWKS_URL: 'https://idp.example/jwks' })).toThrow();
    });

    it('uses exactly the secret the environment gives', () => {
      const secret = randomUUID();
      expect(authConfigFromEnv({ JWT_SECRET: secret }).secret).toBe(secret);
    });
  });
});
