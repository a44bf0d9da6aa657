import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Actor, EVENT_CONTRACTS, EventEnvelope, validEventJson } from '@fundline/contracts';
import { EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

export interface NewEvent<TPayload extends object> {
  type: string;
  aggregateId: string;
  payload: TPayload;
  actor: Actor;
  correlationId: string;
  causationId?: string;
  occurredAt: Date;
}

export function envelopeFor<TPayload extends object>(event: NewEvent<TPayload>): EventEnvelope<TPayload> {
  const contract = EVENT_CONTRACTS[event.type];
  if (!contract) throw new Error(`no contract for event type ${event.type}`);
  return {
    eventId: randomUUID(),
    type: event.type,
    aggregateType: contract.aggregateType,
    aggregateId: event.aggregateId,
    occurredAt: event.occurredAt.toISOString(),
    correlationId: event.correlationId,
    causationId: event.causationId,
    actor: { ...event.actor },
    payload: event.payload,
  };
}

const produced = new AsyncLocalStorage<string[]>();

/**
 * Runs `fn` (one HTTP request) keeping the ids of the events it writes to the outbox, so the response can tell the
 * client the position its change produced and a read can wait for the read model to reach it.
 */
export function trackProducedEvents<T>(fn: () => T): T {
  return produced.run([], fn);
}

/** Every event the current request wrote to the outbox so far. */
export function producedEvents(): readonly string[] {
  return produced.getStore() ?? [];
}

/** The last event the current request wrote to the outbox, if any. */
export function lastProducedEvent(): string | undefined {
  return produced.getStore()?.at(-1);
}

/**
 * Adds events to the outbox inside the caller's transaction. Nothing reaches Kafka unless that transaction
 * commits; the relay publishes them afterwards. Events are checked against their contract first, so a producer
 * can never publish what its consumers would dead-letter. One statement in plain SQL for all of them, storing the
 * JSON that was checked: this runs in nearly every command.
 */
export async function appendToOutbox(manager: EntityManager, envelopes: EventEnvelope[]): Promise<void> {
  if (envelopes.length === 0) return;
  const rows = envelopes.map((envelope) => {
    const json = validEventJson(envelope);
    return [envelope.eventId, EVENT_CONTRACTS[envelope.type].topic, envelope.aggregateId, envelope.type, json];
  });
  const values = rows.map(
    (_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5}::jsonb)`,
  );
  await manager.query(
    `INSERT INTO ${manager.connection.getMetadata(OutboxMessage).tablePath} (event_id, topic, message_key, type, envelope)
     VALUES ${values.join(', ')}`,
    rows.flat(),
  );
  produced.getStore()?.push(...envelopes.map((e) => e.eventId));
  if (manager.queryRunner) manager.queryRunner.data[OUTBOX_WRITTEN] = true;
}

/** Marks a transaction that wrote to the outbox, so the relay is woken when it commits (OutboxRelay.start). */
export const OUTBOX_WRITTEN = 'fundline:outbox-written';
