import { CONCEPT_NOTE_SUBMITTED_V1, TOPICS } from '@fundline/contracts';
import { physicalName } from '@fundline/messaging';
import { connect, eventually, readTopic, testKafka } from '@fundline/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { aConceptNote } from '../support/concept-note-builder';
import { submitConcept } from '../support/concept-submissions';
import { FundlineSystem } from '../support/fundline-system';

/**
 * Crashes in the two windows where an event can be lost or doubled: between the database commit and the Kafka
 * publish (relay), and between a consumer's effect and its offset commit. The concept must appear exactly once.
 */
describe('delivery guarantees: outbox, inbox and dead letters on the real broker', () => {
  let system: FundlineSystem;
  let db: Client;
  const topic = (name: string) => physicalName(system.config.kafkaNamespace, name);

  beforeAll(async () => {
    system = await FundlineSystem.start({ concepts: { relay: false } });
    db = await connect(system.db.url);
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  const submit = async (country = 'PHL') =>
    (await submitConcept(system, country, aConceptNote({ countries: [country] }))).id;

  async function projectedRows(conceptId: string): Promise<number> {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM reporting.pipeline_entries WHERE concept_id = $1', [
      conceptId,
    ]);
    return rows[0].n as number;
  }

  async function outboxEventId(conceptId: string): Promise<string> {
    const { rows } = await db.query('SELECT event_id FROM concepts.outbox WHERE message_key = $1 AND type = $2', [
      conceptId,
      'concept-note.submitted.v1',
    ]);
    expect(rows).toHaveLength(1);
    return rows[0].event_id as string;
  }

  it('keeps a committed event when the relay is down, and publishes it once the relay is back', async () => {
    const conceptId = await submit();
    const { rows } = await db.query('SELECT type, published_at FROM concepts.outbox WHERE message_key = $1', [
      conceptId,
    ]);
    expect(rows.map((r: { type: string }) => r.type).sort()).toEqual([
      'concept-note.screened.v1',
      'concept-note.submitted.v1',
    ]);
    expect(rows.every((r: { published_at: Date | null }) => r.published_at === null)).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await projectedRows(conceptId)).toBe(0);

    // The concepts service restarts with its relay on: the committed event goes out.
    await system.stopService('concepts');
    await system.startService('concepts', { relay: true });
    await eventually(async () => ((await projectedRows(conceptId)) === 1 ? true : undefined), 20_000, 'projection');
    const published = await db.query('SELECT published_at FROM concepts.outbox WHERE message_key = $1', [conceptId]);
    expect(published.rows.every((r: { published_at: Date | null }) => r.published_at !== null)).toBe(true);
  });

  it('applies an event once when the relay crashed after publishing but before marking it sent', async () => {
    const conceptId = await submit();
    const eventId = await outboxEventId(conceptId);
    await eventually(async () => ((await projectedRows(conceptId)) === 1 ? true : undefined), 20_000, 'projection');

    // What a crash in that window leaves behind: the row still looks unpublished, so the relay sends it again.
    await db.query('UPDATE concepts.outbox SET published_at = NULL WHERE event_id = $1', [eventId]);
    const copies = await readTopic(
      topic(TOPICS.concepts),
      (messages) => messages.filter((m) => m.headers['event-id'] === eventId).length >= 2,
    );
    expect(copies.filter((m) => m.headers['event-id'] === eventId)).toHaveLength(2);

    const processed = await eventually(async () => {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM reporting.processed_events WHERE event_id = $1', [
        eventId,
      ]);
      return rows[0].n === 1 ? rows[0].n : undefined;
    });
    expect(processed).toBe(1);
    expect(await projectedRows(conceptId)).toBe(1);
  });

  it('applies an event once when the consumer crashed after its effect but before committing its offset', async () => {
    const conceptId = await submit();
    await eventually(async () => ((await projectedRows(conceptId)) === 1 ? true : undefined), 20_000, 'projection');
    const before = await db.query('SELECT count(*)::int AS n FROM reporting.processed_events');

    // The reporting consumer stops and its committed offsets are lost: on restart it re-reads the whole topic.
    await system.stopService('reporting');
    const admin = testKafka().admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: topic('fundline-reporting'), topic: topic(TOPICS.concepts), earliest: true });
    await admin.disconnect();
    await system.startService('reporting');

    const redelivered = await readTopic(topic(TOPICS.concepts), (m) => m.length > 0);
    expect(redelivered.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await projectedRows(conceptId)).toBe(1);
    const after = await db.query('SELECT count(*)::int AS n FROM reporting.processed_events');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('dead-letters a malformed and an unknown event with the error, and still processes the next good one', async () => {
    const producer = testKafka().producer();
    await producer.connect();
    const unknownId = randomUUID();
    await producer.send({
      topic: topic(TOPICS.concepts),
      messages: [
        { key: 'poison', value: '{"this is": not json' },
        {
          key: 'unknown',
          value: JSON.stringify({
            eventId: unknownId,
            type: 'concept-note.teleported.v1',
            aggregateType: 'concept-note',
            aggregateId: 'unknown',
            occurredAt: new Date().toISOString(),
            correlationId: 'test',
            actor: { userId: 'x', role: 'system' },
            payload: {},
          }),
        },
        {
          key: 'bad-payload',
          value: JSON.stringify({
            eventId: randomUUID(),
            type: CONCEPT_NOTE_SUBMITTED_V1,
            aggregateType: 'concept-note',
            aggregateId: 'bad-payload',
            occurredAt: new Date().toISOString(),
            correlationId: 'test',
            actor: { userId: 'x', role: 'system' },
            payload: { conceptNoteId: 'not-a-uuid', requested: { amount: 12.5 } },
          }),
        },
      ],
    });
    await producer.disconnect();

    const conceptId = await submit('KEN');
    await eventually(async () => ((await projectedRows(conceptId)) === 1 ? true : undefined), 20_000, 'projection');

    const deadLetters = await readTopic(
      topic(TOPICS.deadLetter),
      (m) => m.filter((x) => x.headers['dlt-consumer-group'] === topic('fundline-reporting')).length >= 3,
    );
    const reporting = deadLetters.filter((m) => m.headers['dlt-consumer-group'] === topic('fundline-reporting'));
    expect(reporting.map((m) => m.key).sort()).toEqual(['bad-payload', 'poison', 'unknown']);
    const poison = reporting.find((m) => m.key === 'poison')!;
    expect(poison.value).toBe('{"this is": not json');
    expect(poison.headers).toMatchObject({
      'dlt-original-topic': topic(TOPICS.concepts),
      'dlt-error-class': 'ContractViolation',
      'dlt-error-message': 'message value is not JSON',
    });
    expect(reporting.find((m) => m.key === 'unknown')!.headers['dlt-error-message']).toMatch(/unknown event type/);
    expect(reporting.find((m) => m.key === 'bad-payload')!.headers['dlt-error-message']).toMatch(/conceptNoteId/);
    // The funds consumer dead-letters them too, under its own group: each consumer owns its failures.
    await readTopic(
      topic(TOPICS.deadLetter),
      (m) => m.filter((x) => x.headers['dlt-consumer-group'] === topic('fundline-funds')).length >= 3,
    );
  });
});
