import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { tableOf } from '@fundline/persistence';
import { DataSource } from 'typeorm';
import { NOTIFIER_CONFIG, NotifierConfig } from '../notifier-config';
import { PeriodicWork } from '../periodic-work';
import { Mailer } from './mailer';

/** Most mails sent in one transaction: the rows stay locked while their mails are handed to the SMTP server. */
const BATCH = 20;
/** A failed mail is tried again after 2 s, 4 s, 8 s… at most an hour apart, `mailMaxAttempts` times, then parked. */
const MAX_BACKOFF_MS = 3_600_000;

/**
 * Sends the recorded notifications that are due, from the table, by the database's clock (sending and its retries
 * are the infrastructure's time, not the domain's): the mail transport is never called inside the
 * consumer's transaction, so an SMTP outage slows nothing but mail. A row is locked (SKIP LOCKED) while its mail is
 * sent, so replicas never send the same one; a crash between the SMTP server's acceptance and the commit sends it
 * again with the same Message-ID (at least once; ADR 0020).
 */
@Injectable()
export class MailDispatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailDispatch.name);
  private lastFailure: string | undefined;
  private readonly work: PeriodicWork;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {
    this.work = new PeriodicWork(
      config.sendEveryMs,
      () => this.sendDue(),
      (error) => this.logger.warn(`mail dispatch failed: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.work.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }

  /** The last SMTP failure since the last success, for readiness. */
  failing(): string | undefined {
    return this.lastFailure;
  }

  /** Sends what is due until nothing is; returns how many mails the SMTP server accepted. */
  async sendDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const { sent, picked } = await this.batch();
      total += sent;
      if (picked < BATCH || sent === 0) return total;
    }
  }

  private batch(): Promise<{ sent: number; picked: number }> {
    return this.dataSource.transaction(async (manager) => {
      const due: {
        notification_id: string;
        kind: string;
        language: string;
        subject: string;
        body: string;
        attempts: number;
        email: string | null;
      }[] = await manager.query(
        `SELECT n.notification_id, n.kind, n.language, n.subject, n.body, n.attempts,
                CASE WHEN c.removed_at IS NULL THEN c.email END AS email
         FROM ${tableOf(manager, 'notifications')} n JOIN ${tableOf(manager, 'contacts')} c USING (contact_id)
         WHERE n.status = 'pending' AND n.delivery = 'mail' AND n.next_attempt_at <= now()
         ORDER BY n.next_attempt_at, n.notification_id LIMIT ${BATCH} FOR UPDATE OF n SKIP LOCKED`,
      );
      let sent = 0;
      for (const n of due) {
        if (n.email === null) {
          await manager.query(
            `UPDATE ${tableOf(manager, 'notifications')} SET status = 'skipped', last_error = 'contact removed'
             WHERE notification_id = $1`,
            [n.notification_id],
          );
          continue;
        }
        try {
          await this.mailer.send({
            id: n.notification_id,
            to: n.email,
            language: n.language,
            kind: n.kind,
            subject: n.subject,
            text: n.body,
          });
          this.lastFailure = undefined;
          sent++;
          await manager.query(
            `UPDATE ${tableOf(manager, 'notifications')} SET status = 'sent', sent_at = now(), attempts = attempts + 1,
               last_error = NULL WHERE notification_id = $1`,
            [n.notification_id],
          );
        } catch (error) {
          const attempts = n.attempts + 1;
          this.lastFailure = (error as Error).message;
          const wait = Math.min(2 ** attempts * 1_000, MAX_BACKOFF_MS);
          await manager.query(
            `UPDATE ${tableOf(manager, 'notifications')} SET attempts = $2::int, last_error = $3, next_attempt_at = now() + make_interval(secs => $4),
               status = CASE WHEN $2::int >= $5::int THEN 'parked' ELSE 'pending' END WHERE notification_id = $1`,
            [n.notification_id, attempts, this.lastFailure, wait / 1000, this.config.mailMaxAttempts],
          );
        }
      }
      return { sent, picked: due.length };
    });
  }
}
