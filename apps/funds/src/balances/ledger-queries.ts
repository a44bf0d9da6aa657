import { Injectable } from '@nestjs/common';
import { Money } from '@fundline/money';
import { DataSource, EntityManager } from 'typeorm';
import { ACCOUNT_KINDS, AccountKind } from '../ledger/chart-of-accounts';
import { LedgerAccountRecord } from '../ledger/ledger.entities';

export interface PocketBalances {
  fundCode: string;
  pocketCode: string;
  currency: string;
  /** One balance per account kind, as decimal strings. */
  accounts: Record<AccountKind, string>;
  /** Funded net of fees, as the finance officer reads it: contributions + income − fees. */
  fundedNetOfFees: string;
  available: string;
}

export interface Reconciliation {
  ok: boolean;
  accountsChecked: number;
  entriesChecked: number;
  /** Accounts whose kept balance differs from the sum of their lines. */
  accountDifferences: Array<{ accountId: string; kept: string; fromEntries: string }>;
  unbalancedEntries: Array<{ entryId: string; debitsMinusCredits: string }>;
  /** Pockets where the memorandum control account and cash, or cash and available + committed, disagree. */
  pocketDifferences: Array<{ fundCode: string; pocketCode: string; check: string; left: string; right: string }>;
}

/** Balances and the reconciliation that proves them: every figure here is derivable from the journal lines. */
@Injectable()
export class LedgerQueries {
  constructor(private readonly dataSource: DataSource) {}

  async balances(fundCode?: string, manager: EntityManager = this.dataSource.manager): Promise<PocketBalances[]> {
    const accounts = await manager.find(LedgerAccountRecord, {
      where: fundCode ? { fundCode } : {},
      order: { fundCode: 'ASC', pocketCode: 'ASC' },
    });
    const pockets = new Map<string, LedgerAccountRecord[]>();
    for (const a of accounts)
      pockets.set(`${a.fundCode}:${a.pocketCode}`, [...(pockets.get(`${a.fundCode}:${a.pocketCode}`) ?? []), a]);
    return [...pockets.values()].map((rows) => {
      const currency = rows[0].currency;
      const minor = Object.fromEntries(rows.map((r) => [r.kind, BigInt(r.balanceMinor)])) as Record<
        AccountKind,
        bigint
      >;
      const money = (m: bigint) => Money.ofMinor(m, currency).toDecimalString();
      return {
        fundCode: rows[0].fundCode,
        pocketCode: rows[0].pocketCode,
        currency,
        accounts: Object.fromEntries(
          (Object.keys(ACCOUNT_KINDS) as AccountKind[]).map((k) => [k, money(minor[k] ?? 0n)]),
        ) as Record<AccountKind, string>,
        fundedNetOfFees: money(minor.contributions + minor.income - minor.fees),
        available: money(minor.available),
      };
    });
  }

  async reconcile(manager: EntityManager = this.dataSource.manager): Promise<Reconciliation> {
    const accountDifferences = (await manager.query(`
      SELECT a.id AS "accountId", a.balance_minor::text AS kept, coalesce(sum(
        CASE WHEN l.side = a.normal_side THEN l.amount_minor ELSE -l.amount_minor END), 0)::text AS "fromEntries"
      FROM "funds"."ledger_accounts" a LEFT JOIN "funds"."journal_lines" l ON l.account_id = a.id
      GROUP BY a.id HAVING a.balance_minor <> coalesce(sum(
        CASE WHEN l.side = a.normal_side THEN l.amount_minor ELSE -l.amount_minor END), 0)`)) as Reconciliation['accountDifferences'];
    const unbalancedEntries = (await manager.query(`
      SELECT e.id AS "entryId", coalesce(sum(CASE WHEN l.side = 'debit' THEN l.amount_minor ELSE -l.amount_minor END), 0)::text
        AS "debitsMinusCredits"
      FROM "funds"."journal_entries" e LEFT JOIN "funds"."journal_lines" l ON l.entry_id = e.id
      GROUP BY e.id HAVING count(l.id) < 2 OR sum(CASE WHEN l.side = 'debit' THEN l.amount_minor ELSE -l.amount_minor END) <> 0`)) as Reconciliation['unbalancedEntries'];
    const pocketDifferences = (await manager.query(`
      WITH p AS (
        SELECT fund_code, pocket_code,
          sum(balance_minor) FILTER (WHERE kind = 'cash') AS cash,
          sum(balance_minor) FILTER (WHERE kind = 'control') AS control,
          sum(balance_minor) FILTER (WHERE kind IN ('available', 'committed')) AS held
        FROM "funds"."ledger_accounts" GROUP BY fund_code, pocket_code)
      SELECT fund_code AS "fundCode", pocket_code AS "pocketCode", 'cash = control' AS check, cash::text AS left, control::text AS right
        FROM p WHERE cash <> control
      UNION ALL
      SELECT fund_code, pocket_code, 'cash = available + committed', cash::text, held::text FROM p WHERE cash <> held`)) as Reconciliation['pocketDifferences'];
    const [{ accounts, entries }] = (await manager.query(`
      SELECT (SELECT count(*) FROM "funds"."ledger_accounts")::int AS accounts,
             (SELECT count(*) FROM "funds"."journal_entries")::int AS entries`)) as Array<{
      accounts: number;
      entries: number;
    }>;
    return {
      ok: accountDifferences.length === 0 && unbalancedEntries.length === 0 && pocketDifferences.length === 0,
      accountsChecked: accounts,
      entriesChecked: entries,
      accountDifferences,
      unbalancedEntries,
      pocketDifferences,
    };
  }
}
