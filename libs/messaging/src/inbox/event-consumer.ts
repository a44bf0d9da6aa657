import { Logger } from '@nestjs/common';
import { ContractViolation, FundlineEvent, readEvent, TOPICS } from '@fundline/contracts';
import { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { tableOf } from '@fundline/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { orderedProducer, physicalName } from '../kafka/kafka-client';
import { isTransientFailure } from './transient-failure';

/**
 * Applies one event type's effect inside the consumer's transaction (the same one that records the event). It receives
 * only the types it `handles`, in their current version (`E`: the events of the topic it reads); `switch (event.type)`
 * narrows the payload. Several handlers may handle one type (each service keeps its own rows from it): they run in the
 * order given, in that one transaction.
 */
export interface IntegrationEventHandler<E extends FundlineEvent = FundlineEvent> {
  readonly handles: readonly string[];
  handle(event: E, manager: EntityManager): Promise<void>;
}

export interface EventConsumerOptions {
  groupId: string;
  topics: string[];
  namespace?: string;
  handlers: IntegrationEventHandler[];
  /** Attempts before a failing event is dead-lettered (the first try included). */
  maxAttempts?: number;
  initialBackoffMs?: number;
  /** Sizes for a replay, where throughput counts (the read-model rebuild); a live consumer keeps the defaults. */
  batching?: ConsumerBatching;
}

export interface ConsumerBatching {
  /** Most consecutive messages of one partition applied in one transaction; 100. */
  maxEvents?: number;
  /** Most bytes one fetch brings per partition; kafkajs' 1 MiB. */
  maxBytesPerPartition?: number;
}

export type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

/** Most messages applied in one transaction by default: bounds how much one failure rolls back and re-runs. */
const BATCH_SIZE = 100;

/** A crashed consumer is started again after 1 s, then 2, 4… up to 30 s between tries until one succeeds. */
const RESTART_BACKOFF_MS = { initial: 1_000, max: 30_000 };

export type ConsumerState = 'starting' | 'running' | 'restarting' | 'stopping' | 'stopped';

export interface ConsumerStatus {
  groupId: string;
  state: ConsumerState;
  restarts: number;
  lastError?: string;
  lastCrashAt?: string;
  lastProgressAt?: string;
}

/** Where a processed message sat: its physical topic, partition and offset. */
export interface MessagePosition {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Consumes integration events idempotently: each event is applied and recorded in `processed_events` in the same
 * transaction (consecutive events of a partition share one, up to BATCH_SIZE). A message that breaks its contract
 * goes straight to the dead-letter topic; one whose handler keeps failing goes there after `maxAttempts` tries with
 * exponential backoff. Either way the partition moves on. Failures of the infrastructure (the database down, a
 * deadlock) are retried until they pass and never dead-lettered.
 */
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private consumer: Consumer | undefined;
  private state: ConsumerState = 'stopped';
  private restarts = 0;
  private backoffMs = RESTART_BACKOFF_MS.initial;
  private restartTimer: NodeJS.Timeout | undefined;
  private lastError: string | undefined;
  private lastCrashAt: Date | undefined;
  private lastProgressAt: number | undefined;
  private lastFetchAt: number | undefined;
  private readonly positions = new Map<string, bigint>();
  private producer: Producer | undefined;
  private readonly byType = new Map<string, IntegrationEventHandler[]>();
  private readonly listeners = new Set<
    (event: FundlineEvent | undefined, outcome: Outcome, position: MessagePosition) => void
  >();

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly options: EventConsumerOptions,
  ) {
    for (const handler of options.handlers) {
      for (const type of handler.handles) this.byType.set(type, [...(this.byType.get(type) ?? []), handler]);
    }
  }

  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    this.state = 'starting';
    this.producer = orderedProducer(this.kafka);
    try {
      await this.producer.connect();
    } catch (error) {
      // Not started: a later start() may try again (the service fails its start-up on this error).
      this.producer = undefined;
      this.state = 'stopped';
      throw error;
    }
    await this.launch();
  }

  /**
   * Creates, connects and runs a kafkajs consumer. kafkajs restarts a consumer by itself only after retriable
   * errors; after a non-retriable one (`Failed to find group coordinator` when the broker comes back, for instance)
   * it stops for good while the process lives on. The CRASH listener turns every crash that kafkajs will not
   * restart into a restart of our own, with backoff, so no outage leaves a service deaf.
   */
  private async launch(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.physical(this.options.groupId),
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 100,
      ...(this.options.batching?.maxBytesPerPartition
        ? {
            maxBytesPerPartition: this.options.batching.maxBytesPerPartition,
            maxBytes: this.options.batching.maxBytesPerPartition * 8,
          }
        : {}),
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.crashed(payload.error, payload.restart);
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (this.state === 'restarting' || this.state === 'starting') this.running();
    });
    consumer.on(consumer.events.FETCH, () => {
      if (this.state === 'restarting' || this.state === 'starting') this.running();
      this.lastFetchAt = Date.now();
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: this.options.topics.map((t) => this.physical(t)), fromBeginning: true });
      const runSize = this.options.batching?.maxEvents ?? BATCH_SIZE;
      await consumer.run({
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const { topic, partition } = batch;
          let pending = batch.messages;
          /** A message that already failed once in a run: it goes straight to the one-by-one path, that try counted. */
          let failed: { offset: string; error: unknown } | undefined;
          while (pending.length > 0 && isRunning() && !isStale()) {
            const run = pending.slice(0, runSize);
            const attempt =
              failed?.offset === run[0].offset
                ? { failedAt: 0, error: failed.error }
                : await this.applyRun(topic, partition, run);
            failed = undefined;
            let results;
            if ('results' in attempt) {
              results = attempt.results;
            } else if (attempt.failedAt > 0) {
              // The messages before the failing one go again as a shorter run; the failing one comes next turn.
              failed = { offset: run[attempt.failedAt].offset, error: attempt.error };
              const before = await this.applyRun(topic, partition, run.slice(0, attempt.failedAt));
              if (!('results' in before)) continue;
              results = before.results;
            } else {
              results = [
                { message: run[0], ...(await this.process(topic, partition, run[0], heartbeat, attempt.error)) },
              ];
            }
            const last = results[results.length - 1].message.offset;
            this.positions.set(`${topic}:${partition}`, BigInt(last) + 1n);
            this.lastProgressAt = Date.now();
            for (const { message, event, outcome } of results) {
              for (const listener of this.listeners)
                listener(event, outcome, { topic, partition, offset: message.offset });
            }
            resolveOffset(last);
            await heartbeat();
            pending = pending.slice(results.length);
          }
        },
      });
      if (this.state === 'starting') this.running();
    } catch (error) {
      this.crashed(error as Error, false);
    }
  }

  private running(): void {
    if (this.state !== 'running') this.logger.log(`consumer ${this.options.groupId} is consuming`);
    this.state = 'running';
    this.backoffMs = RESTART_BACKOFF_MS.initial;
  }

  private crashed(error: Error, kafkajsRestarts: boolean): void {
    if (this.state === 'stopped' || this.state === 'stopping') return;
    this.lastError = `${error.name}: ${error.message}`;
    this.lastCrashAt = new Date();
    this.state = 'restarting';
    this.logger.error(
      `consumer ${this.options.groupId} crashed (${this.lastError}); ${kafkajsRestarts ? 'kafkajs restarts it' : `restarting it in ${this.backoffMs} ms`}`,
    );
    if (kafkajsRestarts || this.restartTimer) return;
    const delayMs = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, RESTART_BACKOFF_MS.max);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.restart();
    }, delayMs);
  }

  private async restart(): Promise<void> {
    if (this.state !== 'restarting') return;
    this.restarts++;
    await this.consumer?.disconnect().catch(() => undefined);
    if (this.state !== 'restarting') return;
    await this.launch();
  }
  /**
   * Applies consecutive messages of one partition in one transaction, in order, each with its inbox row: one commit
   * and one inbox statement instead of one of each per event. If one cannot be decoded or applied, nothing of the run
   * stays, and the answer says which one failed and why.
   */
  private async applyRun(
    topic: string,
    partition: number,
    messages: KafkaMessage[],
  ): Promise<
    | { results: Array<{ message: KafkaMessage; event?: FundlineEvent; outcome: Outcome }> }
    | { failedAt: number; error: unknown }
  > {
    let at = 0;
    try {
      const events = messages.map((m, i) => {
        at = i;
        return readEvent(m.value);
      });
      const results = await this.dataSource.transaction(async (manager) => {
        at = 0;
        const fresh = await this.recordNew(
          manager,
          events.map((event, i) => ({ event, topic, partition, offset: messages[i].offset })),
        );
        const applied = [];
        for (const [i, event] of events.entries()) {
          at = i;
          const outcome = await this.applyIfNew(manager, event, fresh[i]);
          applied.push({ message: messages[i], event, outcome });
        }
        return applied;
      });
      return { results };
    } catch (error) {
      return { failedAt: at, error };
    }
  }

  async stop(): Promise<void> {
    this.state = 'stopping';
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    try {
      await this.consumer?.disconnect();
    } finally {
      await this.producer?.disconnect().catch(() => undefined);
      this.consumer = undefined;
      this.producer = undefined;
      this.state = 'stopped';
    }
  }

  /** What readiness reports of this consumer: its state, restarts, last crash, and when it last made progress. */
  status(): ConsumerStatus {
    return {
      groupId: this.options.groupId,
      state: this.state,
      restarts: this.restarts,
      ...(this.lastError ? { lastError: this.lastError, lastCrashAt: this.lastCrashAt?.toISOString() } : {}),
      ...(this.lastProgressAt ? { lastProgressAt: new Date(this.lastProgressAt).toISOString() } : {}),
    };
  }

  /** The next offset this process will apply, by physical `topic:partition` (only partitions it has consumed). */
  appliedPositions(): ReadonlyMap<string, bigint> {
    return this.positions;
  }

  /** Milliseconds since the consumer last applied a message or fetched (an idle, healthy consumer fetches). */
  msSinceLastProgress(): number | undefined {
    const last = Math.max(this.lastProgressAt ?? 0, this.lastFetchAt ?? 0);
    return last === 0 ? undefined : Date.now() - last;
  }

  private physical(name: string): string {
    return physicalName(this.options.namespace ?? '', name);
  }

  /** Lets tests and the read-your-writes wait observe what the consumer did. */
  onProcessed(
    listener: (event: FundlineEvent | undefined, outcome: Outcome, position: MessagePosition) => void,
  ): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async process(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void> = async () => undefined,
    /** The failure of a first attempt already made (in a run): it counts as attempt 1. */
    firstFailure?: unknown,
  ): Promise<{ event?: FundlineEvent; outcome: Outcome }> {
    let event: FundlineEvent;
    try {
      event = readEvent(message.value);
    } catch (error) {
      await this.deadLetter(topic, partition, message, error as Error, 1);
      return { outcome: 'dead-lettered' };
    }
    const maxAttempts = this.options.maxAttempts ?? 5;
    const initialBackoffMs = this.options.initialBackoffMs ?? 100;
    let attempt = 1;
    let earlier = firstFailure;
    for (let tries = 1; ; tries++) {
      try {
        if (earlier !== undefined) {
          const failure = earlier;
          earlier = undefined;
          throw failure;
        }
        const outcome = await this.dataSource.transaction(async (manager) => {
          const [fresh] = await this.recordNew(manager, [{ event, topic, partition, offset: message.offset }]);
          return this.applyIfNew(manager, event, fresh);
        });
        return { event, outcome };
      } catch (error) {
        const transient = !(error instanceof ContractViolation) && isTransientFailure(error);
        if (!transient && (error instanceof ContractViolation || attempt >= maxAttempts)) {
          await this.deadLetter(topic, partition, message, error as Error, attempt);
          return { event, outcome: 'dead-lettered' };
        }
        // Only failures of the event itself count towards dead-lettering; an outage is waited out.
        if (!transient) attempt++;
        const backoffMs = Math.min(initialBackoffMs * 2 ** (tries - 1), 5_000);
        this.logger.warn(
          `${event.type} ${event.eventId} failed (${transient ? 'infrastructure, will wait' : `attempt ${attempt - 1}`}): ${(error as Error).message}; retrying in ${backoffMs} ms`,
        );
        await new Promise((r) => setTimeout(r, backoffMs));
        await heartbeat().catch(() => undefined);
      }
    }
  }

  /**
   * Writes the inbox rows of `rows` in one statement (arrays unnested: one statement text whatever the count) and
   * says, for each, whether it is new: false for an event the inbox already held, or that came earlier in `rows`.
   */
  private async recordNew(
    manager: EntityManager,
    rows: Array<{ event: FundlineEvent; topic: string; partition: number; offset: string }>,
  ): Promise<boolean[]> {
    const inserted = (await manager.query(
      `INSERT INTO ${tableOf(manager, 'processed_events')} (event_id, type, topic, partition, message_offset)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::bigint[])
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [
        rows.map((r) => r.event.eventId),
        rows.map((r) => r.event.type),
        rows.map((r) => r.topic),
        rows.map((r) => r.partition),
        rows.map((r) => r.offset),
      ],
    )) as Array<{ event_id: string }>;
    // PostgreSQL prints uuids in lower case; an event id may arrive in upper case.
    const unclaimed = new Set(inserted.map((r) => r.event_id));
    return rows.map((r) => unclaimed.delete(r.event.eventId.toLowerCase()));
  }

  private async applyIfNew(manager: EntityManager, event: FundlineEvent, fresh: boolean): Promise<Outcome> {
    if (!fresh) return 'duplicate';
    const handlers = this.byType.get(event.type);
    if (!handlers) return 'ignored';
    for (const handler of handlers) await handler.handle(event, manager);
    return 'applied';
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: Error,
    attempts: number,
  ): Promise<void> {
    this.logger.error(`dead-lettering ${topic}[${partition}]@${message.offset}: ${error.message}`);
    await this.producer!.send({
      topic: this.physical(TOPICS.deadLetter),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dlt-original-topic': topic,
            'dlt-original-partition': String(partition),
            'dlt-original-offset': message.offset,
            'dlt-consumer-group': this.physical(this.options.groupId),
            'dlt-error-class': error.name,
            'dlt-error-message': error.message.slice(0, 2_000),
            'dlt-attempts': String(attempts),
            'dlt-failed-at': new Date().toISOString(),
          },
        },
      ],
    });
  }
}
