import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The funds service's local copy of what is in the pipeline, fed by concept events, so that an allocation can be
 * checked against it inside the funds service's own transaction, never across the network.
 */
@Entity({ name: 'pipeline_replica' })
export class PipelineReplicaRecord {
  @PrimaryColumn('uuid', { name: 'concept_id' })
  conceptId: string;

  @Column('text')
  fund: string;

  @Column('text')
  status: string;

  @Column('char', { name: 'submitting_country', length: 3 })
  submittingCountry: string;

  @Column('char', { length: 3, array: true })
  countries: string[];

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('int', { name: 'thematic_area', nullable: true })
  thematicArea: number | null;

  @Column('int', { name: 'credit_line', nullable: true })
  creditLine: number | null;

  @Column('text', { nullable: true })
  scope: string | null;

  /** Null for entries replicated before titles were (the grant agreement then names the concept by its id). */
  @Column('text', { nullable: true })
  title: string | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('bigint', { name: 'requested_minor' })
  requestedMinor: string;

  /** The submitted budget by category (issue 14); null for submissions published before budgets had categories. */
  @Column('jsonb', { nullable: true })
  budget: Array<{ category: string; organisation: string | null; amountMinor: string }> | null;

  @Column('char', { length: 3 })
  currency: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
