import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event waiting to be published, written in the same transaction as the change that caused it. `sequence`
 * gives the commit-independent order the relay publishes in; `publishedAt` is set once Kafka acknowledged it.
 * Rows are kept after publishing as the service's own record of what it announced.
 */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished', ['sequence'], { where: '"published_at" IS NULL' })
export class OutboxMessage {
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Column({ name: 'sequence', type: 'bigint', insert: false, update: false })
  sequence: string;

  @Column('text')
  topic: string;

  @Column('text', { name: 'message_key' })
  key: string;

  @Column('text')
  type: string;

  @Column('jsonb')
  envelope: object;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;
}
