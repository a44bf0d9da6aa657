// @ts-check
/**
 * `npm run bench` (with `npm start` running): a sustained mixed workload against the three services, then, in the
 * same run and on the same PostgreSQL, the raw transaction rate of an equivalent insert-and-update pattern.
 *
 * Mix (closed loop, N virtual users): deposits (funds: idempotency record, journal entry and lines, account balances,
 * outbox), tranche transfers on pre-approved allocations (funds: the allocation row, the ledger, outbox), concept-note
 * drafts and submissions (concepts: aggregate, history, screening verdict, outbox). Prints one JSON line with commands
 * per second, p50/p95/p99 command latency per kind and overall, write-to-read-model lag (outbox row written →
 * reporting's inbox row, both on PostgreSQL's clock), the raw rate and the ratio, and each service's resident memory.
 *
 * Options (or BENCH_*): --seconds 30 --concurrency 16 --warmup 5 --raw-seconds 10.
 */
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Pool } = require('pg');
const requests = require('./workload/requests');

const args = process.argv.slice(2);
/** @param {string} name @param {number} fallback */
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return Number(i >= 0 ? args[i + 1] : (process.env[`BENCH_${name.toUpperCase().replace('-', '_')}`] ?? fallback));
};
const SECONDS = option('seconds', 30);
const CONCURRENCY = option('concurrency', 16);
const WARMUP = option('warmup', 5);
const RAW_SECONDS = option('raw-seconds', 10);
const URLS = {
  concepts: process.env.CONCEPTS_URL ?? 'http://127.0.0.1:3001',
  funds: process.env.FUNDS_URL ?? 'http://127.0.0.1:3002',
  reporting: process.env.REPORTING_URL ?? 'http://127.0.0.1:3003',
};
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fundline';
const COUNTRIES = ['PHL', 'KEN', 'IDN', 'NGA', 'BGD', 'MAR', 'GHA', 'SEN', 'VNM', 'NPL'];
const ALLOCATIONS = 20;
const BENCH_FOCAL_POINT = { name: 'Bench Mark', email: 'bench@example.org' };

/** @param {string} role @param {string} [country] */
function token(role, country) {
  const argv = [path.join(__dirname, 'token.js'), '--role', role, ...(country ? ['--country', country] : [])];
  return execFileSync(process.execPath, argv).toString().trim();
}

const TOKENS = {
  finance: token('finance-officer'),
  admin: token('fund-admin'),
  committee: token('steering-committee'),
  /** @type {Record<string, string>} */ government: Object.fromEntries(COUNTRIES.map((c) => [c, token('government', c)])),
};

/**
 * @param {keyof typeof URLS} service @param {string} route @param {string} bearer @param {object} [body]
 * @param {boolean} [idempotent]
 */
async function post(service, route, bearer, body, idempotent = false) {
  const res = await fetch(URLS[service] + route, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${bearer}`,
      'Content-Type': 'application/json',
      ...(idempotent ? { 'Idempotency-Key': crypto.randomUUID() } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** @param {string} what @param {() => Promise<{ status: number, body: any }>} send @param {number} want */
async function until(what, send, want, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await send();
    if (res.status === want) return res.body;
    if (Date.now() > deadline) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A donor, money on Line 2, and approved allocations whose IOM share takes USD 1.00 tranches for a long time. */
async function prepare() {
  const donor = await post('funds', '/contributions/donors', TOKENS.finance, requests.donor('Benchmark donor'));
  if (donor.status !== 201) throw new Error(`donor: ${donor.status} ${JSON.stringify(donor.body)}`);
  const line2 = await post(
    'funds',
    '/contributions/deposits',
    TOKENS.finance,
    requests.deposit({ donorId: donor.body.id, fundCode: 'FUND_1035', pocketCode: 'LINE_2', amount: requests.usd('10000000.00') }),
    true,
  );
  if (line2.status !== 201) throw new Error(`Line 2 deposit: ${line2.status} ${JSON.stringify(line2.body)}`);
  const allocations = [];
  for (let i = 0; i < ALLOCATIONS; i++) {
    const country = COUNTRIES[i % COUNTRIES.length];
    const gov = TOKENS.government[country];
    const draft = await post(
      'concepts',
      '/project-proposals',
      gov,
      requests.projectProposal({ title: `Benchmark project ${i}`, country, letterReference: `B-${country}-${i}`, focalPoint: BENCH_FOCAL_POINT }),
    );
    if (draft.status !== 201) throw new Error(`proposal: ${draft.status} ${JSON.stringify(draft.body)}`);
    await post('concepts', `/concepts/${draft.body.id}/submit`, gov);
    const session = await until(
      'session',
      () =>
        post('funds', '/committee-sessions', TOKENS.admin, requests.committeeSession('FUND_1035', [draft.body.id])),
      201,
    );
    await until(
      'position',
      () =>
        post('funds', `/committee-sessions/${session.id}/positions`, TOKENS.committee, requests.support(draft.body.id)),
      200,
    );
    const decision = await until(
      'approval',
      () =>
        post(
          'funds',
          `/committee-sessions/${session.id}/decisions`,
          TOKENS.committee,
          requests.approval(draft.body.id, 'benchmark', { amount: requests.usd('200000.00'), creditLine: 2 }),
          true,
        ),
      201,
    );
    allocations.push(decision.allocation.allocationId);
  }
  return { donorId: donor.body.id, allocations };
}

/** @param {number[]} values @param {number} p */
function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1));
}
/** @param {number[]} values */
const summary = (values) => ({ n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) });

/** Resident memory (MiB) of the process listening on each service's port. */
function memory() {
  /** @type {Record<string, number>} */ const rss = {};
  for (const [name, url] of Object.entries(URLS)) {
    try {
      const port = new URL(url).port;
      const line = execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString();
      const pid = /pid=(\d+)/.exec(line)?.[1];
      if (!pid) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      rss[name] = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // not on this machine (remote URL) or no permission: leave it out
    }
  }
  return rss;
}

/** The mixed load: returns per-kind latencies of the measured window (after the warm-up). */
async function load(/** @type {{ donorId: string, allocations: string[] }} */ setup) {
  /** @type {Record<string, number[]>} */ const latency = { deposit: [], transfer: [], draft: [], submit: [] };
  /** @type {string[]} */ const drafts = [];
  let failures = 0;
  let i = 0;
  const warmupEnds = performance.now() + WARMUP * 1000;
  const ends = warmupEnds + SECONDS * 1000;
  /** @type {Record<string, number>} */ const peakRss = {};

  /** @param {number} r */
  function pick(r) {
    if (r < 0.4) return 'deposit';
    if (r < 0.6) return 'transfer';
    if (r < 0.8 || drafts.length === 0) return 'draft';
    return 'submit';
  }

  async function user() {
    while (performance.now() < ends) {
      const kind = pick(Math.random());
      const n = i++;
      const country = COUNTRIES[n % COUNTRIES.length];
      const t0 = performance.now();
      let ok = false;
      if (kind === 'deposit') {
        const res = await post(
          'funds',
          '/contributions/deposits',
          TOKENS.finance,
          requests.deposit({ donorId: setup.donorId, fundCode: 'MIGRATION_MPTF', pocketCode: `THEMATIC_${1 + (n % 5)}`, amount: requests.usd('1000.00') }),
          true,
        );
        ok = res.status === 201;
      } else if (kind === 'transfer') {
        const allocation = setup.allocations[n % setup.allocations.length];
        const res = await post(
          'funds',
          `/allocations/${allocation}/transfers`,
          TOKENS.finance,
          requests.transfer('IOM', requests.usd('1.00')),
          true,
        );
        ok = res.status === 200;
      } else if (kind === 'draft') {
        const note = requests.conceptNote({ title: `Benchmark concept ${n}`, country, letterReference: `BENCH-${n}`, focalPoint: BENCH_FOCAL_POINT });
        const res = await post('concepts', '/concept-notes', TOKENS.government[country], note);
        ok = res.status === 201;
        if (ok) drafts.push(`${country}:${res.body.id}`);
      } else {
        const [owner, id] = /** @type {string} */ (drafts.shift()).split(':');
        const res = await post('concepts', `/concepts/${id}/submit`, TOKENS.government[owner]);
        ok = res.status === 200;
      }
      const t1 = performance.now();
      if (!ok) failures++;
      else if (t0 >= warmupEnds && t1 <= ends) latency[kind].push(t1 - t0);
    }
  }

  const sampler = setInterval(() => {
    for (const [name, mib] of Object.entries(memory())) peakRss[name] = Math.max(peakRss[name] ?? 0, mib);
  }, 1000);
  const startedAt = new Date();
  await Promise.all(Array.from({ length: CONCURRENCY }, user));
  clearInterval(sampler);
  return { latency, failures, peakRss, startedAt };
}

/** Write-to-read-model lag of the events written during the run, on PostgreSQL's clock; waits for the read model. */
async function readModelLag(/** @type {Pool} */ pool, /** @type {Date} */ since) {
  const pending = async () =>
    Number(
      (
        await pool.query(
          `SELECT count(*) AS n FROM (SELECT event_id FROM funds.outbox WHERE created_at >= $1
             UNION ALL SELECT event_id FROM concepts.outbox WHERE created_at >= $1) o
           WHERE NOT EXISTS (SELECT 1 FROM reporting.processed_events p WHERE p.event_id = o.event_id)`,
          [since],
        )
      ).rows[0].n,
    );
  const deadline = Date.now() + 120_000;
  while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
  const { rows } = await pool.query(
    `SELECT extract(epoch FROM p.processed_at - o.created_at) * 1000 AS ms
       FROM (SELECT event_id, created_at FROM funds.outbox WHERE created_at >= $1
             UNION ALL SELECT event_id, created_at FROM concepts.outbox WHERE created_at >= $1) o
       JOIN reporting.processed_events p ON p.event_id = o.event_id`,
    [since],
  );
  return summary(rows.map((r) => Number(r.ms)));
}

/**
 * The physical limit of this machine for the write pattern of one command, with no framework, broker or HTTP:
 * one transaction inserting a record, a journal entry with two lines and an outbox row and updating two account
 * balances (spread over 1,000 accounts, so rows never contend), from CONCURRENCY connections.
 */
async function rawPostgresRate(/** @type {Pool} */ pool) {
  const schema = `bench_raw_${crypto.randomBytes(3).toString('hex')}`;
  await pool.query(`CREATE SCHEMA ${schema}`);
  try {
    await pool.query(`CREATE TABLE ${schema}.accounts (id int PRIMARY KEY, balance bigint NOT NULL DEFAULT 0)`);
    await pool.query(`INSERT INTO ${schema}.accounts (id) SELECT generate_series(0, 999)`);
    await pool.query(`CREATE TABLE ${schema}.records (id uuid PRIMARY KEY, body jsonb NOT NULL, at timestamptz DEFAULT now())`);
    await pool.query(`CREATE TABLE ${schema}.entries (id uuid PRIMARY KEY, at timestamptz DEFAULT now())`);
    await pool.query(
      `CREATE TABLE ${schema}.lines (id bigserial PRIMARY KEY, entry_id uuid NOT NULL REFERENCES ${schema}.entries, account int NOT NULL, amount bigint NOT NULL)`,
    );
    await pool.query(
      `CREATE TABLE ${schema}.outbox (event_id uuid PRIMARY KEY, sequence bigserial, envelope jsonb NOT NULL, created_at timestamptz DEFAULT now(), published_at timestamptz)`,
    );
    let done = 0;
    const ends = performance.now() + RAW_SECONDS * 1000;
    async function worker() {
      const client = await pool.connect();
      try {
        while (performance.now() < ends) {
          const [a, b] = [Math.floor(Math.random() * 1000), Math.floor(Math.random() * 1000)].sort((x, y) => x - y);
          const entry = crypto.randomUUID();
          await client.query('BEGIN');
          await client.query(`INSERT INTO ${schema}.records (id, body) VALUES ($1, $2)`, [crypto.randomUUID(), '{"amount":"1000.00"}']);
          await client.query(`INSERT INTO ${schema}.entries (id) VALUES ($1)`, [entry]);
          await client.query(`INSERT INTO ${schema}.lines (entry_id, account, amount) VALUES ($1, $2, 100), ($1, $3, -100)`, [entry, a, b]);
          await client.query(`UPDATE ${schema}.accounts SET balance = balance + 100 WHERE id = $1`, [a]);
          await client.query(`UPDATE ${schema}.accounts SET balance = balance - 100 WHERE id = $1`, [b]);
          await client.query(`INSERT INTO ${schema}.outbox (event_id, envelope) VALUES ($1, $2)`, [crypto.randomUUID(), '{"type":"x"}']);
          await client.query('COMMIT');
          done++;
        }
      } finally {
        client.release();
      }
    }
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return done / ((performance.now() - started) / 1000);
  } finally {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  }
}

async function main() {
  process.stderr.write(`bench: preparing (${ALLOCATIONS} approved allocations)…\n`);
  const setup = await prepare();
  process.stderr.write(`bench: ${WARMUP} s warm-up, then ${SECONDS} s of mixed load from ${CONCURRENCY} users…\n`);
  const { latency, failures, peakRss, startedAt } = await load(setup);
  const all = Object.values(latency).flat();
  const pool = new Pool({ connectionString: DATABASE_URL, max: CONCURRENCY + 2 });
  try {
    process.stderr.write('bench: waiting for the read model, then measuring raw PostgreSQL…\n');
    const lag = await readModelLag(pool, startedAt);
    const raw = await rawPostgresRate(pool);
    const commandsPerSecond = all.length / SECONDS;
    console.log(
      JSON.stringify({
        benchmark: 'mixed-commands',
        at: new Date().toISOString(),
        machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
        concurrency: CONCURRENCY,
        seconds: SECONDS,
        commands: all.length,
        failures,
        commandsPerSecond: Number(commandsPerSecond.toFixed(1)),
        latencyMs: { all: summary(all), ...Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, summary(v)])) },
        writeToReadModelMs: lag,
        rawPostgresTxPerSecond: Number(raw.toFixed(1)),
        ratioToRaw: Number((commandsPerSecond / raw).toFixed(3)),
        peakRssMiB: peakRss,
      }),
    );
  } finally {
    await pool.end();
  }
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
