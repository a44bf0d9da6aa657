import { Client } from 'pg';
import { startTestSmtpServer, TestSmtpServer } from '@fundline/testing';
import { ALL_SERVICES, FundlineSystem, ServiceName } from './fundline-system';

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * The in-process system behind real sockets: requests go through Node's HTTP parser exactly as a client's would,
 * so raw bodies, odd headers and broken JSON reach the services unaltered.
 */
export class LiveSystem {
  private constructor(
    readonly system: FundlineSystem,
    private readonly urls: Record<ServiceName, string>,
    /** Where the notifier's mail goes: a real SMTP server, so that sent mail settles like any other write. */
    readonly smtp: TestSmtpServer,
  ) {}

  static async start(): Promise<LiveSystem> {
    const smtp = await startTestSmtpServer();
    const system = await FundlineSystem.start();
    system.notifier = { ...system.notifier, smtpUrl: smtp.url };
    await system.startService('notifications');
    const live = new LiveSystem(system, {} as Record<ServiceName, string>, smtp);
    for (const name of ALL_SERVICES) await live.listen(name);
    return live;
  }

  private async listen(name: ServiceName): Promise<void> {
    await this.system.app(name).listen(0, '127.0.0.1');
    this.urls[name] = (await this.system.app(name).getUrl()).replace('[::1]', '127.0.0.1');
  }

  url(name: ServiceName): string {
    return this.urls[name];
  }

  /** Stops a service (it refuses connections from then on) and resolves once it is closed. */
  stopService(name: ServiceName): Promise<void> {
    return this.system.stopService(name);
  }

  /** Starts a stopped service again, on a new port. */
  async startService(name: ServiceName): Promise<void> {
    await this.system.startService(name);
    await this.listen(name);
  }

  async send(
    service: ServiceName,
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<Answer> {
    const res = await fetch(this.urls[service] + path, { method, headers, body });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  async stop(): Promise<void> {
    await this.system.stop();
    await this.smtp.stop();
  }
}

/**
 * A fingerprint of every row of every Fundline schema: equal fingerprints mean nothing was written, read models and
 * outboxes included.
 */
export async function databaseFingerprint(db: Client): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_schema IN ('concepts', 'funds', 'reporting', 'notifications') AND table_type = 'BASE TABLE'
      ORDER BY 1, 2`,
  );
  const fingerprint: Record<string, string> = {};
  for (const { schema, name } of tables) {
    const { rows } = await db.query<{ n: string; digest: string | null }>(
      `SELECT count(*)::text AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${schema}"."${name}" t`,
    );
    fingerprint[`${schema}.${name}`] = `${rows[0].n}:${rows[0].digest ?? ''}`;
  }
  return fingerprint;
}

/** Waits until the consumers have applied everything (the fingerprint stops changing). */
export async function settled(db: Client, quietMs = 1500, timeoutMs = 60_000): Promise<Record<string, string>> {
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(await databaseFingerprint(db));
  for (;;) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = await databaseFingerprint(db);
    if (JSON.stringify(now) === last) return now;
    if (Date.now() > deadline) throw new Error('the system did not settle');
    last = JSON.stringify(now);
  }
}
