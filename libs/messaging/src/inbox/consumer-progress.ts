import { Admin, Kafka } from 'kafkajs';
import type { EventConsumer } from './event-consumer';

/** A command that must see every event published before it was asked could not be sure of that in time. */
export class ConsumerBehindError extends Error {
  /** The wait is bounded by seconds: a client may ask again after one. */
  readonly retryAfterSeconds = 1;

  constructor(
    readonly groupId: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'ConsumerBehindError';
  }
}

export interface PartitionProgress {
  topic: string;
  partition: number;
  /** The topic's end (the offset the next message will get). */
  end: bigint;
  /** The next offset the group will apply: what this process applied, or else what the group committed. */
  applied: bigint;
}

export interface GroupLag {
  lag: bigint;
  partitions: PartitionProgress[];
}

const POLL_MS = 20;

/**
 * How far a consumer group has applied its topics, compared with the topics' ends now. Two uses:
 * - readiness reports the lag;
 * - a command that decides on replicated data (an approval reading Article 4 and the pipeline) first waits until the
 *   group has applied every event that was on the topics when the command arrived, so a change recorded before the
 *   request is seen by it (docs/adr/0013). The group's committed offsets count for partitions another replica
 *   consumes; this process's own applied positions count at once, before kafkajs commits them.
 */
export class ConsumerProgress {
  private admin: Admin | undefined;
  private connecting: Promise<Admin> | undefined;
  private closed = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly topics: string[],
    /** The bound of `awaitCaughtUp` when the caller gives none. */
    private readonly freshnessWaitMs: number,
    private readonly local?: EventConsumer,
  ) {}

  async lag(timeoutMs = 2_000): Promise<GroupLag> {
    return this.bounded(timeoutMs, async () => {
      const ends = await this.ends();
      const partitions = await this.progressOf(ends);
      return { lag: partitions.reduce((sum, p) => sum + (p.end > p.applied ? p.end - p.applied : 0n), 0n), partitions };
    });
  }

  /**
   * Resolves once the group has applied every message that is on its topics now; refuses with ConsumerBehindError
   * when that takes longer than `timeoutMs` or the broker cannot say where the topics end.
   */
  async awaitCaughtUp(timeoutMs = this.freshnessWaitMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let ends: Map<string, bigint>;
    try {
      ends = await this.bounded(timeoutMs, () => this.ends());
    } catch (error) {
      throw new ConsumerBehindError(
        this.groupId,
        `the event broker could not say how far the topics go (${(error as Error).message}); nothing was decided`,
      );
    }
    for (;;) {
      const behind = this.localBehind(ends);
      if (behind.size === 0) return;
      const remainingMs = deadline - Date.now();
      if (remainingMs > 0) {
        const committed = await this.bounded(remainingMs, () => this.progressOf(behind)).catch(() => undefined);
        if (committed && committed.every((p) => p.applied >= p.end)) return;
      }
      if (Date.now() + POLL_MS >= deadline) {
        throw new ConsumerBehindError(
          this.groupId,
          `this service has not yet applied every event published before the request (${behind.size} partition(s) behind after ${timeoutMs} ms); nothing was decided, try again`,
        );
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.forget(this.admin);
  }

  /** Drops a broken (or, on close, the) admin client, unless another call already replaced it. */
  private async forget(admin: Admin | undefined): Promise<void> {
    if (!admin || this.admin !== admin) return;
    this.admin = undefined;
    this.connecting = undefined;
    await admin.disconnect().catch(() => undefined);
  }

  /** The partitions, by `topic:partition`, whose end this process has not reached by its own applied positions. */
  private localBehind(ends: Map<string, bigint>): Map<string, bigint> {
    const applied = this.local?.appliedPositions() ?? new Map<string, bigint>();
    return new Map([...ends].filter(([key, end]) => (applied.get(key) ?? -1n) < end));
  }

  /** The end of every partition of the group's topics that holds any message, by `topic:partition`. */
  private async ends(): Promise<Map<string, bigint>> {
    const admin = await this.connectedAdmin();
    const ends = new Map<string, bigint>();
    try {
      for (const topic of this.topics) {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(p.high) > BigInt(p.low)) ends.set(`${topic}:${p.partition}`, BigInt(p.high));
        }
      }
    } catch (error) {
      await this.forget(admin);
      throw error;
    }
    return ends;
  }

  private async progressOf(ends: Map<string, bigint>): Promise<PartitionProgress[]> {
    const admin = await this.connectedAdmin();
    const committed = new Map<string, bigint>();
    try {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: this.groupId, topics: this.topics })) {
        for (const p of partitions) committed.set(`${topic}:${p.partition}`, BigInt(p.offset));
      }
    } catch (error) {
      await this.forget(admin);
      throw error;
    }
    const local = this.local?.appliedPositions() ?? new Map<string, bigint>();
    return [...ends].map(([key, end]) => {
      const cut = key.lastIndexOf(':');
      const applied = [committed.get(key) ?? -1n, local.get(key) ?? -1n].reduce((a, b) => (a > b ? a : b));
      return { topic: key.slice(0, cut), partition: Number(key.slice(cut + 1)), end, applied };
    });
  }

  private connectedAdmin(): Promise<Admin> {
    if (this.admin) return Promise.resolve(this.admin);
    this.connecting ??= (async () => {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      try {
        await admin.connect();
      } catch (error) {
        this.connecting = undefined;
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
      if (this.closed) {
        // Closed while connecting (shutdown during a probe): leave nothing open behind.
        await admin.disconnect().catch(() => undefined);
        throw new Error('closed');
      }
      this.admin = admin;
      return admin;
    })();
    return this.connecting;
  }

  /** kafkajs waits out an unreachable broker with its own retries; a caller on a deadline does not. */
  private async bounded<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the broker within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
