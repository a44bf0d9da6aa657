import { Column, Entity, PrimaryColumn } from 'typeorm';

type StoredLine = { organisation: string; category: string; amountMinor: string };

/** A revision of an allocation: what was asked, on what it was based, and the decision (issue 14). */
@Entity({ name: 'allocation_revisions' })
export class RevisionRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'allocation_id' }) allocationId: string;
  @Column('text') kind: string;
  @Column('text') status: string;
  @Column('text') justification: string;
  @Column('bigint', { name: 'amount_minor', nullable: true }) amountMinor: string | null;
  @Column('jsonb', { nullable: true }) budget: StoredLine[] | null;
  @Column('jsonb', { name: 'base_budget', nullable: true }) baseBudget: StoredLine[] | null;
  @Column('date', { name: 'base_end_date' }) baseEndDate: string;
  @Column('date', { name: 'new_end_date', nullable: true }) newEndDate: string | null;
  @Column('text', { nullable: true }) scope: string | null;
  @Column('jsonb', { name: 'needs_approval_because' }) needsApprovalBecause: string[];
  @Column('text', { name: 'requested_by' }) requestedBy: string;
  @Column('text', { name: 'requested_role' }) requestedRole: string;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt: Date;
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('text', { name: 'decision_reason', nullable: true }) decisionReason: string | null;
}
