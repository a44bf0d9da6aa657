import { DataSource } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';
import type { OutboxRelay } from './outbox-relay';

/**
 * Waits, bounded, until events a command wrote to the outbox are on the broker. A command whose effect other services
 * must see before they decide (a reference-data change read by approvals) answers only then (docs/adr/0013). It reads
 * the outbox table, so it works in a replica whose relay runs in another process.
 */
export class Publication {
  constructor(
    private readonly dataSource: DataSource,
    readonly waitMs: number,
    private readonly relay?: OutboxRelay,
  ) {}

  /** Whether every one of the events was published within the bound. */
  async awaitPublished(eventIds: readonly string[]): Promise<boolean> {
    if (eventIds.length === 0) return true;
    const deadline = Date.now() + this.waitMs;
    this.relay?.nudge();
    const table = this.dataSource.getMetadata(OutboxMessage).tablePath;
    let pollMs = 5;
    for (;;) {
      const [{ pending }] = (await this.dataSource.query(
        `SELECT count(*)::int AS pending FROM ${table} WHERE event_id = ANY($1) AND published_at IS NULL`,
        [eventIds],
      )) as Array<{ pending: number }>;
      if (pending === 0) return true;
      if (Date.now() >= deadline) return false;
      // Published within milliseconds normally; while the broker is away, ask the database less and less often.
      await new Promise((r) => setTimeout(r, pollMs));
      pollMs = Math.min(pollMs * 2, 200);
    }
  }
}
