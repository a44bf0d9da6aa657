import { randomUUID } from 'node:crypto';
import { Actor } from '@fundline/contracts';
import { SystemClock } from '@fundline/domain';
import { OutboxMessage, ProcessedEvent } from '@fundline/messaging';
import { ensureSchema, IdempotencyRecord, runIdempotent } from '@fundline/persistence';
import { createTestDatabase, TestDatabase } from '@fundline/testing';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { LedgerQueries } from '../balances/ledger-queries';
import { FundRecord, FundYearRecord, PocketRecord } from '../funds/fund.entities';
import { FundsSchema1763800000000 } from '../migrations/1763800000000-funds-schema';
import { LedgerAndContributions1763900000000 } from '../migrations/1763900000000-ledger-and-contributions';
import { accountId, PocketRef } from './chart-of-accounts';
import { JournalEntry, POSTINGS } from './journal-entry';
import { JournalEntryRecord, JournalLineRecord, LedgerAccountRecord } from './ledger.entities';
import { LedgerService } from './ledger.service';

const actor: Actor = { userId: 'property-test', role: 'finance-officer' };
const POCKETS: PocketRef[] = [
  { fundCode: 'FUND_1035', pocketCode: 'LINE_1' },
  { fundCode: 'FUND_1035', pocketCode: 'LINE_2' },
  { fundCode: 'MIGRATION_MPTF', pocketCode: 'UNEARMARKED' },
  { fundCode: 'MIGRATION_MPTF', pocketCode: 'THEMATIC_2' },
];

type Operation =
  | { kind: 'receipt'; pocket: number; amountMinor: bigint; source: 'contributions' | 'income' | 'refunds' }
  | { kind: 'fee' | 'commitment' | 'transfer'; pocket: number; amountMinor: bigint }
  | { kind: 'unbalanced'; pocket: number; amountMinor: bigint }
  | { kind: 'reverse-last' };

const amount = fc.bigInt({ min: 1n, max: 5_000_000_00n });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('receipt' as const),
    pocket: fc.nat(POCKETS.length - 1),
    amountMinor: amount,
    source: fc.constantFrom('contributions' as const, 'income' as const, 'refunds' as const),
  }),
  fc.record({
    kind: fc.constantFrom('fee' as const, 'commitment' as const, 'transfer' as const),
    pocket: fc.nat(POCKETS.length - 1),
    amountMinor: amount,
  }),
  fc.record({ kind: fc.constant('unbalanced' as const), pocket: fc.nat(POCKETS.length - 1), amountMinor: amount }),
  fc.constant({ kind: 'reverse-last' as const }),
);

describe('the ledger under random operations (property-based, real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let ledger: LedgerService;
  let queries: LedgerQueries;

  beforeAll(async () => {
    db = await createTestDatabase();
    await ensureSchema(db.url, 'funds');
    dataSource = new DataSource({
      type: 'postgres',
      url: db.url,
      schema: 'funds',
      entities: [
        OutboxMessage,
        ProcessedEvent,
        IdempotencyRecord,
        FundRecord,
        FundYearRecord,
        PocketRecord,
        LedgerAccountRecord,
        JournalEntryRecord,
        JournalLineRecord,
      ],
      migrations: [FundsSchema1763800000000, LedgerAndContributions1763900000000],
      migrationsRun: true,
      synchronize: false,
      extra: { max: 30 },
    });
    await dataSource.initialize();
    ledger = new LedgerService(new SystemClock());
    queries = new LedgerQueries(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  function entryFor(op: Exclude<Operation, { kind: 'reverse-last' }>): JournalEntry {
    const pocket = POCKETS[op.pocket];
    const lines =
      op.kind === 'receipt'
        ? POSTINGS.receipt(pocket, op.amountMinor, op.source)
        : op.kind === 'unbalanced'
          ? [
              {
                accountId: accountId(pocket.fundCode, pocket.pocketCode, 'cash'),
                side: 'debit' as const,
                amountMinor: op.amountMinor,
              },
              {
                accountId: accountId(pocket.fundCode, pocket.pocketCode, 'available'),
                side: 'credit' as const,
                amountMinor: op.amountMinor + 1n,
              },
            ]
          : POSTINGS[op.kind](pocket, op.amountMinor);
    return JournalEntry.create({
      fundCode: pocket.fundCode,
      type: `test.${op.kind}`,
      currency: 'USD',
      reference: { type: 'property-test', id: randomUUID() },
      description: op.kind,
      lines,
    });
  }

  async function assertInvariants() {
    const reconciliation = await queries.reconcile();
    expect(reconciliation.accountDifferences).toEqual([]);
    expect(reconciliation.unbalancedEntries).toEqual([]);
    expect(reconciliation.pocketDifferences).toEqual([]);
    for (const pocket of await queries.balances()) {
      for (const kind of ['cash', 'available', 'committed'] as const) {
        expect(pocket.accounts[kind].startsWith('-')).toBe(false);
      }
    }
  }

  it('G2 keeps every entry balanced, the reconciliation clean and no available balance negative, after each of thousands of operations', async () => {
    const posted: JournalEntry[] = [];
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 20, maxLength: 40 }), async (operations) => {
        for (const op of operations) {
          try {
            const entry =
              op.kind === 'reverse-last'
                ? posted.pop()?.reversing('correction', { type: 'property-test', id: randomUUID() })
                : entryFor(op);
            if (!entry) continue;
            await dataSource.transaction((manager) => ledger.post(manager, entry, { actor, correlationId: 'p' }));
            if (op.kind !== 'reverse-last') posted.push(entry);
            accepted++;
          } catch (error) {
            if (
              !(error instanceof Error) ||
              !/LEDGER|DomainError/.test(`${error.name} ${(error as { code?: string }).code}`)
            ) {
              throw error;
            }
            refused++;
          }
          await assertInvariants();
        }
      }),
      { numRuns: 60, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
    expect(accepted + refused).toBeGreaterThanOrEqual(1_000);
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  }, 300_000);

  it('G5 lets 200 concurrent postings against one pocket never overdraw it, and the ledger stays balanced', async () => {
    const pocket: PocketRef = { fundCode: 'MIGRATION_MPTF', pocketCode: 'THEMATIC_5' };
    const available = accountId(pocket.fundCode, pocket.pocketCode, 'available');
    await dataSource.transaction((manager) =>
      ledger.post(
        manager,
        JournalEntry.create({
          fundCode: pocket.fundCode,
          type: 'test.receipt',
          currency: 'USD',
          reference: { type: 'property-test', id: randomUUID() },
          description: 'funding for the race',
          lines: POSTINGS.receipt(pocket, 1_000_000_00n, 'contributions'),
        }),
        { actor, correlationId: 'race' },
      ),
    );
    // 200 commitments of USD 7,500 race for USD 1,000,000: at most 133 fit.
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        dataSource.transaction((manager) =>
          ledger.post(
            manager,
            JournalEntry.create({
              fundCode: pocket.fundCode,
              type: 'test.commitment',
              currency: 'USD',
              reference: { type: 'property-test', id: randomUUID() },
              description: 'racing commitment',
              lines: POSTINGS.commitment(pocket, 7_500_00n),
            }),
            { actor, correlationId: 'race' },
          ),
        ),
      ),
    );
    const accepted = results.filter((r) => r.status === 'fulfilled').length;
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(accepted).toBe(133);
    expect(refusals.every((r) => (r.reason as { code?: string }).code === 'LEDGER.INSUFFICIENT_BALANCE')).toBe(true);
    const account = await dataSource.manager.findOneByOrFail(LedgerAccountRecord, { id: available });
    expect(account.balanceMinor).toBe(String(1_000_000_00n - 133n * 7_500_00n));
    await assertInvariants();
  }, 120_000);

  it('answers a request whose idempotency key is still in flight with a conflict, and runs it once', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let runs = 0;
    const request = { scope: 'test POST /x', key: randomUUID(), body: { a: 1 } };
    const first = runIdempotent(dataSource, request, async () => {
      runs++;
      await held;
      return { status: 201, body: { done: true } };
    });
    await new Promise((r) => setTimeout(r, 200));
    await expect(
      runIdempotent(dataSource, request, async () => {
        runs++;
        return { status: 201, body: { done: true } };
      }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY.IN_FLIGHT', kind: 'conflict' });
    release();
    await expect(first).resolves.toMatchObject({ status: 201, replayed: false });
    await expect(runIdempotent(dataSource, request, async () => ({ status: 500, body: {} }))).resolves.toMatchObject({
      status: 201,
      body: { done: true },
      replayed: true,
    });
    expect(runs).toBe(1);
  });

  it('G2 posts a closure’s release and refund in one transaction while transfers race on the same pocket, without deadlock', async () => {
    const pocket: PocketRef = { fundCode: 'MIGRATION_MPTF', pocketCode: 'THEMATIC_3' };
    const entry = (type: string, lines: ReturnType<typeof POSTINGS.release>) =>
      JournalEntry.create({
        fundCode: pocket.fundCode,
        type,
        currency: 'USD',
        reference: { type: 'property-test', id: randomUUID() },
        description: type,
        lines,
      });
    const context = { actor, correlationId: 'closures' };
    await dataSource.transaction((manager) =>
      ledger.postAll(
        manager,
        [
          entry('test.receipt', POSTINGS.receipt(pocket, 10_000_000_00n, 'contributions')),
          entry('test.commitment', POSTINGS.commitment(pocket, 5_000_000_00n)),
        ],
        context,
      ),
    );
    // A closure releases what was never transferred and takes back a refund; the transfers need the same accounts.
    const closures = Array.from({ length: 30 }, () =>
      dataSource.transaction((manager) =>
        ledger.postAll(
          manager,
          [
            entry('test.release', POSTINGS.release(pocket, 50_000_00n)),
            entry('test.refund', POSTINGS.receipt(pocket, 10_000_00n, 'refunds')),
          ],
          context,
        ),
      ),
    );
    const transfers = Array.from({ length: 60 }, () =>
      dataSource.transaction((manager) =>
        ledger.post(manager, entry('test.transfer', POSTINGS.transfer(pocket, 10_000_00n)), context),
      ),
    );
    const results = await Promise.allSettled([...closures, ...transfers]);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failures.map((f) => String((f.reason as Error).message))).toEqual([]);
    const committed = await dataSource.manager.findOneByOrFail(LedgerAccountRecord, {
      id: accountId(pocket.fundCode, pocket.pocketCode, 'committed'),
    });
    expect(committed.balanceMinor).toBe(String(5_000_000_00n - 30n * 50_000_00n - 60n * 10_000_00n));
    await assertInvariants();
  }, 120_000);
});
