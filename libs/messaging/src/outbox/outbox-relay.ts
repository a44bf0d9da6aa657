import { Logger } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { orderedProducer, physicalName } from '../kafka/kafka-client';
import { OutboxMessage } from './outbox-message.entity';

export interface OutboxRelayOptions {
  schema: string;
  namespace?: string;
  batchSize?: number;
  /** How often to look for unpublished rows when nobody nudged the relay. */
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
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.producer = orderedProducer(this.kafka);
    await this.producer.connect();
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a command commits, so its events go out now rather than at the next poll. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
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

  private async publishBatch(): Promise<number> {
    const producer = this.producer;
    if (!producer) return 0;
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
        `${this.options.schema}.outbox-relay`,
      ])) as Array<{ locked: boolean }>;
      if (!locked) return 0;
      const batch = await manager.find(OutboxMessage, {
        where: { publishedAt: IsNull() },
        order: { sequence: 'ASC' },
        take: this.batchSize,
      });
      if (batch.length === 0) return 0;
      await producer.sendBatch({
        acks: -1,
        topicMessages: groupByTopic(batch, this.options.namespace ?? ''),
      });
      await manager.update(
        OutboxMessage,
        batch.map((m) => m.eventId),
        { publishedAt: new Date() },
      );
      return batch.length;
    });
  }
}

function groupByTopic(batch: OutboxMessage[], namespace: string) {
  const byTopic = new Map<string, OutboxMessage[]>();
  for (const message of batch) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
  return [...byTopic].map(([topic, messages]) => ({
    topic: physicalName(namespace, topic),
    messages: messages.map((m) => ({
      key: m.key,
      value: JSON.stringify(m.envelope),
      headers: { 'event-id': m.eventId, 'event-type': m.type },
    })),
  }));
}
