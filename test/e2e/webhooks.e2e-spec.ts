import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import {
  CONCEPT_NOTE_EXPIRED_V1,
  CONCEPT_NOTE_WITHDRAWN_V1,
  PROJECT_PROPOSAL_WITHDRAWN_V1,
  readEvent,
  TOPICS,
} from '@fundline/contracts';
import { physicalName } from '@fundline/messaging';
import {
  bearer,
  connect,
  createTestDatabase,
  eventually,
  startService,
  TestClock,
  testConfig,
  TestDatabase,
  testKafka,
} from '@fundline/testing';
import { Producer } from 'kafkajs';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { NOTIFICATIONS_SCHEMA, NotificationsModule } from '../../apps/notifications/src/notifications.module';
import { notifierConfigFromEnv } from '../../apps/notifications/src/notifier-config';

type Mode = 'ok' | 'fail' | 'hang' | 'gone';

interface Received {
  path: string;
  answered: number | 'none';
  id: string;
  timestamp: string;
  signature: string;
  body: string;
}

const HOUR = 3_600_000;
/** The default schedule's waits after the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
const WAITS = [5_000, 300_000, 1_800_000, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

/**
 * Webhooks on the real stack: the notifier reads real envelopes from the real broker and delivers them to a real HTTP
 * receiver on loopback that fails, hangs past the timeout and recovers. The retry schedule is the default one (hours
 * long); the test moves the notifier's clock instead of waiting, and every delivery is verified with the Standard
 * Webhooks reference library.
 */
describe('webhooks for integrators (issue 15, item 4)', () => {
  let db: TestDatabase;
  let sql: Client;
  let app: INestApplication;
  let producer: Producer;
  let receiver: Server;
  let base: string;
  const clock = new TestClock(new Date());
  const modes: Record<string, Mode> = {};
  const received: Received[] = [];
  const sent = new Map<string, string>();
  /** Events the receiver answers 500 to, whatever its mode: a receiver that fails on some messages only. */
  const refused = new Set<string>();
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  const admin = bearer('fund-admin');

  const http = () => app.getHttpServer();
  const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

  function receive(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const refuse = refused.has((JSON.parse(body) as { data: { eventId: string } }).data.eventId);
      const mode = refuse ? 'fail' : (modes[req.url ?? ''] ?? 'fail');
      received.push({
        path: req.url ?? '',
        answered: mode === 'hang' ? 'none' : mode === 'ok' ? 200 : mode === 'gone' ? 410 : 500,
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body,
      });
      if (mode === 'hang') return;
      res.writeHead(mode === 'ok' ? 200 : mode === 'gone' ? 410 : 500).end();
    });
  }

  /** Publishes a real envelope, as the concepts service's outbox would; it passes the consumers' contract check. */
  async function publish(type: string, occurredAt = clock.now()): Promise<string> {
    const submissionId = randomUUID();
    const envelope = {
      eventId: randomUUID(),
      type,
      aggregateType: type.startsWith('concept-note') ? 'concept-note' : 'project-proposal',
      aggregateId: submissionId,
      occurredAt: occurredAt.toISOString(),
      correlationId: randomUUID(),
      actor: { userId: 'government-SEN', role: 'government', country: 'SEN' },
      payload: {
        submissionId,
        fund: 'MIGRATION_MPTF',
        version: 1,
        fromStatus: 'pipeline',
        status: type.endsWith('expired.v1') ? 'expired' : 'withdrawn',
        at: clock.now().toISOString(),
      },
    };
    const value = JSON.stringify(envelope);
    readEvent(value);
    sent.set(envelope.eventId, value);
    await send(submissionId, value);
    return envelope.eventId;
  }

  async function send(key: string, value: string): Promise<void> {
    const { eventId, type } = JSON.parse(value) as { eventId: string; type: string };
    await producer.send({
      topic: physicalName(namespace, TOPICS.concepts),
      acks: -1,
      messages: [{ key, value, headers: { 'event-id': eventId, 'event-type': type } }],
    });
  }

  async function register(path: string, eventTypes: string[]): Promise<{ endpointId: string; secret: string }> {
    const res = await request(http())
      .post('/webhooks/endpoints')
      .set(admin)
      .send({ url: `${base}${path}`, eventTypes });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function deliveries(endpointId: string, status?: string) {
    const res = await request(http())
      .get(`/webhooks/endpoints/${endpointId}/deliveries`)
      .query(status ? { status } : {})
      .set(admin)
      .expect(200);
    return res.body as {
      total: number;
      items: {
        deliveryId: string;
        eventId: string;
        status: string;
        attempts: number;
        nextAttemptAt: string | null;
        log: { at: string; statusCode: number | null; error: string | null; durationMs: number }[];
      }[];
    };
  }

  /** Waits until every delivery of the endpoint satisfies `done`. */
  async function until(endpointId: string, count: number, done: (d: { status: string; attempts: number }) => boolean) {
    return eventually(
      async () => {
        const page = await deliveries(endpointId);
        return page.total === count && page.items.every(done) ? page : undefined;
      },
      20_000,
      `deliveries of ${endpointId}`,
    );
  }

  /** What the receiver verified for an endpoint: event id by webhook-id, with the reference library. */
  function verified(path: string, secret: string): Received[] {
    const hook = new Webhook(secret);
    expect(received.filter((r) => r.path === path).length).toBeGreaterThan(0);
    return received
      .filter((r) => r.path === path)
      .map((r) => {
        hook.verify(r.body, {
          'webhook-id': r.id,
          'webhook-timestamp': r.timestamp,
          'webhook-signature': r.signature,
        });
        return r;
      });
  }

  const eventOf = (r: Received) => (JSON.parse(r.body) as { data: { eventId: string } }).data.eventId;

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = 'on';
    process.env.WEBHOOK_TIMEOUT_MS = '300';
    receiver = createServer(receive);
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    db = await createTestDatabase();
    const config = testConfig(db.url, { kafkaNamespace: namespace });
    const notifier = {
      ...notifierConfigFromEnv({}),
      // Mail of the disabling notice goes nowhere: the test reads the notifications table.
      smtpUrl: 'smtp://127.0.0.1:9',
      scanEveryMs: HOUR,
      sendEveryMs: 50,
      staffDigest: false,
    };
    app = await startService(
      'notifications',
      NOTIFICATIONS_SCHEMA,
      NotificationsModule.forRoot(config, notifier, clock),
      config,
    );
    sql = await connect(db.url);
    producer = testKafka().producer();
    await producer.connect();
    await request(http())
      .post('/contacts')
      .set(admin)
      .send({ partyType: 'fund-admin', partyCode: '*', name: 'Fund admin', email: 'admin@example.org' })
      .expect(201);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
    await sql?.end();
    await db?.drop();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
    delete process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
    delete process.env.WEBHOOK_TIMEOUT_MS;
  });

  it('lets only fund admins manage endpoints', async () => {
    for (const token of [bearer('government', 'SEN'), bearer('finance-officer'), bearer('steering-committee')]) {
      const res = await request(http())
        .post('/webhooks/endpoints')
        .set(token)
        .send({ url: `${base}/x`, eventTypes: ['*'] });
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      await request(http()).get('/webhooks/endpoints').set(token).expect(403);
    }
    await request(http()).get('/webhooks/endpoints').expect(401);
    const { rows } = await sql.query('SELECT count(*)::int AS n FROM notifications.webhook_endpoints');
    expect(rows[0].n).toBe(0);
  });

  it('refuses bad input with problem+json and stores nothing', async () => {
    const cases: [object, number, string][] = [
      [{ url: 'ftp://example.org/hook', eventTypes: ['*'] }, 422, 'WEBHOOK.URL'],
      [{ url: 'javascript:alert(1)', eventTypes: ['*'] }, 422, 'WEBHOOK.URL'],
      [{ url: 'http://user:pw@127.0.0.1/hook', eventTypes: ['*'] }, 422, 'WEBHOOK.URL'],
      [{ url: `${base}/x`, eventTypes: ['concept-note.teleported.v1'] }, 422, 'WEBHOOK.EVENT_TYPES'],
      [{ url: `${base}/x`, eventTypes: ['allocation.approved.v1'] }, 422, 'WEBHOOK.EVENT_TYPES'],
      [{ url: `${base}/x` }, 400, 'REQUEST.INVALID'],
      [{ eventTypes: ['*'] }, 400, 'REQUEST.INVALID'],
      [{ url: null, eventTypes: ['*'] }, 400, 'REQUEST.INVALID'],
      [{ url: `${base}/x`, eventTypes: null }, 400, 'REQUEST.INVALID'],
      [{ url: `${base}/x`, eventTypes: [] }, 400, 'REQUEST.INVALID'],
      // An optional field sent null is as if left out (the required-field sweep checks it); empty is refused.
      [{ url: `${base}/x`, eventTypes: ['*'], description: '' }, 400, 'REQUEST.INVALID'],
      [{ url: `${base}/x`, eventTypes: ['*'], secret: 'whsec_mine' }, 400, 'REQUEST.INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const res = await request(http()).post('/webhooks/endpoints').set(admin).send(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const unknown = await request(http())
      .post('/webhooks/endpoints')
      .set(admin)
      .send({ url: `${base}/x`, eventTypes: ['concept-note.teleported.v1'] });
    expect(unknown.body.detail).toContain('known: *, concept-note.submitted.v1');

    const { endpointId } = await register('/patched', [CONCEPT_NOTE_WITHDRAWN_V1]);
    for (const body of [
      { url: null },
      { enabled: null },
      { eventTypes: null },
      { url: 'gopher://x' },
      { eventTypes: ['x'] },
    ]) {
      const res = await request(http()).patch(`/webhooks/endpoints/${endpointId}`).set(admin).send(body);
      expect([400, 422]).toContain(res.status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    await request(http()).get(`/webhooks/endpoints/${randomUUID()}`).set(admin).expect(404);
    const { rows } = await sql.query('SELECT url, event_types FROM notifications.webhook_endpoints');
    expect(rows).toEqual([{ url: `${base}/patched`, event_types: [CONCEPT_NOTE_WITHDRAWN_V1] }]);
    await request(http()).delete(`/webhooks/endpoints/${endpointId}`).set(admin).expect(204);
    await request(http()).get(`/webhooks/endpoints/${endpointId}`).set(admin).expect(404);
  });

  it('shows the secret once, when the endpoint is registered or its secret rotated', async () => {
    const { endpointId, secret } = await register('/shown', ['*']);
    expect(secret).toMatch(/^whsec_/);
    const one = await request(http()).get(`/webhooks/endpoints/${endpointId}`).set(admin).expect(200);
    expect(one.body).toMatchObject({ endpointId, url: `${base}/shown`, eventTypes: ['*'], enabled: true });
    expect(JSON.stringify(one.body)).not.toContain('whsec_');
    const all = await request(http()).get('/webhooks/endpoints').set(admin).expect(200);
    expect(JSON.stringify(all.body)).not.toContain('whsec_');
    const rotated = await request(http()).post(`/webhooks/endpoints/${endpointId}/secret`).set(admin).expect(201);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);

    // For a day after a rotation, a delivery verifies with the new secret and with the previous one.
    modes['/shown'] = 'ok';
    await publish(CONCEPT_NOTE_WITHDRAWN_V1);
    await until(endpointId, 1, (d) => d.status === 'delivered');
    expect(verified('/shown', rotated.body.secret)).toHaveLength(1);
    expect(verified('/shown', secret)).toHaveLength(1);
    advance(25 * HOUR);
    await publish(CONCEPT_NOTE_WITHDRAWN_V1);
    await until(endpointId, 2, (d) => d.status === 'delivered');
    expect(verified('/shown', rotated.body.secret)).toHaveLength(2);
    expect(() => verified('/shown', secret)).toThrow('No matching signature found');
    await request(http()).delete(`/webhooks/endpoints/${endpointId}`).set(admin).expect(204);
  });

  it('sends an endpoint the events from its registration on, each once however often it is read', async () => {
    modes['/from-now'] = 'ok';
    const before = await publish(PROJECT_PROPOSAL_WITHDRAWN_V1, new Date(clock.now().getTime() - 60_000));
    const { endpointId, secret } = await register('/from-now', [PROJECT_PROPOSAL_WITHDRAWN_V1]);
    const after = await publish(PROJECT_PROPOSAL_WITHDRAWN_V1);
    // The same message again, as a relay that crashed before marking it sent would publish it.
    await send(randomUUID(), sent.get(after)!);
    await send(randomUUID(), sent.get(before)!);
    const later = await publish(PROJECT_PROPOSAL_WITHDRAWN_V1);
    await until(endpointId, 2, (d) => d.status === 'delivered');
    await new Promise((r) => setTimeout(r, 300));
    expect(verified('/from-now', secret).map(eventOf).sort()).toEqual([after, later].sort());
    await request(http()).delete(`/webhooks/endpoints/${endpointId}`).set(admin).expect(204);
  });

  it('attempts again, under the same webhook-id, a delivery whose worker died during its attempt', async () => {
    modes['/crash'] = 'ok';
    const { endpointId, secret } = await register('/crash', [CONCEPT_NOTE_WITHDRAWN_V1]);
    await request(http()).patch(`/webhooks/endpoints/${endpointId}`).set(admin).send({ enabled: false }).expect(200);
    const eventId = await publish(CONCEPT_NOTE_WITHDRAWN_V1);
    await until(endpointId, 1, (d) => d.status === 'pending');
    // What a worker that claimed it and died leaves: a lease that runs for the timeout and a margin.
    await sql.query(`UPDATE notifications.webhook_deliveries SET lease_until = $2 WHERE endpoint_id = $1`, [
      endpointId,
      new Date(clock.now().getTime() + 60_000),
    ]);
    await request(http()).patch(`/webhooks/endpoints/${endpointId}`).set(admin).send({ enabled: true }).expect(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((r) => r.path === '/crash')).toEqual([]);
    advance(61_000);
    const [delivery] = (await until(endpointId, 1, (d) => d.status === 'delivered')).items;
    expect(verified('/crash', secret).map((r) => [r.id, eventOf(r)])).toEqual([[delivery.deliveryId, eventId]]);
    await request(http()).delete(`/webhooks/endpoints/${endpointId}`).set(admin).expect(204);
  });

  it('an endpoint down for a while (500, then no answer) receives every event once it recovers, each verifiable', async () => {
    modes['/down'] = 'fail';
    modes['/all'] = 'ok';
    const down = await register('/down', [CONCEPT_NOTE_WITHDRAWN_V1, PROJECT_PROPOSAL_WITHDRAWN_V1]);
    const all = await register('/all', ['*']);
    const events = [
      await publish(CONCEPT_NOTE_WITHDRAWN_V1),
      await publish(PROJECT_PROPOSAL_WITHDRAWN_V1),
      await publish(CONCEPT_NOTE_WITHDRAWN_V1),
    ];
    // First attempt: 500 each.
    await until(down.endpointId, 3, (d) => d.status === 'failed' && d.attempts === 1);

    // Second attempt 5 s later: the receiver does not answer within the timeout.
    modes['/down'] = 'hang';
    advance(WAITS[0] * 1.1 + 1_000);
    await until(down.endpointId, 3, (d) => d.status === 'failed' && d.attempts === 2);
    events.push(await publish(CONCEPT_NOTE_WITHDRAWN_V1), await publish(PROJECT_PROPOSAL_WITHDRAWN_V1));
    await until(down.endpointId, 5, (d) => d.status === 'failed');

    // It recovers: the next event goes through at once and brings forward the retries it is owed.
    modes['/down'] = 'ok';
    events.push(await publish(CONCEPT_NOTE_WITHDRAWN_V1));
    const log = await until(down.endpointId, 6, (d) => d.status === 'delivered');

    const first = log.items.find((d) => d.eventId === events[0])!;
    expect(first.log.map((a) => a.statusCode ?? a.error)).toEqual([500, 'no answer within 300 ms', 200]);
    expect(first.log.every((a) => Number.isInteger(a.durationMs) && a.durationMs >= 0)).toBe(true);

    // Every event arrived, each verified with its signature; a repeat only ever under the same webhook-id.
    const delivered = verified('/down', down.secret).filter((r) => r.answered === 200);
    expect(new Set(delivered.map(eventOf))).toEqual(new Set(events));
    const idsByEvent = new Map<string, Set<string>>();
    for (const r of verified('/down', down.secret)) {
      idsByEvent.set(eventOf(r), (idsByEvent.get(eventOf(r)) ?? new Set()).add(r.id));
    }
    expect([...idsByEvent.values()].map((ids) => ids.size)).toEqual(events.map(() => 1));
    expect(new Set([...idsByEvent.values()].flatMap((ids) => [...ids])).size).toBe(events.length);
    const body = JSON.parse(delivered[0].body);
    expect(body).toEqual({
      type: body.data.type,
      timestamp: body.data.occurredAt,
      data: {
        eventId: expect.any(String),
        type: expect.stringMatching(/withdrawn\.v1$/),
        aggregateType: expect.any(String),
        aggregateId: expect.any(String),
        occurredAt: expect.any(String),
        payload: expect.objectContaining({ fund: 'MIGRATION_MPTF', status: 'withdrawn' }),
      },
    });
    // The subscriber to every type received each event once, at the first attempt.
    await until(all.endpointId, 6, (d) => d.status === 'delivered' && d.attempts === 1);
    expect(verified('/all', all.secret).map(eventOf).sort()).toEqual([...events].sort());
  });

  it('a retry brought forward by a success that fails again keeps its place in the schedule and its attempts', async () => {
    modes['/flaky'] = 'ok';
    const flaky = await register('/flaky', [CONCEPT_NOTE_WITHDRAWN_V1]);
    const stubborn = await publish(CONCEPT_NOTE_WITHDRAWN_V1);
    refused.add(stubborn);
    const byEvent = async () => (await deliveries(flaky.endpointId)).items.find((d) => d.eventId === stubborn)!;
    await until(flaky.endpointId, 1, (d) => d.status === 'failed' && d.attempts === 1);
    const { nextAttemptAt } = await byEvent();
    for (let i = 2; i <= 3; i++) {
      await publish(CONCEPT_NOTE_WITHDRAWN_V1);
      await eventually(async () => ((await byEvent()).log.length === i ? true : undefined), 20_000, `try ${i}`);
      expect(await byEvent()).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt });
    }
    refused.delete(stubborn);
    advance(WAITS[0] * 1.1 + 1_000);
    await until(flaky.endpointId, 3, (d) => d.status === 'delivered');
    expect(await byEvent()).toMatchObject({ status: 'delivered', attempts: 2 });
    await request(http()).delete(`/webhooks/endpoints/${flaky.endpointId}`).set(admin).expect(204);
  });

  it('parks a delivery after its last attempt, more than 24 hours on, disables the endpoint, tells the admins, and replays', async () => {
    modes['/parked'] = 'fail';
    const parked = await register('/parked', [CONCEPT_NOTE_EXPIRED_V1]);
    const eventId = await publish(CONCEPT_NOTE_EXPIRED_V1);
    await until(parked.endpointId, 1, (d) => d.attempts === 1);
    for (const [i, wait] of WAITS.entries()) {
      advance(wait * 1.1 + 1_000);
      await until(parked.endpointId, 1, (d) => d.attempts === i + 2);
    }
    const [delivery] = (await deliveries(parked.endpointId, 'parked')).items;
    expect(delivery).toMatchObject({ eventId, status: 'parked', attempts: 8 });
    const times = delivery.log.map((a) => Date.parse(a.at));
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(24 * HOUR);
    expect((await deliveries(parked.endpointId, 'delivered')).total).toBe(0);

    // Failing for as long as a delivery is retried, the endpoint is disabled and the fund admins are told.
    const endpoint = await request(http()).get(`/webhooks/endpoints/${parked.endpointId}`).set(admin).expect(200);
    expect(endpoint.body).toMatchObject({ enabled: false, consecutiveFailures: 8, deliveries: { parked: 1 } });
    const { rows: notices } = await sql.query(
      `SELECT kind, subject, body FROM notifications.notifications WHERE kind = 'webhook-disabled'`,
    );
    expect(notices).toEqual([
      {
        kind: 'webhook-disabled',
        subject: `Webhook endpoint disabled: ${base}/parked`,
        body: expect.stringContaining('failed 8 deliveries in a row'),
      },
    ]);

    // While disabled, new events are kept for it, not sent.
    const later = await publish(CONCEPT_NOTE_EXPIRED_V1);
    await until(parked.endpointId, 2, (d) => d.status === 'parked' || (d.status === 'pending' && d.attempts === 0));
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((r) => r.path === '/parked' && eventOf(r) === later)).toEqual([]);

    // Enabled again and replayed, the receiver being back: both arrive.
    modes['/parked'] = 'ok';
    await request(http())
      .patch(`/webhooks/endpoints/${parked.endpointId}`)
      .set(admin)
      .send({ enabled: true })
      .expect(200);
    const replay = await request(http()).post(`/webhooks/endpoints/${parked.endpointId}/replay`).set(admin).expect(200);
    expect(replay.body).toEqual({ replayed: 1, enabled: true });
    await until(parked.endpointId, 2, (d) => d.status === 'delivered');
    const arrived = verified('/parked', parked.secret).filter((r) => r.answered === 200);
    expect(arrived.map(eventOf).sort()).toEqual([eventId, later].sort());

    // One delivery replayed on request comes again under the same webhook-id.
    const again = await request(http())
      .post(`/webhooks/deliveries/${delivery.deliveryId}/replay`)
      .set(admin)
      .expect(200);
    expect(again.body).toMatchObject({ deliveryId: delivery.deliveryId, status: 'pending', attempts: 0 });
    await until(parked.endpointId, 2, (d) => d.status === 'delivered');
    const twice = verified('/parked', parked.secret).filter((r) => r.answered === 200 && eventOf(r) === eventId);
    expect(twice.map((r) => r.id)).toEqual([delivery.deliveryId, delivery.deliveryId]);
  });

  it('disables an endpoint at once when it answers 410 Gone', async () => {
    modes['/gone'] = 'gone';
    const gone = await register('/gone', [PROJECT_PROPOSAL_WITHDRAWN_V1]);
    await publish(PROJECT_PROPOSAL_WITHDRAWN_V1);
    await until(gone.endpointId, 1, (d) => d.attempts === 1);
    const endpoint = await request(http()).get(`/webhooks/endpoints/${gone.endpointId}`).set(admin).expect(200);
    expect(endpoint.body).toMatchObject({ enabled: false, disabledReason: 'the endpoint answered 410 Gone' });
    await eventually(async () => {
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n FROM notifications.notifications WHERE kind = 'webhook-disabled' AND subject LIKE $1`,
        [`%${base}/gone`],
      );
      return rows[0].n === 1 ? true : undefined;
    });
  });

  it('reports in readiness what integrators are owed, up while the dispatcher keeps up', async () => {
    const res = await request(http()).get('/health/ready');
    expect(res.body.checks.webhooks).toEqual({
      status: 'up',
      late: 0,
      parked: 0,
      disabledEndpoints: 1,
      lastError: null,
    });
  });
});
