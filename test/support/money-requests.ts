import { randomUUID } from 'node:crypto';
import { bearer } from '@fundline/testing';
import request from 'supertest';
import { creditLineFunding, deposit as depositBody, donor, usd } from '../../infra/workload/requests';

export { usd };

type Server = Parameters<typeof request>[0];

/** A finance officer's money-moving POST, with a fresh idempotency key unless one is given. */
export function financePost(server: Server, path: string, body: object, key: string = randomUUID()) {
  return request(server).post(path).set(bearer('finance-officer')).set('Idempotency-Key', key).send(body);
}

export async function aDonor(server: Server, name = 'Government of Germany'): Promise<string> {
  const res = await request(server)
    .post('/contributions/donors')
    .set(bearer('finance-officer'))
    .send(donor(name))
    .expect(201);
  return res.body.id as string;
}

export function aDeposit(donorId: string, overrides: Record<string, unknown> = {}) {
  return {
    ...depositBody({ donorId, fundCode: 'MIGRATION_MPTF', pocketCode: 'UNEARMARKED', amount: usd('100000.00') }),
    ...overrides,
  };
}

/** A deposit recorded by a finance officer (see aDeposit for what it defaults to). */
export const deposit = (server: Server, donorId: string, overrides: Record<string, unknown> = {}) =>
  financePost(server, '/contributions/deposits', aDeposit(donorId, overrides)).expect(201);

/**
 * Funds both Fund 1035 lines for a fund year (F9): Line 1 its annual allocation, Line 2 25% of the discretionary income
 * above the USD 20.5 million estimate, within a miscellaneous income of 10,000,000.00 and no voluntary contributions.
 */
export const fundCreditLines = (server: Server, year: number, line1: string, discretionary: string) =>
  financePost(
    server,
    '/funds/FUND_1035/credit-line-funding',
    creditLineFunding({
      year,
      line1: usd(line1),
      discretionary: usd(discretionary),
      miscellaneous: usd('10000000.00'),
    }),
  ).expect(201);

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
