import { randomUUID } from 'node:crypto';
import { Actor, LEDGER_ENTRY_POSTED_V1, LedgerEntryPostedV1 } from '@fundline/contracts';
import { Clock, DomainError } from '@fundline/domain';
import { appendToOutbox, envelopeFor } from '@fundline/messaging';
import { maxMinor, Money } from '@fundline/money';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AccountKind } from './chart-of-accounts';
import { applyLine, JournalEntry } from './journal-entry';
import { JournalEntryRecord, JournalLineRecord, LedgerAccountRecord } from './ledger.entities';

export interface PostedEntry {
  entryId: string;
  balances: Record<string, bigint>;
}

/**
 * Posts journal entries. Every posting locks the accounts it touches in one fixed order (by id), so concurrent
 * postings queue instead of deadlocking, and checks each balance that must not go negative before writing; the
 * database checks it again (a CHECK constraint) and checks that every entry balances when the transaction commits.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly clock: Clock) {}

  /**
   * Posts several entries in the caller's transaction, locking the union of their accounts first, in id order.
   * Locking each entry's accounts in turn could interleave with another transaction's order and deadlock (a closure's
   * release then refund against a transfer on the same pocket did).
   */
  async postAll(
    manager: EntityManager,
    entries: readonly JournalEntry[],
    context: { actor: Actor; correlationId: string },
  ): Promise<PostedEntry[]> {
    await this.lock(
      manager,
      entries.flatMap((e) => e.lines.map((l) => l.accountId)),
    );
    const posted: PostedEntry[] = [];
    for (const entry of entries) posted.push(await this.post(manager, entry, context));
    return posted;
  }

  private lock(manager: EntityManager, accountIds: readonly string[]): Promise<LedgerAccountRecord[]> {
    return manager
      .createQueryBuilder(LedgerAccountRecord, 'a')
      .setLock('pessimistic_write')
      .where({ id: In([...new Set(accountIds)].sort()) })
      .orderBy('a.id', 'ASC')
      .getMany();
  }

  async post(
    manager: EntityManager,
    entry: JournalEntry,
    context: { actor: Actor; correlationId: string },
  ): Promise<PostedEntry> {
    const input = entry.input;
    const ids = [...new Set(entry.lines.map((l) => l.accountId))].sort();
    const byId = new Map((await this.lock(manager, ids)).map((a) => [a.id, a]));
    const balances: Record<string, bigint> = {};
    for (const id of ids) {
      const account = byId.get(id);
      if (!account)
        throw new DomainError('LEDGER.UNKNOWN_ACCOUNT', `no ledger account ${id}`, 'not-found', [], { account: id });
      if (account.currency !== input.currency) {
        throw DomainError.invalid(
          'LEDGER.CURRENCY_MISMATCH',
          [{ rule: 'G2', message: `account ${id} is in ${account.currency}, the entry in ${input.currency}` }],
          'invalid',
          { account: id, accountCurrency: account.currency, currency: input.currency },
        );
      }
      balances[id] = BigInt(account.balanceMinor);
    }
    for (const line of entry.lines) {
      const kind = byId.get(line.accountId)!.kind as AccountKind;
      balances[line.accountId] = applyLine(balances[line.accountId], kind, line);
    }
    for (const id of ids) {
      const account = byId.get(id)!;
      // Amounts are unbounded bigints in the domain; events and reports carry at most MAX_WHOLE_DIGITS whole units.
      const max = maxMinor(account.currency);
      if (balances[id] > max || balances[id] < -max) {
        const limit = Money.ofMinor(max, account.currency).toDecimalString();
        throw new DomainError(
          'LEDGER.AMOUNT_TOO_LARGE',
          `this movement would take ${id} beyond ${limit} ${account.currency}, the most an amount can be`,
          'invalid',
          [{ field: 'amount', rule: 'G1', message: `too large for ${id}`, limit }],
          { account: id, limit, currency: account.currency },
        );
      }
      if (account.nonNegative && balances[id] < 0n) {
        const before = Money.ofMinor(BigInt(account.balanceMinor), account.currency);
        throw new DomainError(
          'LEDGER.INSUFFICIENT_BALANCE',
          `${id} holds ${before.toDecimalString()} ${account.currency}; this movement would take it below zero`,
          'invalid',
          [{ field: 'amount', rule: 'G5', message: `not enough on ${id}`, limit: before.toDecimalString() }],
          { account: id, balance: before.toDecimalString(), currency: account.currency },
        );
      }
    }

    const entryId = randomUUID();
    const postedAt = this.clock.now();
    await manager.insert(JournalEntryRecord, {
      id: entryId,
      fundCode: input.fundCode,
      type: input.type,
      currency: input.currency,
      referenceType: input.reference.type,
      referenceId: input.reference.id,
      description: input.description,
      reversesEntryId: input.reversesEntryId ?? null,
      postedAt,
      actorUserId: context.actor.userId,
      actorRole: context.actor.role,
      correlationId: context.correlationId,
    });
    await manager.insert(
      JournalLineRecord,
      entry.lines.map((l) => ({
        entryId,
        accountId: l.accountId,
        side: l.side,
        amountMinor: l.amountMinor.toString(),
      })),
    );
    const [schema, table] = manager.connection.getMetadata(LedgerAccountRecord).tablePath.split('.');
    await manager.query(
      `UPDATE "${schema}"."${table}" AS a SET "balance_minor" = v.balance
       FROM unnest($1::text[], $2::bigint[]) AS v(id, balance) WHERE a.id = v.id`,
      [ids, ids.map((id) => balances[id].toString())],
    );
    await appendToOutbox(manager, [
      envelopeFor<LedgerEntryPostedV1>({
        type: LEDGER_ENTRY_POSTED_V1,
        aggregateId: input.fundCode,
        actor: context.actor,
        correlationId: context.correlationId,
        occurredAt: postedAt,
        payload: {
          entryId,
          fundCode: input.fundCode,
          type: input.type,
          reference: input.reference,
          description: input.description,
          postedAt: postedAt.toISOString(),
          lines: entry.lines.map((l) => {
            const account = byId.get(l.accountId)!;
            return {
              accountId: l.accountId,
              pocketCode: account.pocketCode,
              kind: account.kind,
              side: l.side,
              amount: Money.ofMinor(l.amountMinor, input.currency).toJSON(),
            };
          }),
        },
      }),
    ]);
    return { entryId, balances };
  }
}
