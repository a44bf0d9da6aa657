import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@fundline/domain';
import { Check, ReadinessCheck } from '@fundline/http';
import { MESSAGING_OPTIONS, MessagingOptions } from '@fundline/messaging';
import { tableOf } from '@fundline/persistence';
import { DataSource } from 'typeorm';
import { WebhookDispatch } from './webhook-dispatch';

/**
 * Ready while the dispatcher keeps up: down when a delivery to an enabled endpoint has waited past its time for longer
 * than `stuckAfterMs` (the dispatcher is not running or cannot reach the database). Receivers that fail are their
 * owners' concern, not the notifier's: they show in the details (parked deliveries, disabled endpoints), not as down.
 */
@Injectable()
export class WebhookReadiness implements ReadinessCheck {
  readonly name = 'webhooks';

  constructor(
    private readonly dispatch: WebhookDispatch,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async check(): Promise<Check> {
    const now = this.clock.now();
    const late = new Date(now.getTime() - (this.options.stuckAfterMs ?? 30_000));
    const [counts]: { late: number; parked: number; disabled: number }[] = await this.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM ${tableOf(this.dataSource, 'webhook_deliveries')} d
          JOIN ${tableOf(this.dataSource, 'webhook_endpoints')} e USING (endpoint_id)
          WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at < $1
            AND (d.lease_until IS NULL OR d.lease_until < $2) AND e.enabled AND e.deleted_at IS NULL) AS late,
         (SELECT count(*)::int FROM ${tableOf(this.dataSource, 'webhook_deliveries')} WHERE status = 'parked') AS parked,
         (SELECT count(*)::int FROM ${tableOf(this.dataSource, 'webhook_endpoints')}
          WHERE NOT enabled AND deleted_at IS NULL) AS disabled`,
      [late, now],
    );
    const details = {
      late: counts.late,
      parked: counts.parked,
      disabledEndpoints: counts.disabled,
      lastError: this.dispatch.failing() ?? null,
    };
    if (counts.late > 0) {
      return { status: 'down', reason: `${counts.late} webhook deliveries waiting past their time`, ...details };
    }
    return { status: 'up', ...details };
  }
}
