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

export const usd = (amount: string) => ({ amount, currency: 'USD' });

/** A deposit recorded by a finance officer (see aDeposit for what it defaults to). */
export const deposit = (server: Server, donorId: string, overrides: Record<string, unknown> = {}) =>
  financePost(server, '/contributions/deposits', aDeposit(donorId, overrides)).expect(201);

/**
 * Funds both Fund 1035 lines for a fund year (F9): Line 1 its annual allocation, Line 2 25% of the discretionary income
 * above the USD 20.5 million estimate, within a miscellaneous income of 10,000,000.00 and no voluntary contributions.
 */
export const fundCreditLines = (server: Server, year: number, line1: string, discretionary: string) =>
  financePost(server, '/funds/FUND_1035/credit-line-funding', {
    year,
    line1AnnualAllocation: usd(line1),
    discretionaryIncome: usd(discretionary),
    miscellaneousIncome: usd('10000000.00'),
    directVoluntaryContributions: usd('0.00'),
  }).expect(201);

/** A finance officer's step on an allocation (transfers, expenditures, close), expected to succeed. */
export const allocationStep = (server: Server, allocationId: string, step: string, body: object) =>
  financePost(server, `/allocations/${allocationId}/${step}`, body).expect(200);

/** Interest received on the Migration MPTF's unearmarked money. */
export const interestIncome = (server: Server, amount: string, receivedOn: string) =>
  financePost(server, '/funds/MIGRATION_MPTF/pockets/UNEARMARKED/income', {
    kind: 'interest',
    amount: usd(amount),
    receivedOn,
    description: 'Interest, November 2026',
  }).expect(201);
