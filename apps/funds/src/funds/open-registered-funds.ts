import { Clock, FundPolicies, FundPolicy } from '@fundline/domain';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ACCOUNT_KINDS, accountId, AccountKind } from '../ledger/chart-of-accounts';
import { LedgerAccountRecord } from '../ledger/ledger.entities';
import { FundRecord, FundYearRecord, PocketRecord } from './fund.entities';

/** G1: USD is the reporting currency of every fund. */
const REPORTING_CURRENCY = 'USD';

/**
 * Every fund registered in code exists in the database, as the migrations created the first two: the fund, its
 * pockets, one ledger account per pocket and kind of the chart of accounts, and a first fund year (the current one)
 * for a fund that has none. Runs at every boot and adds only what is missing: a closed fund stays closed, a fund's
 * years stay what the fund admin opened, and the fee column keeps its seed (the policy's fee is the one applied).
 */
@Injectable()
export class OpenRegisteredFunds implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      for (const policy of FundPolicies.all()) await this.open(manager, policy);
    });
  }

  private async open(manager: EntityManager, policy: FundPolicy): Promise<void> {
    await insertMissing(manager, FundRecord, [
      {
        code: policy.code,
        name: policy.name,
        reportingCurrency: REPORTING_CURRENCY,
        status: 'open',
        feeBasisPoints: policy.feeBasisPoints,
        capitalizationTargetMinor: null,
      },
    ]);
    const fund = await manager.findOneOrFail(FundRecord, { where: { code: policy.code } });
    await insertMissing(
      manager,
      PocketRecord,
      policy.pockets.map(({ code, name, kind, thematicArea }) => ({
        fundCode: fund.code,
        code,
        name,
        kind,
        thematicArea,
      })),
    );
    await insertMissing(
      manager,
      LedgerAccountRecord,
      policy.pockets.flatMap((pocket) =>
        (Object.keys(ACCOUNT_KINDS) as AccountKind[]).map((kind) => ({
          id: accountId(fund.code, pocket.code, kind),
          fundCode: fund.code,
          pocketCode: pocket.code,
          kind,
          normalSide: ACCOUNT_KINDS[kind].normal,
          currency: fund.reportingCurrency,
          balanceMinor: '0',
          nonNegative: ACCOUNT_KINDS[kind].nonNegative,
        })),
      ),
    );
    if (!(await manager.exists(FundYearRecord, { where: { fundCode: fund.code } }))) {
      const year = this.clock.now().getUTCFullYear();
      await insertMissing(manager, FundYearRecord, [{ fundCode: fund.code, year }]);
    }
  }
}

/** INSERT … ON CONFLICT DO NOTHING: a row that exists is left as it is. */
async function insertMissing<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  rows: Array<QueryDeepPartialEntity<T>>,
): Promise<void> {
  if (rows.length === 0) return;
  await manager.createQueryBuilder().insert().into(entity).values(rows).orIgnore().execute();
}
