import { whole } from '../notifier-config';
/** How webhooks are delivered, read once from the environment (12-factor) or given by a test. */
export interface WebhookConfig {
  /**
   * The wait before each attempt at one delivery, the first counted from the event (WEBHOOK_RETRY_SCHEDULE,
   * "0,5s,5m,30m,2h,5h,10h,10h": Standard Webhooks' schedule, 27 h 35 min from the first attempt to the last). A
   * delivery still failing after the last attempt is parked.
   */
  retryScheduleMs: number[];
  /** How long a receiver has to answer one attempt (WEBHOOK_TIMEOUT_MS, 10 s). */
  timeoutMs: number;
  /** Consecutive failed attempts, across its deliveries, before an endpoint may be disabled (WEBHOOK_DISABLE_AFTER_FAILURES). */
  disableAfterFailures: number;
  /**
   * How long an endpoint must have failed without a single success before it is disabled (WEBHOOK_DISABLE_AFTER):
   * by default as long as one delivery is retried, so no endpoint is switched off before its first event had every
   * attempt.
   */
  disableAfterMs: number;
  /** Whether endpoints on loopback and private networks are accepted (WEBHOOK_ALLOW_PRIVATE_NETWORKS=on): tests only. */
  allowPrivateNetworks: boolean;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+)(ms|s|m|h|d)?$/;

/** "500ms", "5s", "5m", "2h", "1d", or a bare number of milliseconds. */
export function parseDuration(text: string, name: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new Error(`${name}: "${text}" is not a duration (500ms, 5s, 5m, 2h, 1d)`);
  return Number(match[1]) * UNIT_MS[match[2] ?? 'ms'];
}

export const DEFAULT_RETRY_SCHEDULE = '0,5s,5m,30m,2h,5h,10h,10h';

export function webhookConfigFromEnv(env: NodeJS.ProcessEnv): WebhookConfig {
  const schedule = (env.WEBHOOK_RETRY_SCHEDULE || DEFAULT_RETRY_SCHEDULE)
    .split(',')
    .map((step) => parseDuration(step, 'WEBHOOK_RETRY_SCHEDULE'));
  if (schedule.length > 50) throw new Error('WEBHOOK_RETRY_SCHEDULE has at most 50 attempts');
  const span = schedule.slice(1).reduce((sum, step) => sum + step, 0);
  return {
    retryScheduleMs: schedule,
    timeoutMs: whole(env.WEBHOOK_TIMEOUT_MS, 10_000, 'WEBHOOK_TIMEOUT_MS', 10, 120_000),
    disableAfterFailures: whole(
      env.WEBHOOK_DISABLE_AFTER_FAILURES,
      schedule.length,
      'WEBHOOK_DISABLE_AFTER_FAILURES',
      1,
      100_000,
    ),
    disableAfterMs: env.WEBHOOK_DISABLE_AFTER
      ? parseDuration(env.WEBHOOK_DISABLE_AFTER, 'WEBHOOK_DISABLE_AFTER')
      : span,
    allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'on',
  };
}

export const WEBHOOK_CONFIG = Symbol('WEBHOOK_CONFIG');
