import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@fundline/domain';
import { tableOf } from '@fundline/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { DailyDigest } from '../digest/daily-digest';
import { dayIn } from '../messages/formats';
import { Notices } from '../notices/notices';
import { NOTIFIER_CONFIG, NotifierConfig } from '../notifier-config';
import { PeriodicWork } from '../periodic-work';
import { ObligationNotices } from './obligation-notices';

/**
 * What is due by the calendar rather than by an event: report reminders, pipeline expiry warnings (M7) and the staff
 * digest. Runs every `scanEveryMs`; several replicas may run it at once, the notifications' unique keys keep each
 * notice single.
 */
@Injectable()
export class NoticeScan implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NoticeScan.name);
  private readonly work: PeriodicWork;

  constructor(
    private readonly dataSource: DataSource,
    private readonly obligations: ObligationNotices,
    private readonly notices: Notices,
    private readonly digest: DailyDigest,
    private readonly clock: Clock,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {
    this.work = new PeriodicWork(
      config.scanEveryMs,
      () => this.scan(),
      (error) => this.logger.warn(`notice scan failed: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.work.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }

  /** One pass; returns how many notifications it recorded. */
  async scan(): Promise<number> {
    const now = this.clock.now();
    const reminded = await this.dataSource.transaction((m) => this.obligations.remind(m, now));
    const warned = await this.dataSource.transaction((m) => this.warnOfExpiry(m, now));
    const digested = await this.digest.send(now);
    return reminded + warned + digested;
  }

  private async warnOfExpiry(manager: EntityManager, now: Date): Promise<number> {
    const expiring: { submission_id: string; fund: string; country: string; title: string; expires_at: Date }[] =
      await manager.query(
        `SELECT submission_id, fund, country, title, expires_at FROM ${tableOf(manager, 'submissions')}
         WHERE expires_at > $1 AND expires_at <= $1::timestamptz + make_interval(days => $2)
           AND expiry_warned_for IS DISTINCT FROM expires_at
           AND submission_id NOT IN (SELECT submission_id FROM ${tableOf(manager, 'decided_submissions')})
         FOR UPDATE SKIP LOCKED`,
        [now, this.config.expiryWarningDays],
      );
    let recorded = 0;
    for (const s of expiring) {
      recorded += await this.notices.record(manager, {
        kind: 'pipeline-expiry-warning',
        about: `${s.submission_id}:${s.expires_at.toISOString()}`,
        fund: s.fund,
        at: now,
        parties: [{ type: 'government', country: s.country }],
        params: (language) => ({ title: s.title, expiresOn: dayIn(language, s.expires_at.toISOString()) }),
      });
      await manager.query(
        `UPDATE ${tableOf(manager, 'submissions')} SET expiry_warned_for = expires_at WHERE submission_id = $1`,
        [s.submission_id],
      );
    }
    return recorded;
  }
}
