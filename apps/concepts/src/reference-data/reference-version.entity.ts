import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One value of one reference list, in force from `effectiveFrom` until the next version of the same key. A null
 * value retires the key. Rows are never changed: a correction is a new version, so any past screening can be
 * explained by the data in force on its reference date.
 */
@Entity({ name: 'reference_versions' })
export class ReferenceVersionRecord {
  @PrimaryColumn('text')
  dataset: string;

  @PrimaryColumn('text')
  key: string;

  @PrimaryColumn('date', { name: 'effective_from' })
  effectiveFrom: string;

  @Column('jsonb', { nullable: true })
  value: unknown;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt: Date;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;
}
