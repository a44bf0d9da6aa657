import { serviceConfigFromEnv } from '@fundline/http';
import { bearer, connect } from '@fundline/testing';
import { Client } from 'pg';
import request from 'supertest';
import { FundlineSystem } from '../support/fundline-system';

describe('oversized bodies and abusive request rates are limited, as configured', () => {
  let system: FundlineSystem;
  let db: Client;

  beforeAll(async () => {
    system = await FundlineSystem.start({ funds: { bodyLimit: '2kb', rateLimit: { perSecond: 2, burst: 5 } } });
    db = await connect(system.db.url);
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  it('refuses a body over HTTP_BODY_LIMIT with 413 problem+json and records nothing', async () => {
    const donors = async () => (await db.query('SELECT count(*)::int AS n FROM funds.donors')).rows[0].n as number;
    const before = await donors();
    const res = await request(system.http('funds'))
      .post('/contributions/donors')
      .set(bearer('finance-officer'))
      .send({ name: 'x'.repeat(3000), type: 'member-state', country: 'DEU' });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await donors()).toBe(before);
  });

  it('answers a client over RATE_LIMIT_PER_SECOND with 429 problem+json and Retry-After', async () => {
    await new Promise((r) => setTimeout(r, 3000)); // the bucket refills after the test above
    const answers = [];
    for (let i = 0; i < 12; i++)
      answers.push(await request(system.http('funds')).get('/funds').set(bearer('fund-admin')));
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.slice(0, 5).every((a) => a.status === 200)).toBe(true);
    expect(limited.length).toBeGreaterThanOrEqual(6);
    expect(limited[0].headers['retry-after']).toMatch(/^\d+$/);
    expect(limited[0].headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited[0].body).toMatchObject({ status: 429, errors: [{ rule: 'rate-limit', limit: 2 }] });
    // The other services keep their own (here unlimited) budget.
    expect((await request(system.http('concepts')).get('/health')).status).toBe(200);
  });

  it('reads the limits from the environment, with generous defaults', () => {
    const env = { KAFKA_BROKERS: 'k:9092', JWT_SECRET: 's' };
    expect(serviceConfigFromEnv(env, 1).rateLimit).toEqual({ perSecond: 1000, burst: 2000 });
    expect(serviceConfigFromEnv({ ...env, RATE_LIMIT_PER_SECOND: '50', RATE_LIMIT_BURST: '60' }, 1).rateLimit).toEqual({
      perSecond: 50,
      burst: 60,
    });
    expect(() => serviceConfigFromEnv({ ...env, RATE_LIMIT_PER_SECOND: 'lots' }, 1)).toThrow(/RATE_LIMIT_PER_SECOND/);
  });
});
