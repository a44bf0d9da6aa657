import { DomainError } from '@fundline/domain';
import { EntityManager } from 'typeorm';
import { FundRecord, PocketRecord } from './fund.entities';
import { assertOpenForMoney } from './fund.rules';

/**
 * Loads a fund for a movement of money, sharing a lock on its row so it cannot be closed by a concurrent request
 * while the movement commits; refuses a closed fund and a pocket the fund does not have.
 */
export async function openFundAndPocket(
  manager: EntityManager,
  fundCode: string,
  pocketCode: string,
): Promise<{ fund: FundRecord; pocket: PocketRecord }> {
  const fund = await manager.findOne(FundRecord, { where: { code: fundCode }, lock: { mode: 'pessimistic_read' } });
  if (!fund) {
    throw DomainError.invalid(
      'FUND.UNKNOWN',
      [{ field: 'fundCode', rule: 'F2', message: `no fund ${fundCode}` }],
      'malformed',
      { fundCode },
    );
  }
  assertOpenForMoney(fund);
  const pocket = await manager.findOne(PocketRecord, { where: { fundCode, code: pocketCode } });
  if (!pocket) {
    throw DomainError.invalid(
      'FUND.UNKNOWN_POCKET',
      [{ field: 'pocketCode', rule: 'F2', message: `fund ${fundCode} has no pocket ${pocketCode}` }],
      'malformed',
      { fundCode, pocketCode },
    );
  }
  return { fund, pocket };
}
