import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'allocations' })
export class AllocationRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'concept_id' }) conceptId: string;
  @Column('text', { name: 'fund_code' }) fundCode: string;
  @Column('text', { name: 'pocket_code' }) pocketCode: string;
  @Column('int', { name: 'credit_line', nullable: true }) creditLine: number | null;
  @Column('bigint', { name: 'amount_minor' }) amountMinor: string;
  @Column('text') status: string;
  @Column('date', { name: 'start_date' }) startDate: string;
  @Column('date', { name: 'end_date' }) endDate: string;
  @Column('jsonb') shares: Array<{
    organisation: string;
    approvedMinor: string;
    transferredMinor: string;
    spentByYear: Record<string, string>;
  }>;
  /** The budget by organisation and category (issue 14), amounts in minor units. */
  @Column('jsonb') budget: Array<{ organisation: string; category: string; amountMinor: string }>;
  @Column('uuid', { name: 'decision_id' }) decisionId: string;
  @Column('timestamptz', { name: 'approved_at' }) approvedAt: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
}

@Entity({ name: 'obligations' })
export class ObligationRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'allocation_id' }) allocationId: string;
  @Column('uuid', { name: 'concept_id' }) conceptId: string;
  @Column('text') kind: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('date', { name: 'submitted_on', nullable: true }) submittedOn: string | null;
  @Column('boolean', { name: 'overdue_notified' }) overdueNotified: boolean;
}

@Entity({ name: 'transfers' })
export class TransferRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'allocation_id' }) allocationId: string;
  @Column('text') organisation: string;
  @Column('bigint', { name: 'amount_minor' }) amountMinor: string;
  @Column('date', { name: 'transfer_date' }) transferDate: string;
  @Column('uuid', { name: 'entry_id' }) entryId: string;
}

@Entity({ name: 'expenditures' })
export class ExpenditureRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'allocation_id' }) allocationId: string;
  @Column('text') organisation: string;
  @Column('int') year: number;
  @Column('bigint', { name: 'amount_minor' }) amountMinor: string;
  @Column('timestamptz', { name: 'reported_at' }) reportedAt: Date;
  /** By budget category (issue 14): minor units as decimal strings, adding up to `amountMinor`; null before. */
  @Column('jsonb', { nullable: true }) lines: Array<{ category: string; amountMinor: string }> | null;
}
