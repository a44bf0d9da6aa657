import { Logger } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { orderedProducer, physicalName } from '../kafka/kafka-client';
import { OUTBOX_WRITTEN } from './outbox';
import { OutboxMessage } from './outbox-message.entity';

export interface OutboxRelayOptions {
  schema: string;
  namespace?: string;
  batchSize?: number;
  /**
   * How often to look for unpublished rows when nobody woke the relay: rows another process wrote (a replica that
   * runs no relay), and retries while the broker is away. A commit in this process wakes it at once.
   */
  pollIntervalMs?: number;
}

/**
 * Publishes committed outbox rows to Kafka in `sequence` order, then marks them published in the same transaction
 * that locked them. A crash after the send and before that commit republishes the batch on restart: delivery is
 * at least once, and consumers de-duplicate by event id. One relay per schema works at a time (a transaction-level
 * advisory lock), so several replicas of a service never reorder events of one key.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer: Producer | undefined;
  private running = false;
  private wake: (() => void) | undefined;
  /** Set by a nudge that came while a batch was being published, so it is not lost to the sleep that follows. */
  private nudged = false;
  private loop: Promise<void> | undefined;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
  }

  /** Wakes the relay when a transaction of this process that wrote to the outbox commits (appendToOutbox marks it). */
  private readonly commitWatcher: EntitySubscriberInterface = {
    afterTransactionCommit: ({ queryRunner }: TransactionCommitEvent) => {
      if (queryRunner.isTransactionActive || !queryRunner.data[OUTBOX_WRITTEN]) return;
      queryRunner.data[OUTBOX_WRITTEN] = false;
      this.nudge();
    },
    afterTransactionRollback: ({ queryRunner }: TransactionRollbackEvent) => {
      if (!queryRunner.isTransactionActive) queryRunner.data[OUTBOX_WRITTEN] = false;
    },
  };

  async start(): Promise<void> {
    if (this.running) return;
    this.producer = orderedProducer(this.kafka);
    await this.producer.connect();
    this.dataSource.subscribers.push(this.commitWatcher);
    this.running = true;
    this.loop = this.run();
  }

  /** Publishes now rather than at the next poll: called on every commit that wrote to the outbox, and by Publication. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.dataSource.subscribers.splice(this.dataSource.subscribers.indexOf(this.commitWatcher), 1);
    this.nudge();
    await this.loop;
    await this.producer?.disconnect();
    this.producer = undefined;
  }

  /** Publishes everything committed so far; returns how many events went out. */
  async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.publishBatch();
      total += sent;
      if (sent < this.batchSize) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      try {
        await this.publishPending();
      } catch (error) {
        this.logger.error(`outbox relay failed, retrying: ${(error as Error).message}`);
      }
      if (!this.running) break;
      if (this.nudged) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Events committed and not yet on the broker: how many, and how long the oldest has waited. */
  async backlog(): Promise<{ pending: number; oldestAgeMs: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(created_at)) * 1000, 0)::float8 AS age
         FROM ${this.dataSource.getMetadata(OutboxMessage).tablePath} WHERE published_at IS NULL`,
    )) as Array<{ pending: number; age: number }>;
    return { pending: row.pending, oldestAgeMs: Math.round(row.age) };
  }

  /**
   * One batch in one transaction of three statements: take the relay's lock and read the batch at once, mark it
   * published after the broker acknowledged it, commit. The statement's snapshot predates the lock, so its rows are
   * locked too: a row the previous holder of the lock published in between is read again as it is now, published,
   * and left out. Plain SQL, and the envelope read as the JSON text it is sent as: this runs after nearly every
   * command.
   */
  private async publishBatch(): Promise<number> {
    const producer = this.producer;
    if (!producer) return 0;
    const table = this.dataSource.getMetadata(OutboxMessage).tablePath;
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const batch = (await manager.query(
        `WITH relay AS (SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked)
         SELECT o.event_id, o.topic, o.message_key, o.type, o.envelope::text AS envelope
           FROM ${table} o, relay
          WHERE relay.locked AND o.published_at IS NULL
          ORDER BY o.sequence
          LIMIT $2
            FOR UPDATE OF o`,
        [`${this.options.schema}.outbox-relay`, this.batchSize],
      )) as PendingEvent[];
      if (batch.length === 0) return 0;
      await producer.sendBatch({
        acks: -1,
        topicMessages: groupByTopic(batch, this.options.namespace ?? ''),
      });
      await manager.query(`UPDATE ${table} SET published_at = clock_timestamp() WHERE event_id = ANY($1::uuid[])`, [
        batch.map((m) => m.event_id),
      ]);
      return batch.length;
    });
  }
}

/** An outbox row as the relay reads it. */
interface PendingEvent {
  event_id: string;
  topic: string;
  message_key: string;
  type: string;
  envelope: string;
}

function groupByTopic(batch: PendingEvent[], namespace: string) {
  const byTopic = new Map<string, PendingEvent[]>();
  for (const message of batch) {
    const messages = byTopic.get(message.topic);
    if (messages) messages.push(message);
    else byTopic.set(message.topic, [message]);
  }
  return [...byTopic].map(([topic, messages]) => ({
    topic: physicalName(namespace, topic),
    messages: messages.map((m) => ({
      key: m.message_key,
      value: m.envelope,
      headers: { 'event-id': m.event_id, 'event-type': m.type },
    })),
  }));
}
