// @ts-check
/**
 * `npm run bench` (with `npm start` running): a sustained mixed workload against the services, then, in the
 * same run and on the same PostgreSQL, the raw transaction rate of an equivalent insert-and-update pattern.
 *
 * Mix (closed loop, N virtual users): deposits (funds: idempotency record, journal entry and lines, account balances,
 * outbox), tranche transfers on pre-approved allocations (funds: the allocation row, the ledger, outbox), concept-note
 * drafts and submissions (concepts: aggregate, history, screening verdict, outbox). Prints one JSON line with commands
 * per second, p50/p95/p99 command latency per kind and overall, write-to-read-model lag (outbox row written →
 * reporting's inbox row, both on PostgreSQL's clock), the raw rate and the ratio, each service's resident memory, and
 * the CPU time a command costs: milliseconds of CPU per command over the measured window, summed over the four
 * services (their relays and consumers run inside them), the Kafka broker and PostgreSQL (the backends of this
 * database and the cluster's background writers), read from /proc; the load generator is left out.
 *
 * The services spend CPU while idle too (relays and consumers polling, heartbeats): that rate is measured first, for
 * --idle-seconds, and the CPU per command is also given net of it, since at a low rate it weighs on every command.
 *
 * Options (or BENCH_*): --seconds 30 --concurrency 16 --warmup 5 --raw-seconds 10 --idle-seconds 5.
 */
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client, Pool } = require('pg');
const { runningProjectBroker } = require('./kafka/broker');
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
const IDLE_SECONDS = option('idle-seconds', 5);
const URLS = {
  concepts: process.env.CONCEPTS_URL ?? 'http://127.0.0.1:3001',
  funds: process.env.FUNDS_URL ?? 'http://127.0.0.1:3002',
  reporting: process.env.REPORTING_URL ?? 'http://127.0.0.1:3003',
  notifications: process.env.NOTIFICATIONS_URL ?? 'http://127.0.0.1:3004',
};
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fundline';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? runningProjectBroker()?.brokers ?? '127.0.0.1:9092';
/** The benchmark's own connections, which the CPU account leaves out like the rest of the load generator. */
const BENCH_APPLICATION = 'fundline-bench';
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
  /** @type {Record<string, string>} */ government: Object.fromEntries(
    COUNTRIES.map((c) => [c, token('government', c)]),
  ),
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

/** A minimal PDF: the endorsement letter a concept note needs to be screened eligible (M2, issue 13). */
const LETTER = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** Attaches the submitting government's endorsement letter to a draft, as a multipart upload. */
async function attachLetter(/** @type {string} */ conceptId, /** @type {string} */ bearer) {
  const form = new FormData();
  form.append('file', new Blob([LETTER], { type: 'application/pdf' }), 'endorsement.pdf');
  const res = await fetch(`${URLS.concepts}/concepts/${conceptId}/endorsements`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearer}` },
    body: form,
  });
  await res.arrayBuffer();
  return res.status;
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
    requests.deposit({
      donorId: donor.body.id,
      fundCode: 'FUND_1035',
      pocketCode: 'LINE_2',
      amount: requests.usd('10000000.00'),
    }),
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
      requests.projectProposal({
        title: `Benchmark project ${i}`,
        country,
        letterReference: `B-${country}-${i}`,
        focalPoint: BENCH_FOCAL_POINT,
      }),
    );
    if (draft.status !== 201) throw new Error(`proposal: ${draft.status} ${JSON.stringify(draft.body)}`);
    await post('concepts', `/concepts/${draft.body.id}/submit`, gov);
    const session = await until(
      'session',
      () => post('funds', '/committee-sessions', TOKENS.admin, requests.committeeSession('FUND_1035', [draft.body.id])),
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
const summary = (values) => ({
  n: values.length,
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
});

/** The process listening on a local TCP port, if this machine runs it and may see it. @param {string} port */
function listeningPid(port) {
  try {
    const line = execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString();
    const pid = /pid=(\d+)/.exec(line)?.[1];
    return pid ? Number(pid) : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory (MiB) of the process listening on each service's port. */
function memory() {
  /** @type {Record<string, number>} */ const rss = {};
  for (const [name, url] of Object.entries(URLS)) {
    try {
      const pid = listeningPid(new URL(url).port);
      if (!pid) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      rss[name] = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // not on this machine (remote URL) or no permission: leave it out
    }
  }
  return rss;
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * CPU time (ms) a process and its reaped children have used: utime, stime, cutime and cstime of /proc/<pid>/stat.
 * Undefined when the process is gone or on another machine. @param {number} pid
 */
function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: the numbered fields start after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * The processes whose CPU a command costs, by part: each service, the broker, and PostgreSQL's processes of this
 * database (its backends and autovacuum workers, not the benchmark's) and of the whole cluster (writers, checkpointer).
 * The cluster's background processes also serve other databases of a shared server: on a machine of its own they
 * serve this one alone.
 * @param {Client} db
 * @returns {Promise<Record<string, number[]>>}
 */
async function costingProcesses(db) {
  /** @type {Record<string, number[]>} */ const parts = {};
  for (const [name, url] of Object.entries(URLS))
    parts[name] = [listeningPid(new URL(url).port)].filter((p) => p !== undefined);
  parts.kafka = KAFKA_BROKERS.split(',')
    .map((broker) => listeningPid(broker.split(':').at(-1) ?? ''))
    .filter((p) => p !== undefined);
  const { rows } = await db.query(
    `SELECT pid, datname IS NULL AS background FROM pg_stat_activity
      WHERE (datname = current_database() OR datname IS NULL) AND pid <> pg_backend_pid()
        AND coalesce(application_name, '') <> $1`,
    [BENCH_APPLICATION],
  );
  parts.postgres = rows.filter((r) => !r.background).map((r) => Number(r.pid));
  parts.postgresCluster = rows.filter((r) => r.background).map((r) => Number(r.pid));
  return parts;
}

/**
 * CPU used by each part between two samples, in ms. A process that only the second sample knows (a new connection)
 * counts from zero; one that ended in between is lost with its CPU, which pools and a broker rarely do.
 * @param {Record<string, Map<number, number>>} before @param {Record<string, Map<number, number>>} after
 */
function cpuBetween(before, after) {
  return Object.fromEntries(
    Object.entries(after).map(([part, now]) => {
      let ms = 0;
      for (const [pid, at] of now) ms += at - (before[part]?.get(pid) ?? 0);
      return [part, ms];
    }),
  );
}

/** @param {Record<string, number[]>} parts @returns {Record<string, Map<number, number>>} */
function sampleCpu(parts) {
  return Object.fromEntries(
    Object.entries(parts).map(([part, pids]) => [
      part,
      new Map(
        pids.flatMap((pid) => {
          const ms = cpuMs(pid);
          return ms === undefined ? [] : [[pid, ms]];
        }),
      ),
    ]),
  );
}

/** Samples the CPU of the costing processes now, and again when `end` is called: ms per part in between. */
async function cpuMeter(/** @type {Client} */ db) {
  const before = sampleCpu(await costingProcesses(db));
  return {
    async end() {
      const processes = await costingProcesses(db);
      // Processes of the first sample that are still there count too, even if a part's lookup misses them now.
      for (const [part, pids] of Object.entries(before)) {
        processes[part] = [...new Set([...(processes[part] ?? []), ...pids.keys()])];
      }
      return cpuBetween(before, sampleCpu(processes));
    },
  };
}

/**
 * The mixed load: returns per-kind latencies of the measured window (after the warm-up), and the CPU the costing
 * processes used in that window with the commands completed in it.
 * @param {{ donorId: string, allocations: string[] }} setup @param {Client} db
 */
async function load(setup, db) {
  /** @type {Record<string, number[]>} */ const latency = { deposit: [], transfer: [], draft: [], submit: [] };
  /** @type {string[]} */ const drafts = [];
  let failures = 0;
  let completed = 0;
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
          requests.deposit({
            donorId: setup.donorId,
            fundCode: 'MIGRATION_MPTF',
            pocketCode: `THEMATIC_${1 + (n % 5)}`,
            amount: requests.usd('1000.00'),
          }),
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
        const note = requests.conceptNote({
          title: `Benchmark concept ${n}`,
          country,
          letterReference: `BENCH-${n}`,
          focalPoint: BENCH_FOCAL_POINT,
        });
        const res = await post('concepts', '/concept-notes', TOKENS.government[country], note);
        ok = res.status === 201 && (await attachLetter(res.body.id, TOKENS.government[country])) === 201;
        if (ok) drafts.push(`${country}:${res.body.id}`);
      } else {
        const [owner, id] = /** @type {string} */ (drafts.shift()).split(':');
        const res = await post('concepts', `/concepts/${id}/submit`, TOKENS.government[owner]);
        ok = res.status === 200;
      }
      const t1 = performance.now();
      if (t1 >= warmupEnds && t1 <= ends) completed++;
      if (!ok) failures++;
      else if (t0 >= warmupEnds && t1 <= ends) latency[kind].push(t1 - t0);
    }
  }

  const sampler = setInterval(() => {
    for (const [name, mib] of Object.entries(memory())) peakRss[name] = Math.max(peakRss[name] ?? 0, mib);
  }, 1000);
  const startedAt = new Date();
  const meter = new Promise((resolve) => setTimeout(() => resolve(cpuMeter(db)), warmupEnds - performance.now()));
  /** @type {Promise<Record<string, number>>} */
  const cpu = new Promise((resolve, reject) =>
    setTimeout(
      () => meter.then((m) => /** @type {Awaited<ReturnType<typeof cpuMeter>>} */ (m).end()).then(resolve, reject),
      ends - performance.now(),
    ),
  );
  await Promise.all(Array.from({ length: CONCURRENCY }, user));
  clearInterval(sampler);
  return { latency, failures, peakRss, startedAt, cpu: await cpu, completed };
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
    await pool.query(
      `CREATE TABLE ${schema}.records (id uuid PRIMARY KEY, body jsonb NOT NULL, at timestamptz DEFAULT now())`,
    );
    await pool.query(`CREATE TABLE ${schema}.entries (id uuid PRIMARY KEY, at timestamptz DEFAULT now())`);
    await pool.query(
      `CREATE TABLE ${schema}.lines (id bigserial PRIMARY KEY, entry_id uuid NOT NULL REFERENCES ${schema}.entries, account int NOT NULL, amount bigint NOT NULL)`,
    );
    await pool.query(
      `CREATE TABLE ${schema}.outbox (event_id uuid PRIMARY KEY, sequence bigserial, envelope jsonb NOT NULL, created_at timestamptz DEFAULT now(), published_at timestamptz)`,
    );
    let done = 0;
    let backendCpuMs = 0;
    const ends = performance.now() + RAW_SECONDS * 1000;
    async function worker() {
      const client = await pool.connect();
      // pg keeps the backend's process id from the connection's start-up (BackendKeyData); it has no type for it.
      const backend = /** @type {{ processID?: number }} */ (/** @type {unknown} */ (client)).processID ?? 0;
      const cpuAtStart = cpuMs(backend);
      try {
        while (performance.now() < ends) {
          const [a, b] = [Math.floor(Math.random() * 1000), Math.floor(Math.random() * 1000)].sort((x, y) => x - y);
          const entry = crypto.randomUUID();
          await client.query('BEGIN');
          await client.query(`INSERT INTO ${schema}.records (id, body) VALUES ($1, $2)`, [
            crypto.randomUUID(),
            '{"amount":"1000.00"}',
          ]);
          await client.query(`INSERT INTO ${schema}.entries (id) VALUES ($1)`, [entry]);
          await client.query(
            `INSERT INTO ${schema}.lines (entry_id, account, amount) VALUES ($1, $2, 100), ($1, $3, -100)`,
            [entry, a, b],
          );
          await client.query(`UPDATE ${schema}.accounts SET balance = balance + 100 WHERE id = $1`, [a]);
          await client.query(`UPDATE ${schema}.accounts SET balance = balance - 100 WHERE id = $1`, [b]);
          await client.query(`INSERT INTO ${schema}.outbox (event_id, envelope) VALUES ($1, $2)`, [
            crypto.randomUUID(),
            '{"type":"x"}',
          ]);
          await client.query('COMMIT');
          done++;
        }
        const cpuAtEnd = cpuMs(backend);
        if (cpuAtStart !== undefined && cpuAtEnd !== undefined) backendCpuMs += cpuAtEnd - cpuAtStart;
      } finally {
        client.release();
      }
    }
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { txPerSecond: done / ((performance.now() - started) / 1000), backendCpuMsPerTx: backendCpuMs / done };
  } finally {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  }
}

async function main() {
  const db = new Client({ connectionString: DATABASE_URL, application_name: BENCH_APPLICATION });
  await db.connect();
  process.stderr.write(`bench: ${IDLE_SECONDS} s of the idle system's CPU…\n`);
  const idleMeter = await cpuMeter(db);
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const idle = await idleMeter.end();
  process.stderr.write(`bench: preparing (${ALLOCATIONS} approved allocations)…\n`);
  const setup = await prepare();
  process.stderr.write(`bench: ${WARMUP} s warm-up, then ${SECONDS} s of mixed load from ${CONCURRENCY} users…\n`);
  const { latency, failures, peakRss, startedAt, cpu, completed } = await load(setup, db).finally(() => db.end());
  const all = Object.values(latency).flat();
  const pool = new Pool({ connectionString: DATABASE_URL, max: CONCURRENCY + 2, application_name: BENCH_APPLICATION });
  try {
    process.stderr.write('bench: waiting for the read model, then measuring raw PostgreSQL…\n');
    const lag = await readModelLag(pool, startedAt);
    const raw = await rawPostgresRate(pool);
    const commandsPerSecond = all.length / SECONDS;
    const perCommand = (/** @type {number} */ ms) => Number((ms / Math.max(1, completed)).toFixed(2));
    const cpuTotal = Object.values(cpu).reduce((sum, ms) => sum + ms, 0);
    const idleMsPerSecond = Object.values(idle).reduce((sum, ms) => sum + ms, 0) / IDLE_SECONDS;
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
        latencyMs: {
          all: summary(all),
          ...Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, summary(v)])),
        },
        writeToReadModelMs: lag,
        rawPostgresTxPerSecond: Number(raw.txPerSecond.toFixed(1)),
        ratioToRaw: Number((commandsPerSecond / raw.txPerSecond).toFixed(3)),
        cpuMsPerCommand: perCommand(cpuTotal),
        cpuMsPerCommandByPart: Object.fromEntries(Object.entries(cpu).map(([part, ms]) => [part, perCommand(ms)])),
        cpuMsPerCommandNetOfIdle: perCommand(cpuTotal - idleMsPerSecond * SECONDS),
        cpuBusyCores: Number((cpuTotal / (SECONDS * 1000)).toFixed(2)),
        cpuIdleMsPerSecond: Number(idleMsPerSecond.toFixed(1)),
        cpuIdleMsPerSecondByPart: Object.fromEntries(
          Object.entries(idle).map(([part, ms]) => [part, Number((ms / IDLE_SECONDS).toFixed(1))]),
        ),
        rawPostgresBackendCpuMsPerTx: Number(raw.backendCpuMsPerTx.toFixed(2)),
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
