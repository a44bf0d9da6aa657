import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bearer, connect, eventually } from '@fundline/testing';
import { Client } from 'pg';
import request from 'supertest';
import { DecisionSteps } from '../support/decision-steps';
import { FundlineSystem, SERVICES } from '../support/fundline-system';
import { freePort, RunningBroker, startBroker } from '../support/kafka-broker';

/** How long the broker stays away: longer than a consumer session (10 s), as in the acceptance run (~36 s). */
const OUTAGE_MS = Number(process.env.BROKER_OUTAGE_MS ?? 15_000);

/**
 * The broker goes while every service stays up (issue 11, finding 1): readiness must say so (503, kafka named), and
 * once it is back, every consumer must be running again and new work must flow through all three services.
 */
describe('a broker outage while the services stay up', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundline-outage-kafka-'));
  let broker: RunningBroker;
  let ports: { port: number; controllerPort: number };
  let system: FundlineSystem;
  let db: Client;
  let steps: DecisionSteps;

  const readiness = async (service: (typeof SERVICES)[number]) => {
    const res = await request(system.http(service)).get('/health/ready');
    return { status: res.status, type: String(res.headers['content-type']), body: res.body };
  };

  beforeAll(async () => {
    const port = await freePort();
    ports = { port, controllerPort: port + 1 };
    broker = await startBroker({ ...ports, dataDir });
    const brokers = { kafkaBrokers: [broker.brokers] };
    system = await FundlineSystem.start({ concepts: brokers, funds: brokers, reporting: brokers });
    db = await connect(system.db.url);
    steps = new DecisionSteps(system, db);
    await steps.fundTheLines();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await system?.stop();
    await broker?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 200 with every check up, the consumer running and its lag, before the outage', async () => {
    for (const service of SERVICES) {
      const ready = await eventually(async () => {
        const r = await readiness(service);
        return r.status === 200 ? r : undefined;
      }, 30_000);
      expect(ready.body).toMatchObject({
        status: 'ready',
        checks: {
          postgres: { status: 'up' },
          kafka: { status: 'up' },
          consumer: { status: 'up', state: 'running', lag: expect.any(Number) },
        },
      });
    }
  });

  it('says 503 naming the consumer when it is down, not 200', async () => {
    await system.stopConsumer('reporting');
    try {
      const r = await readiness('reporting');
      expect(r.status).toBe(503);
      expect(r.type).toMatch(/application\/problem\+json/);
      expect(r.body).toMatchObject({
        code: 'HEALTH.NOT_READY',
        checks: { consumer: { status: 'down', state: 'stopped' }, kafka: { status: 'up' } },
      });
    } finally {
      await system.startConsumer('reporting');
    }
  });

  it('G4 says 503 naming kafka during the outage, then every consumer comes back and new work flows end to end', async () => {
    await broker.stop();
    const during = await Promise.all(SERVICES.map((s) => readiness(s)));
    for (const r of during) {
      expect(r.status).toBe(503);
      expect(r.type).toMatch(/application\/problem\+json/);
      expect(r.body).toMatchObject({ code: 'HEALTH.NOT_READY', checks: { kafka: { status: 'down' } } });
    }
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    broker = await startBroker({ ...ports, dataDir });

    for (const service of SERVICES) {
      await eventually(async () => ((await readiness(service)).status === 200 ? true : undefined), 90_000, service);
    }
    // New work through every consumer: concepts → funds (the pipeline replica), funds → concepts (the approval),
    // both → reporting (the read model).
    const id = await steps.inFundsPipeline('KEN', 60_000);
    const sessionId = await steps.sessionFor([id]);
    await steps.approve(sessionId, id, 1).expect(201);
    const seen = await eventually(
      async () => {
        const concept = await request(system.http('concepts')).get(`/concepts/${id}`).set(bearer('fund-admin'));
        const reported = await request(system.http('reporting')).get(`/pipeline/${id}`).set(bearer('fund-admin'));
        return concept.body.status === 'approved' && reported.body.status === 'approved'
          ? { concepts: concept.body.status, reporting: reported.body.status }
          : undefined;
      },
      60_000,
      'the approval in concepts and in the read model',
    );
    expect(seen).toEqual({ concepts: 'approved', reporting: 'approved' });
  }, 240_000);
});
