import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The inbox: one row per event a consumer has applied, written in the same transaction as the effect, so a
 * redelivered event (after a crash, a rebalance or a duplicate publish) is recognised and changes nothing.
 */
@Entity({ name: 'processed_events' })
export class ProcessedEvent {
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text')
  type: string;

  @Column('text')
  topic: string;

  @Column('int')
  partition: number;

  @Column('bigint', { name: 'message_offset' })
  offset: string;

  @Column('timestamptz', { name: 'processed_at', default: () => 'now()' })
  processedAt: Date;
}
