import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'concept_notes' })
@Index('concept_notes_by_country', ['submittingCountry', 'createdAt'])
export class ConceptNoteRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  fund: string;

  @Column('text')
  status: string;

  /** The concept's own version: a resubmission after an ineligible verdict is a new version (G4). */
  @Column('int', { name: 'version' })
  version: number;

  @Column('char', { name: 'submitting_country', length: 3 })
  submittingCountry: string;

  @Column('text', { name: 'owner_user_id' })
  ownerUserId: string;

  @Column('text')
  title: string;

  @Column('text')
  scope: string;

  @Column('char', { length: 3, array: true })
  countries: string[];

  @Column('int', { name: 'thematic_area' })
  thematicArea: number;

  @Column('int', { name: 'gcm_objectives', array: true })
  gcmObjectives: number[];

  @Column('text', { name: 'participating_organisations', array: true })
  participatingOrganisations: string[];

  /** Integer minor units; pg returns bigint as a string, which we turn into a bigint, never a number. */
  @Column('bigint', { name: 'requested_minor' })
  requestedMinor: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Optimistic lock: two commands racing on one concept cannot both win. */
  @VersionColumn({ name: 'row_version' })
  rowVersion: number;
}
