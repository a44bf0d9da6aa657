import { randomBytes, randomUUID } from 'node:crypto';
import { INestApplication, DynamicModule } from '@nestjs/common';
import { Role } from '@fundline/contracts';
import { Clock } from '@fundline/domain';
import { signDevelopmentToken } from '@fundline/auth';
import { createHttpApp, ServiceConfig } from '@fundline/http';
import { ensureSchema } from '@fundline/persistence';
import { Kafka, logLevel } from 'kafkajs';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

export const TEST_JWT_SECRET = randomBytes(32).toString('hex');

export function kafkaBrokers(): string[] {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set: run the tests through jest (global setup)');
  return brokers;
}

export function testConfig(databaseUrl: string, overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return {
    port: 0,
    databaseUrl,
    kafkaBrokers: kafkaBrokers(),
    kafkaNamespace: `test-${randomBytes(4).toString('hex')}`,
    auth: { secret: TEST_JWT_SECRET, audience: 'fundline', issuer: 'fundline-dev' },
    relay: true,
    consume: true,
    bodyLimit: '256kb',
    rateLimit: { perSecond: 0, burst: 1 },
    freshnessWaitMs: 5_000,
    stuckAfterMs: 30_000,
    logLevel: 'error',
    ...overrides,
  };
}

/** A Nest app of one service, on the given database, initialised (migrations run, consumer joined). */
export async function startService(
  name: string,
  schema: string,
  module: DynamicModule,
  config: Pick<ServiceConfig, 'databaseUrl' | 'bodyLimit' | 'rateLimit'>,
): Promise<INestApplication> {
  await ensureSchema(config.databaseUrl, schema);
  const app = await createHttpApp(module, {
    service: name,
    title: name,
    description: name,
    logLevel: 'error',
    bodyLimit: config.bodyLimit,
    rateLimit: config.rateLimit,
  });
  await app.init();
  return app;
}

export function tokenFor(role: Role, country?: string, options: { sub?: string } = {}): string {
  return signDevelopmentToken(TEST_JWT_SECRET, { sub: options.sub ?? `${role}-${country ?? 'staff'}`, role, country });
}

export function bearer(role: Role, country?: string): { Authorization: string } {
  return { Authorization: `Bearer ${tokenFor(role, country)}` };
}

export function testKafka(): Kafka {
  return new Kafka({ clientId: `test-${randomUUID()}`, brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/** Reads a topic from the beginning with a throw-away consumer until `enough` says so (or the time is up). */
export async function readTopic(
  topic: string,
  enough: (messages: ReadMessage[]) => boolean,
  timeoutMs = 20_000,
): Promise<ReadMessage[]> {
  const consumer = testKafka().consumer({ groupId: `test-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        messages.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          partition,
          offset: message.offset,
        });
      },
    });
    await eventually(async () => (enough(messages) ? true : undefined), timeoutMs, `messages on ${topic}`);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** A clock tests set and move: dates in rules (validity, call rounds) are tested without waiting. */
export class TestClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
}
