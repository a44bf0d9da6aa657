import { Inject, Injectable } from '@nestjs/common';
import { Check, ReadinessCheck } from '@fundline/http';
import { MESSAGING_OPTIONS, MessagingOptions } from '@fundline/messaging';
import { tableOf } from '@fundline/persistence';
import { DataSource } from 'typeorm';
import { MailDispatch } from './mail-dispatch';
import { Mailer } from './mailer';

/** Ready when the SMTP server greets us and no mail has waited past its time for longer than `stuckAfterMs`. */
@Injectable()
export class MailReadiness implements ReadinessCheck {
  readonly name = 'smtp';

  constructor(
    private readonly mailer: Mailer,
    private readonly dispatch: MailDispatch,
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async check(): Promise<Check> {
    const stuckAfterMs = this.options.stuckAfterMs ?? 30_000;
    const [reachable, [late]] = await Promise.all([
      this.mailer.reachable(),
      this.dataSource.query(
        `SELECT count(*)::int AS count, min(next_attempt_at) AS oldest FROM ${tableOf(this.dataSource, 'notifications')}
         WHERE status = 'pending' AND delivery = 'mail' AND next_attempt_at < now() - make_interval(secs => $1)`,
        [stuckAfterMs / 1000],
      ) as Promise<{ count: number; oldest: Date | null }[]>,
    ]);
    const details = { late: late.count, lastError: this.dispatch.failing() ?? null };
    if (!reachable) return { status: 'down', reason: 'the SMTP server does not answer', ...details };
    if (late.count > 0) return { status: 'down', reason: `${late.count} mails waiting past their time`, ...details };
    return { status: 'up', ...details };
  }
}
