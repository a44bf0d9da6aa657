import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, startBroker } from '../support/kafka-broker';

const ROOT = path.resolve(__dirname, '../..');

export type AppName = 'concepts' | 'concepts-relay' | 'funds' | 'funds-relay' | 'reporting' | 'notifications';
/** `kafka` crashes the broker; `kafka-outage` stops it cleanly for long; `kafka-freeze` pauses it (SIGSTOP). */
export type Target = AppName | 'kafka' | 'kafka-outage' | 'kafka-freeze' | 'postgres';

interface AppSpec {
  service: 'concepts' | 'funds' | 'reporting' | 'notifications';
  env: Record<string, string>;
}

/**
 * Each service's HTTP API and consumer in one process and its outbox relay in another, so that the chaos driver can
 * kill the relay on its own; reporting and notifications publish nothing and run as one process each.
 */
const APPS: Record<AppName, AppSpec> = {
  concepts: { service: 'concepts', env: { OUTBOX_RELAY: 'off' } },
  'concepts-relay': { service: 'concepts', env: { EVENT_CONSUMER: 'off' } },
  funds: { service: 'funds', env: { OUTBOX_RELAY: 'off' } },
  'funds-relay': { service: 'funds', env: { EVENT_CONSUMER: 'off' } },
  reporting: { service: 'reporting', env: {} },
  notifications: { service: 'notifications', env: {} },
};

export const APP_NAMES = Object.keys(APPS) as AppName[];

/** PostgreSQL binaries: the machine's server, found where Debian puts it, or PG_BINDIR. */
function postgresBinaries(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  try {
    return execFileSync('pg_config', ['--bindir']).toString().trim();
  } catch {
    const base = '/usr/lib/postgresql';
    const versions = fs.existsSync(base) ? fs.readdirSync(base).sort() : [];
    if (!versions.length) throw new Error('no PostgreSQL server binaries found: set PG_BINDIR');
    return path.join(base, versions[versions.length - 1], 'bin');
  }
}

/** Runs a PostgreSQL tool as the `postgres` user when we are root (the server refuses to run as root). */
function asPostgres(binary: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The whole of Fundline as separate processes on infrastructure of its own (a PostgreSQL cluster and a Kafka broker
 * started for this run, never the machine's shared ones), each part killable and restartable. Apps that exit are
 * restarted by a supervisor, as an orchestrator would.
 */
export class ChaosCluster {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundline-chaos-'));
  readonly jwtSecret = randomBytes(32).toString('hex');
  readonly namespace = `chaos-${randomBytes(3).toString('hex')}`;
  readonly ports = {} as Record<AppName, number>;
  readonly restarts: Record<string, number> = {};
  /** What an app gets beside the cluster's own settings (the notifier's SMTP server, for one); set before start(). */
  readonly env: Partial<Record<AppName, Record<string, string>>> = {};
  private pgPort = 0;
  private kafkaPorts: [number, number] = [0, 0];
  private kafkaPid = 0;
  private readonly apps = new Map<AppName, ChildProcess>();
  private stopping = false;
  /** Apps the driver killed and holds down; the supervisor leaves them to the driver. */
  private readonly held = new Set<AppName>();
  private readonly bin = postgresBinaries();

  get databaseUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.pgPort}/fundline_chaos`;
  }

  get brokers(): string {
    return `127.0.0.1:${this.kafkaPorts[0]}`;
  }

  url(app: AppName): string {
    return `http://127.0.0.1:${this.ports[app]}`;
  }

  async start(): Promise<void> {
    this.pgPort = await freePort();
    const kafkaPort = await freePort();
    this.kafkaPorts = [kafkaPort, kafkaPort + 1];
    for (const app of APP_NAMES) this.ports[app] = await freePort();
    const pgData = path.join(this.dir, 'pg');
    fs.mkdirSync(pgData, { recursive: true });
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres', this.dir]);
    asPostgres(path.join(this.bin, 'initdb'), ['-D', pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    await this.startPostgres();
    const admin = new Client({ connectionString: this.databaseUrl.replace(/fundline_chaos$/, 'postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE fundline_chaos');
    await admin.end();
    await this.startKafka();
    // Migrations run on start: start the owners of each schema one after the other, then the rest.
    for (const app of APP_NAMES) await this.startApp(app);
  }

  private async startPostgres(): Promise<void> {
    const data = path.join(this.dir, 'pg');
    asPostgres(path.join(this.bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      path.join(this.dir, 'pg', 'server.log'),
      '-o',
      `-p ${this.pgPort} -k ${data} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`,
      '-w',
      'start',
    ]);
  }

  private async startKafka(): Promise<void> {
    const dataDir = path.join(this.dir, 'kafka');
    fs.mkdirSync(dataDir, { recursive: true });
    const broker = await startBroker({ port: this.kafkaPorts[0], controllerPort: this.kafkaPorts[1], dataDir });
    this.kafkaPid = broker.pid;
  }

  private async startApp(app: AppName): Promise<void> {
    const spec = APPS[app];
    const log = fs.openSync(path.join(this.dir, `${app}.log`), 'a');
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'apps', spec.service, 'main.js')], {
      cwd: ROOT,
      stdio: ['ignore', log, log],
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: this.databaseUrl,
        KAFKA_BROKERS: this.brokers,
        KAFKA_NAMESPACE: this.namespace,
        JWT_SECRET: this.jwtSecret,
        PORT: String(this.ports[app]),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_SECOND: '0',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        ...spec.env,
        ...this.env[app],
      },
    });
    this.apps.set(app, child);
    child.once('exit', () => {
      if (this.apps.get(app) !== child || this.stopping || this.held.has(app)) return;
      // Supervisor: an app that dies (killed, or gave up on a lost database or broker) comes back a second later.
      this.restarts[app] = (this.restarts[app] ?? 0) + 1;
      setTimeout(() => {
        if (!this.stopping) void this.startApp(app).catch(() => undefined);
      }, 1000);
    });
    await waitFor(`${app}`, async () => (await fetch(`${this.url(app)}/health`)).ok);
  }

  /** SIGKILL one part; the supervisor (apps) or the driver (kafka, postgres) brings it back after `downMs`. */
  async kill(target: Target, downMs: number): Promise<void> {
    if (target === 'postgres') {
      // An immediate shutdown is PostgreSQL's crash: no checkpoint, recovery from the WAL on the next start.
      asPostgres(path.join(this.bin, 'pg_ctl'), ['-D', path.join(this.dir, 'pg'), '-m', 'immediate', 'stop']);
      await new Promise((r) => setTimeout(r, downMs));
      await this.startPostgres();
      return;
    }
    if (target === 'kafka' || target === 'kafka-outage') {
      await this.stopKafka(target === 'kafka' ? 'SIGKILL' : 'SIGTERM');
      await new Promise((r) => setTimeout(r, downMs));
      await this.startKafka();
      return;
    }
    if (target === 'kafka-freeze') {
      // Connections stay open and nothing answers: clients time out instead of being refused.
      process.kill(this.kafkaPid, 'SIGSTOP');
      await new Promise((r) => setTimeout(r, downMs));
      process.kill(this.kafkaPid, 'SIGCONT');
      return;
    }
    this.held.add(target);
    const child = this.apps.get(target);
    const exited = new Promise((r) => (child && child.exitCode === null ? child.once('exit', r) : r(undefined)));
    child?.kill('SIGKILL');
    await exited;
    await new Promise((r) => setTimeout(r, downMs));
    this.held.delete(target);
    await this.startApp(target);
  }

  /** Stops the broker and waits until its process is gone, so the next one can take its ports and data. */
  private async stopKafka(signal: NodeJS.Signals): Promise<void> {
    const pid = this.kafkaPid;
    process.kill(pid, signal);
    await waitFor('the broker to exit', async () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    });
  }

  /** What each app's readiness answers now: its status (0: no answer in time), the checks it names down, how fast. */
  async readiness(
    apps: AppName[] = APP_NAMES,
    timeoutMs = 5_000,
  ): Promise<Array<{ app: AppName; status: number; down: string[]; ms: number }>> {
    return Promise.all(
      apps.map(async (app) => {
        const started = Date.now();
        try {
          const res = await fetch(`${this.url(app)}/health/ready`, { signal: AbortSignal.timeout(timeoutMs) });
          const body = (await res.json()) as { checks?: Record<string, { status: string }> };
          const down = Object.entries(body.checks ?? {})
            .filter(([, c]) => c.status === 'down')
            .map(([name]) => name);
          return { app, status: res.status, down, ms: Date.now() - started };
        } catch {
          return { app, status: 0, down: ['(no answer)'], ms: Date.now() - started };
        }
      }),
    );
  }

  /** Every app answers /health/ready (its database and broker reachable). */
  async ready(timeoutMs = 120_000): Promise<void> {
    for (const app of APP_NAMES) {
      await waitFor(`${app} ready`, async () => (await fetch(`${this.url(app)}/health/ready`)).ok, timeoutMs);
    }
  }

  async stop(keepLogs: boolean): Promise<void> {
    this.stopping = true;
    for (const child of this.apps.values()) child.kill('SIGKILL');
    try {
      // pid 0 would be this process group, jest included: a cluster that failed to start has no broker to kill.
      if (this.kafkaPid > 0) process.kill(this.kafkaPid, 'SIGKILL');
    } catch {
      // already gone
    }
    try {
      asPostgres(path.join(this.bin, 'pg_ctl'), ['-D', path.join(this.dir, 'pg'), '-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
    if (!keepLogs) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
