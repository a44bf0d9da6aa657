import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Concept notes and project proposals: the fields both share as columns (filters), the rest as `content`. */
@Entity({ name: 'submissions' })
@Index('submissions_by_country', ['submittingCountry', 'createdAt'])
export class SubmissionRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('text') kind: 'concept-note' | 'project-proposal';
  @Column('text') fund: string;
  @Column('text') status: string;
  /** The submission's own version: a revision after an ineligible verdict is a new version (G4). */
  @Column('int') version: number;
  @Column('char', { name: 'submitting_country', length: 3 }) submittingCountry: string;
  @Column('text', { nullable: true }) region: string | null;
  @Column('text', { name: 'owner_user_id' }) ownerUserId: string;
  @Column('text') title: string;
  @Column('text') scope: string;
  @Column('char', { length: 3, array: true }) countries: string[];
  @Column('int', { name: 'thematic_area', nullable: true }) thematicArea: number | null;
  @Column('int', { name: 'gcm_objectives', array: true }) gcmObjectives: number[];
  @Column('text', { name: 'participating_organisations', array: true }) participatingOrganisations: string[];
  @Column('text', { name: 'focus_area', nullable: true }) focusArea: string | null;
  @Column('int', { name: 'credit_line', nullable: true }) creditLine: number | null;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  /** Integer minor units; pg returns bigint as a string, which becomes a bigint, never a number. */
  @Column('bigint', { name: 'requested_minor' }) requestedMinor: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('jsonb') content: Record<string, unknown>;
  /** Outcomes → outputs → indicators (issue 14); null for a draft without one and for rows written before. */
  @Column('jsonb', { name: 'results_framework', nullable: true }) resultsFramework: Record<string, unknown> | null;
  /** Personal data (G6): shown only to the owning government and fund staff, never sent in events. */
  @Column('jsonb', { name: 'focal_point', nullable: true }) focalPoint: Record<string, unknown> | null;
  @Column('boolean', { nullable: true }) eligible: boolean | null;
  @Column('timestamptz', { name: 'submitted_at', nullable: true }) submittedAt: Date | null;
  @Column('timestamptz', { name: 'pipeline_entered_at', nullable: true }) pipelineEnteredAt: Date | null;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /** Optimistic lock: two commands racing on one submission cannot both win. */
  @VersionColumn({ name: 'row_version' }) rowVersion: number;
}

/** Every verdict ever given, kept: a re-screen adds one and never rewrites the old (append-only table). */
@Entity({ name: 'screenings' })
export class ScreeningRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'submission_id' }) submissionId: string;
  @Column('int') version: number;
  @Column('text') trigger: 'submission' | 're-screen';
  @Column('date', { name: 'reference_date' }) referenceDate: string;
  @Column('timestamptz', { name: 'screened_at' }) screenedAt: Date;
  /** Given by the database in insertion order: what "latest" means when two screenings share an instant. */
  @Column({ type: 'bigint', insert: false, update: false }) sequence: string;
  @Column('boolean') eligible: boolean;
  @Column('jsonb') lines: Array<{ rule: string; passed: boolean; detail: string }>;
  @Column('text', { name: 'actor_user_id' }) actorUserId: string;
  @Column('text', { name: 'actor_role' }) actorRole: string;
}
