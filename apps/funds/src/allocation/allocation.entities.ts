import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'committee_sessions' })
export class CommitteeSessionRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'fund_code' }) fundCode: string;
  @Column('int') quorum: number;
  @Column('text') status: 'open' | 'closed';
  @Column('jsonb') members: Array<{ memberId: string; name: string; represents: string; country: string | null }>;
  @Column('uuid', { array: true }) agenda: string[];
  @Column('uuid', { array: true }) decided: string[];
  @Column('jsonb') positions: Array<{ conceptId: string; memberId: string; position: string; reason: string | null }>;
  @Column('timestamptz', { name: 'opened_at' }) openedAt: Date;
  @Column('text', { name: 'opened_by' }) openedBy: string;
}

@Entity({ name: 'decisions' })
export class DecisionRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'session_id' }) sessionId: string;
  @Column('uuid', { name: 'concept_id' }) conceptId: string;
  @Column('text') decision: string;
  @Column('text') reasons: string;
  @Column('jsonb') participants: string[];
  @Column('jsonb') recused: string[];
  @Column('jsonb') objections: Array<{ memberId: string; reason: string | null }>;
  @Column('timestamptz', { name: 'decided_at' }) decidedAt: Date;
  @Column('text', { name: 'actor_user_id' }) actorUserId: string;
}

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
