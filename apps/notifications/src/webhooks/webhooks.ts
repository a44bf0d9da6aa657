import { Provider } from '@nestjs/common';
import { Webhooks1766100000000 } from '../migrations/1766100000000-webhooks';
import { WEBHOOK_CONFIG, webhookConfigFromEnv } from './webhook-config';
import { WebhookDispatch } from './webhook-dispatch';
import { WebhookEndpoints } from './webhook-endpoints';
import { WebhookFanOut } from './webhook-fan-out';
import { WebhookReadiness } from './webhook-readiness';
import { WebhooksController } from './webhooks.controller';

export { WEBHOOK_CONFIG, webhookConfigFromEnv } from './webhook-config';
export type { WebhookConfig } from './webhook-config';
export { WebhookDispatch } from './webhook-dispatch';
export { WebhookFanOut } from './webhook-fan-out';
export { WebhookReadiness } from './webhook-readiness';

/**
 * What the event handler needs to queue deliveries, in the consumer's transaction. The configuration is read from the
 * environment when the module is built (WEBHOOK_RETRY_SCHEDULE, WEBHOOK_TIMEOUT_MS, WEBHOOK_DISABLE_AFTER_FAILURES,
 * WEBHOOK_DISABLE_AFTER, WEBHOOK_ALLOW_PRIVATE_NETWORKS); a test sets those first.
 */
export const WEBHOOK_EVENT_PROVIDERS: Provider[] = [
  { provide: WEBHOOK_CONFIG, useFactory: () => webhookConfigFromEnv(process.env) },
  WebhookFanOut,
];

/** The rest of what webhooks add to the notifier: delivery, the endpoints' API and readiness. */
export const WEBHOOK_PROVIDERS: Provider[] = [WebhookDispatch, WebhookEndpoints, WebhookReadiness];

export const WEBHOOK_CONTROLLERS = [WebhooksController];

export const WEBHOOK_MIGRATIONS = [Webhooks1766100000000];
