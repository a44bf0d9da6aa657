import { randomUUID } from 'node:crypto';
import { CONCEPT_NOTE_SUBMITTED_V1, EventEnvelope, TOPICS } from '@fundline/contracts';
import { createTestDatabase, readTopic, TestDatabase } from '@fundline/testing';
import { ensureSchema } from '@fundline/persistence';
import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { createKafka, ensureTopics, physicalName } from '../kafka/kafka-client';
import { createMessagingTables, dropMessagingTables } from '../messaging-tables';
import { appendToOutbox, envelopeFor } from '../outbox/outbox';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { OutboxRelay } from '../outbox/outbox-relay';
import { KafkaJSNonRetriableError } from 'kafkajs';
import { ConsumerBehindError, ConsumerProgress } from './consumer-progress';
import { EventConsumer, IntegrationEventHandler, Outcome } from './event-consumer';
import { ProcessedEvent } from './processed-event.entity';

class MessagingTables1763800000000 implements MigrationInterface {
  async up(q: QueryRunner) {
    await createMessagingTables(q, 'messaging_test');
    await q.query('CREATE TABLE "messaging_test"."effects" ("event_id" uuid NOT NULL, "concept_id" text NOT NULL)');
  }
  async down(q: QueryRunner) {
    await dropMessagingTables(q, 'messaging_test');
  }
}

function submitted(conceptNoteId: string): EventEnvelope {
  return envelopeFor({
    type: CONCEPT_NOTE_SUBMITTED_V1,
    aggregateId: conceptNoteId,
    actor: { userId: 'u1', role: 'government', country: 'PHL' },
    correlationId: randomUUID(),
    occurredAt: new Date(),
    payload: {
      conceptNoteId,
      fund: 'MIGRATION_MPTF',
      title: 'A concept',
      submittingCountry: 'PHL',
      scope: 'national',
      countries: ['PHL'],
      thematicArea: 1,
      gcmObjectives: [1],
      participatingOrganisations: ['ILO', 'IOM'],
      requested: { amount: '100000.00', currency: 'USD' },
      version: 1,
      submittedAt: new Date().toISOString(),
    },
  });
}

/** A handler that fails for the concepts it is told to, and records its effect otherwise. */
class RecordingHandler implements IntegrationEventHandler {
  readonly handles = [CONCEPT_NOTE_SUBMITTED_V1];
  readonly failFor = new Set<string>();
  /** Concepts whose effect meets a database outage this many times before it goes through. */
  readonly outageFor = new Map<string, number>();
  attempts = new Map<string, number>();

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const attempt = (this.attempts.get(event.aggregateId) ?? 0) + 1;
    this.attempts.set(event.aggregateId, attempt);
    if (attempt <= (this.outageFor.get(event.aggregateId) ?? 0)) {
      throw Object.assign(new Error('the database system is starting up'), { code: '57P03' });
    }
    await manager.query('INSERT INTO "messaging_test"."effects" VALUES ($1, $2)', [event.eventId, event.aggregateId]);
    if (this.failFor.has(event.aggregateId)) throw new Error(`handler refuses ${event.aggregateId}`);
  }
}

describe('outbox relay and idempotent consumer', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const namespace = `it-${randomUUID().slice(0, 8)}`;
  const kafka = createKafka('messaging-test', (process.env.KAFKA_BROKERS ?? '').split(','));
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  const handler = new RecordingHandler();
  const outcomes: Array<[string | undefined, Outcome]> = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await ensureSchema(db.url, 'messaging_test');
    dataSource = new DataSource({
      type: 'postgres',
      url: db.url,
      schema: 'messaging_test',
      entities: [OutboxMessage, ProcessedEvent],
      migrations: [MessagingTables1763800000000],
      migrationsRun: true,
      synchronize: false,
    });
    await dataSource.initialize();
    await ensureTopics(kafka, namespace);
    relay = new OutboxRelay(dataSource, kafka, { schema: 'messaging_test', namespace, pollIntervalMs: 50 });
    consumer = new EventConsumer(dataSource, kafka, {
      groupId: 'it-consumer',
      topics: [TOPICS.concepts],
      namespace,
      handlers: [handler],
      maxAttempts: 3,
      initialBackoffMs: 20,
    });
    consumer.onProcessed((event, outcome) => outcomes.push([event?.aggregateId, outcome]));
    await relay.start();
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  async function effects(conceptId: string): Promise<number> {
    const rows = await dataSource.query(
      'SELECT count(*)::int AS n FROM "messaging_test"."effects" WHERE concept_id = $1',
      [conceptId],
    );
    return rows[0].n as number;
  }

  /** Puts messages on the concepts topic straight from a producer, as a broker would redeliver or another service send. */
  async function publish(messages: Array<{ key: string; value: string }>): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: physicalName(namespace, TOPICS.concepts), messages });
    await producer.disconnect();
  }

  const publishDirectly = (conceptId: string) =>
    publish([{ key: conceptId, value: JSON.stringify(submitted(conceptId)) }]);

  async function waitUntil(condition: () => boolean, what: string) {
    const deadline = Date.now() + 20_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`${what} did not happen`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function waitFor(conceptId: string, outcome: Outcome) {
    const deadline = Date.now() + 20_000;
    while (!outcomes.some(([id, o]) => id === conceptId && o === outcome)) {
      if (Date.now() > deadline) throw new Error(`no ${outcome} for ${conceptId}; saw ${JSON.stringify(outcomes)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('publishes nothing from a transaction that rolled back', async () => {
    const rolledBack = randomUUID();
    const committed = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await appendToOutbox(manager, [submitted(rolledBack)]);
        throw new Error('business change failed');
      }),
    ).rejects.toThrow('business change failed');
    await dataSource.transaction((manager) => appendToOutbox(manager, [submitted(committed)]));
    relay.nudge();
    await waitFor(committed, 'applied');
    expect(await effects(rolledBack)).toBe(0);
    expect(await dataSource.getRepository(OutboxMessage).countBy({ key: rolledBack })).toBe(0);
  });

  it('refuses to put an event that breaks its contract in the outbox', async () => {
    const bad = submitted(randomUUID());
    (bad.payload as { thematicArea: number }).thematicArea = 42;
    await expect(dataSource.transaction((manager) => appendToOutbox(manager, [bad]))).rejects.toThrow(/thematicArea/);
  });

  it('keeps the order of one aggregate’s events on its partition', async () => {
    const conceptId = randomUUID();
    const events = Array.from({ length: 20 }, () => submitted(conceptId));
    for (const event of events) await dataSource.transaction((manager) => appendToOutbox(manager, [event]));
    relay.nudge();
    const messages = await readTopic(
      physicalName(namespace, TOPICS.concepts),
      (m) => m.filter((x) => x.key === conceptId).length >= 20,
    );
    const mine = messages.filter((m) => m.key === conceptId);
    expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
    expect(mine.map((m) => m.headers['event-id'])).toEqual(events.map((e) => e.eventId));
  });

  it('applies a redelivered event once', async () => {
    const conceptId = randomUUID();
    const event = submitted(conceptId);
    const message = { key: conceptId, value: JSON.stringify(event) };
    await publish([message, message, message]);
    await waitFor(conceptId, 'applied');
    const deadline = Date.now() + 10_000;
    while (outcomes.filter(([id, o]) => id === conceptId && o === 'duplicate').length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(outcomes.filter(([id]) => id === conceptId).map(([, o]) => o)).toEqual([
      'applied',
      'duplicate',
      'duplicate',
    ]);
    expect(await effects(conceptId)).toBe(1);
  });

  it('retries a failing handler with backoff, rolls back each try, dead-letters it, and moves on', async () => {
    const failing = randomUUID();
    const next = randomUUID();
    handler.failFor.add(failing);
    // Same key, so same partition: the next event waits behind the failing one and must still get through.
    await publish([
      { key: 'same-key', value: JSON.stringify(submitted(failing)) },
      { key: 'same-key', value: JSON.stringify(submitted(next)) },
    ]);
    await waitFor(failing, 'dead-lettered');
    await waitFor(next, 'applied');
    expect(handler.attempts.get(failing)).toBe(3);
    expect(await effects(failing)).toBe(0);
    expect(await dataSource.getRepository(ProcessedEvent).countBy({ type: CONCEPT_NOTE_SUBMITTED_V1 })).toBeGreaterThan(
      0,
    );
    const dead = await readTopic(physicalName(namespace, TOPICS.deadLetter), (m) =>
      m.some((x) => x.headers['dlt-error-message'] === `handler refuses ${failing}`),
    );
    const letter = dead.find((x) => x.headers['dlt-error-message'] === `handler refuses ${failing}`)!;
    expect(letter.headers['dlt-attempts']).toBe('3');
    expect(JSON.parse(letter.value!).aggregateId).toBe(failing);
  });

  it('waits out a database outage longer than the attempts allowed, and never dead-letters for it', async () => {
    const conceptId = randomUUID();
    handler.outageFor.set(conceptId, 5);
    await publishDirectly(conceptId);
    await waitFor(conceptId, 'applied');
    expect(handler.attempts.get(conceptId)).toBe(6);
    expect(outcomes.filter(([id, outcome]) => id === conceptId && outcome === 'dead-lettered')).toEqual([]);
    expect(await effects(conceptId)).toBe(1);
  });

  it('applies a run of events in one go, and a failing one in its middle costs the others nothing', async () => {
    const [before, failing, after] = [randomUUID(), randomUUID(), randomUUID()];
    handler.failFor.add(failing);
    await publish(
      [before, failing, after].map((id) => ({ key: 'one-partition', value: JSON.stringify(submitted(id)) })),
    );
    await waitFor(after, 'applied');
    expect(outcomes.filter(([id]) => id === before)).toEqual([[before, 'applied']]);
    expect(outcomes.filter(([id]) => id === failing)).toEqual([[failing, 'dead-lettered']]);
    expect(handler.attempts.get(failing)).toBe(3);
    expect([await effects(before), await effects(failing), await effects(after)]).toEqual([1, 0, 1]);
  });

  it('G4 restarts a consumer that crashed with an error kafkajs does not restart, and applies what comes after', async () => {
    const [crashing, later] = [randomUUID(), randomUUID()];
    let thrown = false;
    // What the broker answered after an outage in the acceptance run: kafkajs gives up on the consumer for good.
    const stopListening = consumer.onProcessed((event) => {
      if (event?.aggregateId !== crashing || thrown) return;
      thrown = true;
      throw new KafkaJSNonRetriableError('Failed to find group coordinator');
    });
    const restartsBefore = consumer.status().restarts;
    try {
      await publishDirectly(crashing);
      await waitUntil(() => thrown && consumer.status().state === 'restarting', 'the crash');
      expect(consumer.status().lastError).toMatch(/Failed to find group coordinator/);
      await publishDirectly(later);
      await waitFor(later, 'applied');
    } finally {
      stopListening();
    }
    expect(consumer.status()).toMatchObject({ state: 'running', restarts: restartsBefore + 1 });
    // The crashing event was applied before the crash and redelivered after it: once, not twice.
    expect([await effects(crashing), await effects(later)]).toEqual([1, 1]);
  });

  it('says when the group has applied everything on its topics, and refuses when it cannot catch up in time', async () => {
    const progress = new ConsumerProgress(
      kafka,
      physicalName(namespace, 'it-consumer'),
      [physicalName(namespace, TOPICS.concepts)],
      10_000,
      consumer,
    );
    try {
      const caughtUp = randomUUID();
      await publishDirectly(caughtUp);
      await progress.awaitCaughtUp();
      // No polling in between: when the wait is over, the effect is there.
      expect(await effects(caughtUp)).toBe(1);
      expect((await progress.lag()).lag).toBe(0n);

      await consumer.stop();
      const missed = randomUUID();
      await publishDirectly(missed);
      await expect(progress.awaitCaughtUp(300)).rejects.toBeInstanceOf(ConsumerBehindError);
      expect((await progress.lag()).lag).toBe(1n);
      expect(await effects(missed)).toBe(0);

      await consumer.start();
      await progress.awaitCaughtUp();
      expect(await effects(missed)).toBe(1);
    } finally {
      await progress.close();
    }
  });

  it('replays a topic in long runs: each event applied once, in order, even redelivered', async () => {
    // The live consumer stands aside, so every new event below is the replay's to apply.
    await consumer.stop();
    const fresh = Array.from({ length: 25 }, () => submitted(randomUUID()));
    const [first, second] = fresh;
    // An id in capitals is a uuid like any other: new, it is applied.
    second.eventId = second.eventId.toUpperCase();
    await publish(fresh.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })));
    // The same event again, its id in capitals: still the same event for the inbox.
    await publish([
      { key: first.aggregateId, value: JSON.stringify({ ...first, eventId: first.eventId.toUpperCase() }) },
    ]);
    const replay = new EventConsumer(dataSource, kafka, {
      groupId: 'it-replay',
      topics: [TOPICS.concepts],
      namespace,
      handlers: [handler],
      maxAttempts: 3,
      initialBackoffMs: 20,
      batching: { maxEvents: 7, maxBytesPerPartition: 64 * 1024 },
    });
    const seen: Array<{ id?: string; outcome: Outcome; partition: number; offset: bigint }> = [];
    replay.onProcessed((event, outcome, { partition, offset }) =>
      seen.push({ id: event?.aggregateId, outcome, partition, offset: BigInt(offset) }),
    );
    await replay.start();
    try {
      await waitUntil(() => seen.filter((s) => s.id === first.aggregateId).length === 2, 'the replay of the topic');
      await waitUntil(() => fresh.every((e) => seen.some((s) => s.id === e.aggregateId)), 'every new event');
    } finally {
      await replay.stop();
    }
    const isFresh = new Set(fresh.map((e) => e.aggregateId));
    for (const e of fresh) expect(await effects(e.aggregateId)).toBe(1);
    expect(seen.filter((s) => s.id === first.aggregateId).map((s) => s.outcome)).toEqual(['applied', 'duplicate']);
    expect(seen.filter((s) => isFresh.has(s.id!) && s.outcome === 'applied')).toHaveLength(25);
    // What the live consumer applied before is recognised, never applied twice.
    expect(seen.filter((s) => !isFresh.has(s.id!) && s.outcome === 'applied')).toEqual([]);
    for (const partition of new Set(seen.map((s) => s.partition))) {
      const offsets = seen.filter((s) => s.partition === partition).map((s) => s.offset);
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : 1)));
    }
  });

  it('applies every handler of a type, in the order given, in the one transaction that records the event', async () => {
    /** Records which handler saw the event, and how many effects of it the transaction held when it did. */
    const recording = (name: string): IntegrationEventHandler => ({
      handles: [CONCEPT_NOTE_SUBMITTED_V1],
      async handle(event, manager) {
        const [{ n }] = await manager.query(
          'SELECT count(*)::int AS n FROM "messaging_test"."effects" WHERE event_id = $1',
          [event.eventId],
        );
        await manager.query('INSERT INTO "messaging_test"."effects" VALUES ($1, $2)', [
          event.eventId,
          `${event.aggregateId} ${name} after ${n}`,
        ]);
      },
    });
    const own = `${namespace}-handlers`;
    await ensureTopics(kafka, own);
    const both = new EventConsumer(dataSource, kafka, {
      groupId: 'it-handlers',
      topics: [TOPICS.concepts],
      namespace: own,
      handlers: [recording('replica'), recording('results')],
    });
    const applied: string[] = [];
    both.onProcessed((event, outcome) => applied.push(`${event?.aggregateId} ${outcome}`));
    await both.start();
    const conceptId = randomUUID();
    try {
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: physicalName(own, TOPICS.concepts),
        messages: [{ key: conceptId, value: JSON.stringify(submitted(conceptId)) }],
      });
      await producer.disconnect();
      await waitUntil(() => applied.includes(`${conceptId} applied`), 'the event applied');
    } finally {
      await both.stop();
    }
    const rows = await dataSource.query(
      'SELECT concept_id FROM "messaging_test"."effects" WHERE concept_id LIKE $1 ORDER BY concept_id',
      [`${conceptId} %`],
    );
    expect(rows.map((r: { concept_id: string }) => r.concept_id)).toEqual([
      `${conceptId} replica after 0`,
      `${conceptId} results after 1`,
    ]);
  });
});
