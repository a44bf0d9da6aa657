import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** G3: one append-only row per state change of a concept: who (user, role, country), when, what and why. */
@Entity({ name: 'concept_history' })
@Index('concept_history_by_concept', ['conceptId', 'id'])
export class ConceptHistoryRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'concept_id' })
  conceptId: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  action: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: string | null;

  @Column('text', { name: 'to_status' })
  toStatus: string;

  @Column('text', { name: 'actor_user_id' })
  actorUserId: string;

  @Column('text', { name: 'actor_role' })
  actorRole: string;

  @Column('char', { name: 'actor_country', length: 3, nullable: true })
  actorCountry: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text', { name: 'correlation_id' })
  correlationId: string;
}
