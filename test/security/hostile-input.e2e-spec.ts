import { randomUUID } from 'node:crypto';
import { connect, tokenFor } from '@fundline/testing';
import { Money } from '@fundline/money';
import fc from 'fast-check';
import { Client } from 'pg';
import { ENDPOINTS, fillRoute } from './endpoint-catalogue';
import { OpenApi, personaFor, problems, surface } from './openapi-requests';
import { ALL_SERVICES } from '../support/fundline-system';
import { databaseFingerprint, LiveSystem, settled } from '../support/live-system';

/**
 * Property-based fuzzing of every endpoint's body, query, path and headers. `npm test` runs FUZZ_RUNS (default 1,000)
 * cases per endpoint (about two seconds each). FUZZ_SEED replays a run (the seed is printed).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

const numbers = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 2 ** 31, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, 1e21, 1e308, -1e308, 5e-324, 0.1),
  fc.double(),
  fc.integer(),
);
const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
const strings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '1e5', '-0.001', '0x10', '1,000.00', '١٢٣', '99999999999999999999999.99'),
  fc.constantFrom(
    'USD',
    'usd',
    'XXX',
    'LINE_2',
    'PHL',
    "'; DROP TABLE funds.accounts; --",
    '<script>x</script>',
    '%00',
  ),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'é'.repeat(n)),
);
const leaf = fc.oneof(numbers, strings, fc.boolean(), fc.constant(null));

/** An object whose keys may be the endpoint's own fields, prototype keys or anything, as own properties. */
function objectOf(keys: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>) {
  return fc.array(fc.tuple(keys, value), { maxLength: 6 }).map((entries) => {
    const object: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(object, k, { value: v, enumerable: true, writable: true });
    return object;
  });
}

function hostileValue(fields: string[]) {
  const keys = fc.oneof(
    fields.length ? fc.constantFrom(...fields) : fc.constant('x'),
    fc.constantFrom(...PROTOTYPE_KEYS),
    fc.string({ maxLength: 20 }),
  );
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      leaf,
      fc.array(tie('value'), { maxLength: 4 }),
      objectOf(keys, tie('value')),
    ),
  })).value;
}

/** Raw body text: hostile JSON, broken JSON, deep nesting, non-object roots, bodies over the limit. */
function hostileBody(fields: string[]) {
  return fc.oneof(
    {
      arbitrary: objectOf(fc.constantFrom(...(fields.length ? fields : ['x'])), hostileValue(fields)).map((o) =>
        JSON.stringify(o),
      ),
      weight: 6,
    },
    { arbitrary: hostileValue(fields).map((v) => JSON.stringify(v) ?? 'null'), weight: 3 },
    {
      arbitrary: fc
        .constantFrom(...PROTOTYPE_KEYS)
        .map((k) => `{"${k}":{"polluted":true,"prototype":{"polluted":true}}}`),
      weight: 1,
    },
    { arbitrary: fc.integer({ min: 50, max: 20_000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)), weight: 1 },
    { arbitrary: fc.integer({ min: 50, max: 20_000 }).map((d) => '['.repeat(d) + ']'.repeat(d)), weight: 1 },
    { arbitrary: fc.string({ maxLength: 60 }), weight: 2 },
    { arbitrary: fc.constant(`{"title":"${'x'.repeat(300 * 1024)}"}`), weight: 1 },
  );
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'text/plain',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
);

/** A query string built as qs parses it: plain, repeated, array and nested keys. */
function hostileQuery(names: string[]) {
  const key = fc.oneof(
    names.length ? fc.constantFrom(...names) : fc.constant('q'),
    fc.constantFrom(...PROTOTYPE_KEYS),
    fc.string({ maxLength: 10 }),
  );
  const pair = fc
    .tuple(key, fc.oneof(strings, numbers.map(String)), fc.constantFrom('', '[]', '[x]', '[__proto__]', '[0][1]'))
    .map(([k, v, suffix]) => `${encodeURIComponent(k)}${suffix}=${encodeURIComponent(v.slice(0, 4000))}`);
  return fc.array(pair, { minLength: 1, maxLength: 5 }).map((pairs) => `?${pairs.join('&')}`);
}

describe(`hostile input (${RUNS} cases per endpoint, seed ${SEED})`, () => {
  let live: LiveSystem;
  let db: Client;
  const docs: Record<string, OpenApi> = {};

  beforeAll(async () => {
    process.stderr.write(`hostile input: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}\n`);
    live = await LiveSystem.start();
    db = await connect(live.system.db.url);
    for (const service of ALL_SERVICES) {
      docs[service] = JSON.parse((await live.send(service, 'GET', '/docs-json')).text);
    }
    await settled(db);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await live?.stop();
  });

  it.each(ENDPOINTS.map((e) => [`${e.method} ${e.route} (${e.service})`, e] as const))(
    '%s answers hostile input with 4xx problem+json and changes nothing',
    async (_, endpoint) => {
      const { hasBody, fields, query } = surface(docs[endpoint.service], endpoint);
      const write = endpoint.method !== 'GET';
      const before = await databaseFingerprint(db);
      const path = fc.oneof(
        { arbitrary: fc.constant(fillRoute(endpoint.route, {}, () => randomUUID())), weight: 4 },
        { arbitrary: strings.map((s) => fillRoute(endpoint.route, {}, () => s.slice(0, 2000))), weight: 1 },
      );
      const request = fc.record({
        path,
        query: write ? fc.constant('') : hostileQuery(query),
        body: write
          ? hasBody
            ? hostileBody(fields)
            : fc.option(hostileBody(fields), { nil: undefined })
          : fc.constant(undefined),
        contentType: contentTypes,
        idempotencyKey: fc.option(
          printable.map((s) => s.slice(0, 300)),
          { nil: undefined },
        ),
        correlationId: fc.option(printable, { nil: undefined }),
        // Now and then the credentials themselves are hostile: a mangled scheme, a token of garbage.
        authorization: fc.option(
          fc.oneof(
            printable,
            printable.map((t) => `Bearer ${t}`),
          ),
          { nil: undefined, freq: 10 },
        ),
      });
      const run = await fc.check(
        fc.asyncProperty(request, async (r) => {
          const headers: Record<string, string> = { ...personaFor(endpoint), 'Content-Type': r.contentType };
          if (r.idempotencyKey !== undefined) headers['Idempotency-Key'] = r.idempotencyKey;
          if (r.correlationId !== undefined) headers['X-Correlation-Id'] = r.correlationId;
          if (r.authorization !== undefined) headers.Authorization = r.authorization;
          const answer = await live.send(endpoint.service, endpoint.method, r.path + r.query, headers, r.body);
          const problem = problems(answer, write);
          if (problem) throw new Error(`${problem}: ${answer.status} ${answer.text.slice(0, 300)}`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      const shown = run.failed ? JSON.stringify(run.counterexample).slice(0, 600) : '';
      expect(run.failed ? `${run.errorInstance} on ${shown}` : 'no failure').toBe('no failure');
      expect(run.numRuns).toBe(RUNS);
      expect(await databaseFingerprint(db)).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    600_000,
  );

  it('answers a body that is not JSON with 400 REQUEST.MALFORMED_JSON saying where parsing stopped', async () => {
    const government = { Authorization: `Bearer ${tokenFor('government', 'PHL')}`, 'Content-Type': 'application/json' };
    const body = '{\n  "title": "x",\n  "scope": }';
    const answer = await live.send('concepts', 'POST', '/concept-notes', government, body);
    expect(problems(answer, true)).toBeUndefined();
    expect(JSON.parse(answer.text)).toMatchObject({
      status: 400,
      code: 'REQUEST.MALFORMED_JSON',
      title: 'The request body is not valid JSON',
      detail: 'The body is not valid JSON: parsing stopped on line 3, column 12 (character 29): expected a value',
      errors: [{ field: 'body', rule: 'json' }],
    });
  });

  it('G1 answers deposits, income and line funding at and beyond the money limits with exactly that amount or a 4xx, never a 5xx', async () => {
    const finance = { Authorization: `Bearer ${tokenFor('finance-officer')}`, 'Content-Type': 'application/json' };
    const donor = await live.send(
      'funds',
      'POST',
      '/contributions/donors',
      finance,
      JSON.stringify({ name: 'Boundary donor', type: 'member-state', country: 'DEU' }),
    );
    const donorId = JSON.parse(donor.text).id as string;
    // Fund 1035 years to fund (F9 funds a year once, and only an open one); the property also tries closed ones.
    const admin = { Authorization: `Bearer ${tokenFor('fund-admin')}`, 'Content-Type': 'application/json' };
    for (let year = 2020; year <= 2040; year++) {
      await live.send('funds', 'POST', '/funds/FUND_1035/years', admin, JSON.stringify({ year }));
    }
    // Exact edge values, anything up to the largest amount, and ordinary amounts (so that some commands go through).
    const upTo = (max: bigint) =>
      fc.bigInt({ min: 1n, max }).map((m) => `${m / 100n}.${String(m % 100n).padStart(2, '0')}`);
    const ordinary = upTo(10_000_000_000n);
    const amounts = fc.oneof(
      fc.constantFrom('0.00', '0.01', '-0.01', '1.001', '999999999999999.99', '9999999999999999.99', '1e3', '00001.00'),
      upTo(99_999_999_999_999_999n),
      ordinary,
    );
    const rates = fc.constantFrom('1', '0.000000000001', '1.0850', '999999999', '999999999.999999999999', '0');
    const usdAmount = amounts.map((amount) => ({ amount, currency: 'USD' }));
    // Deposits and line funding: mostly ordinary amounts, so that a fair share of them is valid and goes through.
    const mostlyOrdinary = fc
      .oneof({ arbitrary: ordinary, weight: 4 }, { arbitrary: amounts, weight: 1 })
      .map((amount) => ({ amount, currency: 'USD' }));
    // Each command that brings money in, with amounts (and rates) from the smallest to beyond the largest.
    const command = fc.oneof(
      fc
        .record({ amount: mostlyOrdinary, currency: fc.constantFrom('USD', 'USD', 'EUR', 'JPY', 'usd'), rate: rates })
        .map((d) => ({
          path: '/contributions/deposits',
          sent: d.amount.amount,
          currency: d.currency,
          body: {
            donorId,
            fundCode: 'MIGRATION_MPTF',
            // Not the pocket income fills: an income near the limit would leave no room for any deposit after it.
            pocketCode: 'THEMATIC_1',
            amount: { amount: d.amount.amount, currency: d.currency },
            usdRate: d.currency === 'USD' ? '1' : d.rate,
            depositDate: '2026-11-20',
          },
        })),
      usdAmount.map((amount) => ({
        path: '/funds/MIGRATION_MPTF/pockets/UNEARMARKED/income',
        sent: amount.amount,
        currency: 'USD',
        body: { kind: 'interest', amount, receivedOn: '2026-11-30', description: 'Interest at the limits' },
      })),
      fc
        .record({
          year: fc.integer({ min: 2015, max: 2045 }),
          a: mostlyOrdinary,
          b: mostlyOrdinary,
          c: mostlyOrdinary,
          d: mostlyOrdinary,
        })
        .map(({ year, a, b, c, d }) => ({
          path: '/funds/FUND_1035/credit-line-funding',
          sent: undefined,
          currency: 'USD',
          body: {
            year,
            line1AnnualAllocation: a,
            discretionaryIncome: b,
            miscellaneousIncome: c,
            directVoluntaryContributions: d,
          },
        })),
    );
    const accepted: Record<string, number> = {};
    const run = await fc.check(
      fc.asyncProperty(command, async ({ path, sent, currency, body }) => {
        const answer = await live.send(
          'funds',
          'POST',
          path,
          { ...finance, 'Idempotency-Key': randomUUID() },
          JSON.stringify(body),
        );
        const problem = problems(answer, false);
        if (problem) throw new Error(`${problem}: ${answer.status} ${answer.text.slice(0, 300)}`);
        if (answer.status === 201) accepted[path] = (accepted[path] ?? 0) + 1;
        // Leading zeros are the only liberty taken: the posted amount is the sent one, to the last minor unit.
        const posted = JSON.parse(answer.text) as { original?: { amount: string }; amount?: { amount: string } };
        const postedAmount = (posted.original ?? posted.amount)?.amount;
        if (
          answer.status === 201 &&
          sent !== undefined &&
          postedAmount !== Money.parse(sent, currency).toDecimalString()
        ) {
          throw new Error(`posted ${answer.text.slice(0, 200)} for ${sent}`);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(run.failed ? `${run.errorInstance} on ${JSON.stringify(run.counterexample)}` : 'no failure').toBe(
      'no failure',
    );
    // Not only refusals: amounts within the limits went through, exactly.
    expect(Object.keys(accepted).sort()).toEqual([
      '/contributions/deposits',
      '/funds/FUND_1035/credit-line-funding',
      '/funds/MIGRATION_MPTF/pockets/UNEARMARKED/income',
    ]);
  });
});
