import { randomUUID } from 'node:crypto';
import { bearer } from '@fundline/testing';
import request from 'supertest';

type Server = Parameters<typeof request>[0];

/** A finance officer's money-moving POST, with a fresh idempotency key unless one is given. */
export function financePost(server: Server, path: string, body: object, key: string = randomUUID()) {
  return request(server).post(path).set(bearer('finance-officer')).set('Idempotency-Key', key).send(body);
}

export async function aDonor(server: Server, name = 'Government of Germany'): Promise<string> {
  const res = await request(server)
    .post('/contributions/donors')
    .set(bearer('finance-officer'))
    .send({ name, type: 'member-state', country: 'DEU' })
    .expect(201);
  return res.body.id as string;
}

export function aDeposit(donorId: string, overrides: Record<string, unknown> = {}) {
  return {
    donorId,
    fundCode: 'MIGRATION_MPTF',
    pocketCode: 'UNEARMARKED',
    amount: { amount: '100000.00', currency: 'USD' },
    usdRate: '1',
    depositDate: '2026-11-20',
    ...overrides,
  };
}
