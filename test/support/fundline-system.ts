import { INestApplication } from '@nestjs/common';
import { ServiceConfig } from '@fundline/http';
import { EventConsumer } from '@fundline/messaging';
import { connect, createTestDatabase, startService, TestClock, testConfig, TestDatabase } from '@fundline/testing';
import { Client } from 'pg';
import { CONCEPTS_SCHEMA, ConceptsModule } from '../../apps/concepts/src/concepts.module';
import { FUNDS_SCHEMA, FundsModule } from '../../apps/funds/src/funds.module';
import { REPORTING_SCHEMA, ReportingModule } from '../../apps/reporting/src/reporting.module';
import { NOTIFICATIONS_SCHEMA, NotificationsModule } from '../../apps/notifications/src/notifications.module';
import { NotifierConfig, notifierConfigFromEnv } from '../../apps/notifications/src/notifier-config';

export type ServiceName = 'concepts' | 'funds' | 'reporting' | 'notifications';
/** The services every system starts; the notifier is started by the tests that need it (and an SMTP server). */
export const SERVICES: readonly ServiceName[] = ['concepts', 'funds', 'reporting'];
/** Every service with an HTTP API: what the access, input and required-field suites go through. */
export const ALL_SERVICES: readonly ServiceName[] = [...SERVICES, 'notifications'];

/**
 * The three services in this process, on a fresh database and their own Kafka namespace, talking only through
 * the real broker, as in production. Each service can be stopped and started again to play a crash.
 */
export class FundlineSystem {
  readonly apps: Partial<Record<ServiceName, INestApplication>> = {};
  /** Every service of the system reads this clock; it starts on a fixed day, so dated rules are reproducible. */
  readonly clock = new TestClock(new Date('2026-11-22T10:00:00Z'));

  /** The notifier's settings: scans run when a test calls them, mail goes out every 100 ms. */
  notifier: NotifierConfig = {
    ...notifierConfigFromEnv({}),
    scanEveryMs: 3_600_000,
    sendEveryMs: 100,
    staffDigest: false,
  };

  private constructor(
    readonly db: TestDatabase,
    readonly config: ServiceConfig,
  ) {}

  static async start(overrides: Partial<Record<ServiceName, Partial<ServiceConfig>>> = {}): Promise<FundlineSystem> {
    const db = await createTestDatabase();
    const system = new FundlineSystem(db, testConfig(db.url));
    for (const name of SERVICES) await system.startService(name, overrides[name]);
    return system;
  }

  app(name: ServiceName): INestApplication {
    const app = this.apps[name];
    if (!app) throw new Error(`${name} is not running`);
    return app;
  }

  http(name: ServiceName) {
    return this.app(name).getHttpServer();
  }

  async startService(name: ServiceName, overrides: Partial<ServiceConfig> = {}): Promise<INestApplication> {
    const config = { ...this.config, ...overrides };
    const [schema, module] =
      name === 'concepts'
        ? [CONCEPTS_SCHEMA, ConceptsModule.forRoot(config, this.clock)]
        : name === 'funds'
          ? [FUNDS_SCHEMA, FundsModule.forRoot(config, this.clock)]
          : name === 'notifications'
            ? [NOTIFICATIONS_SCHEMA, NotificationsModule.forRoot(config, this.notifier, this.clock)]
            : [REPORTING_SCHEMA, ReportingModule.forRoot(config)];
    const app = await startService(name, schema, module, config);
    this.apps[name] = app;
    return app;
  }

  async stopService(name: ServiceName): Promise<void> {
    await this.apps[name]?.close();
    delete this.apps[name];
  }

  /** Stops one service's event consumer while its HTTP side keeps serving (a consumer that died or fell behind). */
  async stopConsumer(name: ServiceName): Promise<void> {
    await this.app(name).get(EventConsumer, { strict: false }).stop();
  }

  async startConsumer(name: ServiceName): Promise<void> {
    await this.app(name).get(EventConsumer, { strict: false }).start();
  }

  async stop(): Promise<void> {
    for (const name of ['notifications', 'reporting', 'funds', 'concepts'] as const) await this.stopService(name);
    await this.db.drop();
  }
}

/**
 * One system and a database client for the whole spec file that calls it: started before its first test, stopped
 * after its last. Read `system` and `db` inside tests and hooks, once started.
 */
export function fundlineForThisFile(): { readonly system: FundlineSystem; readonly db: Client } {
  let system: FundlineSystem | undefined;
  let db: Client | undefined;
  beforeAll(async () => {
    system = await FundlineSystem.start();
    db = await connect(system.db.url);
  });
  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });
  return {
    get system() {
      if (!system) throw new Error('the system is not started yet');
      return system;
    },
    get db() {
      if (!db) throw new Error('the system is not started yet');
      return db;
    },
  };
}
