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
