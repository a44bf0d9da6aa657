import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Framework, FrameworkSource, IndicatorProgress } from './results-framework';

/** One version of a concept's results framework: as submitted with the concept, or as staff recorded it. */
@Entity({ name: 'results_frameworks' })
export class ResultsFrameworkRecord {
  @PrimaryColumn('uuid', { name: 'concept_id' }) conceptId: string;
  @PrimaryColumn('text') source: FrameworkSource;
  @PrimaryColumn('int') version: number;
  @Column('uuid', { name: 'allocation_id', nullable: true }) allocationId: string | null;
  @Column('jsonb') framework: Framework;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
  @Column('text', { name: 'recorded_by' }) recordedBy: string;
}

/** One version of the progress reported with a report (an interim or final narrative report obligation). */
@Entity({ name: 'results_progress' })
export class ResultsProgressRecord {
  @PrimaryColumn('uuid', { name: 'obligation_id' }) obligationId: string;
  @PrimaryColumn('int') version: number;
  @Column('uuid', { name: 'allocation_id' }) allocationId: string;
  @Column('jsonb') progress: IndicatorProgress[];
  @Column('date', { name: 'reported_on' }) reportedOn: string;
  @Column('timestamptz', { name: 'reported_at' }) reportedAt: Date;
  @Column('text', { name: 'reported_by' }) reportedBy: string;
}
