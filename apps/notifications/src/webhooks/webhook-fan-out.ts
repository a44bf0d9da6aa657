import { Inject, Injectable } from '@nestjs/common';
import { FundlineEvent } from '@fundline/contracts';
import { Clock } from '@fundline/domain';
import { tableOf } from '@fundline/persistence';
import { EntityManager } from 'typeorm';
import { WEBHOOK_CONFIG, WebhookConfig } from './webhook-config';

/**
 * What an integrator receives for an event (Standard Webhooks' `type`, `timestamp`, `data`): the envelope without its
 * actor and correlation, which say who did it and nothing an integrator needs (G6). Events carry no personal data.
 */
export function webhookBody(event: FundlineEvent): string {
  const { eventId, type, aggregateType, aggregateId, occurredAt, payload } = event;
  return JSON.stringify({
    type,
    timestamp: occurredAt,
    data: { eventId, type, aggregateType, aggregateId, occurredAt, payload },
  });
}

/**
 * Queues an event for every endpoint subscribed to its type, in the consumer's transaction, so a delivery exists
 * exactly when the event is recorded as processed: one statement, a no-op on a second reading of the same event. An
 * endpoint receives the events that occur from its registration on: a replay of the topics (replayNotifier) sends
 * no endpoint the history from before it existed. A disabled endpoint still gets its deliveries, held until it is
 * enabled again, so nothing is lost while it is off; a deleted one gets none. The body is written once here: every
 * retry sends the same bytes.
 */
@Injectable()
export class WebhookFanOut {
  constructor(
    private readonly clock: Clock,
    @Inject(WEBHOOK_CONFIG) private readonly config: WebhookConfig,
  ) {}

  async enqueue(event: FundlineEvent, manager: EntityManager): Promise<void> {
    const now = this.clock.now();
    await manager.query(
      `INSERT INTO ${tableOf(manager, 'webhook_deliveries')}
         (delivery_id, endpoint_id, event_id, event_type, body, status, next_attempt_at, created_at)
       SELECT gen_random_uuid(), endpoint_id, $1, $2, $3, 'pending', $4, $5
       FROM ${tableOf(manager, 'webhook_endpoints')}
       WHERE deleted_at IS NULL AND event_types && ARRAY[$2, '*']::text[] AND created_at <= $6
       ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
      [
        event.eventId,
        event.type,
        webhookBody(event),
        new Date(now.getTime() + this.config.retryScheduleMs[0]),
        now,
        new Date(event.occurredAt),
      ],
    );
  }
}
