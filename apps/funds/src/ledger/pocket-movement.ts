import { randomUUID } from 'node:crypto';
import { Actor } from '@fundline/contracts';
import { MoneyDto } from '@fundline/http';
import { OutboxRelay } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { IdempotentResult, runIdempotent } from '@fundline/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { PocketRecord } from '../funds/fund.entities';
import { openFundAndPocket } from '../funds/fund-guard';
import { assertReportingCurrency } from '../funds/fund.rules';

export interface PocketMovementRequest {
  actor: Actor;
  correlationId: string;
  idempotencyKey: string;
  fundCode: string;
  pocketCode: string;
  /** The last segment of the route under the pocket: it scopes the Idempotency-Key. */
  route: string;
  /** Error code prefix of the command (`INCOME`, `FUND_COST`). */
  code: string;
  body: { amount: MoneyDto };
}

export interface PocketMovement {
  manager: EntityManager;
  pocket: PocketRecord;
  amount: Money;
  id: string;
}

/**
 * The frame of a movement between a pocket and the outside world (income in, a cost out): once per Idempotency-Key,
 * on an open fund and an existing pocket, in the fund's reporting currency (G1); `post` writes the entry and says what
 * to answer, all in one transaction.
 */
export async function recordPocketMovement<T extends object>(
  dataSource: DataSource,
  relay: OutboxRelay | undefined,
  request: PocketMovementRequest,
  post: (movement: PocketMovement) => Promise<T>,
): Promise<IdempotentResult<T>> {
  const { actor, fundCode, pocketCode, body } = request;
  const scope = `${actor.userId} POST /funds/${fundCode}/pockets/${pocketCode}/${request.route}`;
  const result = await runIdempotent<T>(dataSource, { scope, key: request.idempotencyKey, body }, async (manager) => {
    const { fund, pocket } = await openFundAndPocket(manager, fundCode, pocketCode);
    const amount = body.amount.toMoney();
    assertReportingCurrency(fund, amount, request.code);
    return { status: 201, body: await post({ manager, pocket, amount, id: randomUUID() }) };
  });
  relay?.nudge();
  return result;
}
