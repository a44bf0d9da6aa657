import { Clock } from '@fundline/domain';
import { OutboxRelay } from '@fundline/messaging';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { SubmissionRecord } from '../lifecycle/submission.entity';
import { restore } from '../lifecycle/submission.mapping';
import { SubmissionRepository } from '../lifecycle/submission.repository';

export const EXPIRY_INTERVAL_MS = Symbol('EXPIRY_INTERVAL_MS');

/**
 * M7: pipeline entries not funded within their validity expire. Runs on a schedule; each entry expires in its own
 * transaction, so one failure does not hold back the rest, and a replica running the same job skips rows locked by
 * another (SKIP LOCKED).
 */
@Injectable()
export class PipelineExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PipelineExpiryJob.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly submissions: SubmissionRepository,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    const every = Number(process.env.PIPELINE_EXPIRY_INTERVAL_MS ?? 3_600_000);
    if (every > 0) this.timer = setInterval(() => void this.run().catch((e) => this.logger.error(e)), every);
    this.timer?.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Expires every entry whose validity ended by now; returns their ids. */
  async run(): Promise<string[]> {
    const now = this.clock.now();
    const due = await this.dataSource.manager.find(SubmissionRecord, {
      select: { id: true },
      where: { status: In(['in-pipeline', 'deferred']), expiresAt: LessThanOrEqual(now) },
      take: 500,
    });
    const expired: string[] = [];
    const system = { userId: 'pipeline-expiry', role: 'system' as const };
    for (const { id } of due) {
      await this.dataSource.transaction(async (manager) => {
        const record = await manager
          .createQueryBuilder(SubmissionRecord, 's')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where('s.id = :id', { id })
          .getOne();
        if (!record || !['in-pipeline', 'deferred'].includes(record.status)) return;
        const submission = restore(record);
        submission.expire(now);
        await this.submissions.save(manager, submission, {
          actor: system,
          correlationId: `pipeline-expiry-${now.toISOString()}`,
        });
        expired.push(id);
      });
    }
    if (expired.length) {
      this.logger.log(`expired ${expired.length} pipeline entr${expired.length === 1 ? 'y' : 'ies'}`);
      this.relay?.nudge();
    }
    return expired;
  }
}
