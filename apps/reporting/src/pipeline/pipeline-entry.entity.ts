import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Read model: one row per concept in the pipeline, projected from concept events only. */
@Entity({ name: 'pipeline_entries' })
@Index('pipeline_entries_by_country', ['submittingCountry', 'submittedAt'])
export class PipelineEntryRecord {
  @PrimaryColumn('uuid', { name: 'concept_id' })
  conceptId: string;

  @Column('text')
  fund: string;

  @Column('text')
  kind: string;

  @Column('text', { nullable: true })
  region: string | null;

  @Column('text', { name: 'focus_area', nullable: true })
  focusArea: string | null;

  @Column('int', { name: 'credit_line', nullable: true })
  creditLine: number | null;

  @Column('boolean', { nullable: true })
  eligible: boolean | null;

  /** The latest verdict's lines; public eligibility reasons, no personal data (G6). */
  @Column('jsonb', { nullable: true })
  verdict: Array<{ rule: string; passed: boolean; detail: string }> | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('text')
  title: string;

  @Column('text')
  status: string;

  @Column('int')
  version: number;

  @Column('char', { name: 'submitting_country', length: 3 })
  submittingCountry: string;

  @Column('text')
  scope: string;

  @Column('char', { length: 3, array: true })
  countries: string[];

  @Column('int', { name: 'thematic_area', nullable: true })
  thematicArea: number | null;

  @Column('bigint', { name: 'requested_minor' })
  requestedMinor: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;

  /** The last event applied to this row and where it sat on its topic: the projection's position. */
  @Column('uuid', { name: 'last_event_id' })
  lastEventId: string;

  @Column('timestamptz', { name: 'projected_at' })
  projectedAt: Date;
}

/** The status the funds service's decisions and money gave an entry; wins over the concepts service's status. */
@Entity({ name: 'pipeline_decisions' })
export class PipelineDecisionRecord {
  @PrimaryColumn('uuid', { name: 'concept_id' })
  conceptId: string;

  @Column('text')
  status: string;

  @Column('timestamptz', { name: 'decided_at' })
  decidedAt: Date;
}
