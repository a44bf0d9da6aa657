import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'ledger_accounts' })
export class LedgerAccountRecord {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'fund_code' })
  fundCode: string;

  @Column('text', { name: 'pocket_code' })
  pocketCode: string;

  @Column('text')
  kind: string;

  @Column('text', { name: 'normal_side' })
  normalSide: string;

  @Column('char', { length: 3 })
  currency: string;

  /** A cached balance, updated in the transaction that posts each line; the lines are the truth (reconciliation). */
  @Column('bigint', { name: 'balance_minor' })
  balanceMinor: string;

  @Column('boolean', { name: 'non_negative' })
  nonNegative: boolean;
}

@Entity({ name: 'journal_entries' })
export class JournalEntryRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  sequence: string;

  @Column('text', { name: 'fund_code' })
  fundCode: string;

  @Column('text')
  type: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text', { name: 'reference_type' })
  referenceType: string;

  @Column('text', { name: 'reference_id' })
  referenceId: string;

  @Column('text')
  description: string;

  @Column('uuid', { name: 'reverses_entry_id', nullable: true })
  reversesEntryId: string | null;

  @Column('timestamptz', { name: 'posted_at' })
  postedAt: Date;

  @Column('text', { name: 'actor_user_id' })
  actorUserId: string;

  @Column('text', { name: 'actor_role' })
  actorRole: string;

  @Column('text', { name: 'correlation_id' })
  correlationId: string;
}

@Entity({ name: 'journal_lines' })
export class JournalLineRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'entry_id' })
  entryId: string;

  @Column('text', { name: 'account_id' })
  accountId: string;

  @Column('text')
  side: string;

  @Column('bigint', { name: 'amount_minor' })
  amountMinor: string;
}
