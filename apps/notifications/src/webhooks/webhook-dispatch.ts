import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@fundline/domain';
import { tableOf } from '@fundline/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { Notices } from '../notices/notices';
import { NOTIFIER_CONFIG, NotifierConfig } from '../notifier-config';
import { signatureHeader } from './signature';
import { WEBHOOK_CONFIG, WebhookConfig } from './webhook-config';
import { checkWebhookUrl } from './webhook-url';
import { PeriodicWork } from '../periodic-work';

/** Most deliveries attempted at once. */
const BATCH = 20;
/** Most of them to one endpoint, so a slow receiver with a backlog does not hold up every other. */
const PER_ENDPOINT = 5;
/** A claimed delivery is not claimed again for the timeout plus this: a worker that died mid-attempt is covered. */
const LEASE_MARGIN_MS = 30_000;
/** Retries wait up to this much longer than the schedule says, at random, so failures do not come back in step. */
const JITTER = 0.1;
const MAX_ERROR_LENGTH = 500;

interface Claimed {
  delivery_id: string;
  endpoint_id: string;
  body: string;
  attempts: number;
  lease_until: Date;
  scheduled_at: Date | null;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
}

interface Outcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** A Retry-After the receiver asked for (429, 503). */
  retryAfterMs?: number;
}

/**
 * Delivers queued webhook deliveries. Each pass claims due deliveries by setting a lease in one short statement
 * (SKIP LOCKED, so replicas share the work), posts them with no transaction open, then records each result in a
 * transaction of its own: a slow receiver holds no lock and no connection. A worker that dies mid-attempt leaves
 * the lease to expire and the delivery is attempted again (at least once, under the same webhook-id).
 *
 * 2xx is delivered; anything else (3xx included: redirects are not followed), a timeout or a connection error is a
 * failed attempt, tried again by the schedule and parked after its last attempt. A success brings forward the
 * retries its endpoint owes: the receiver is back, there is no reason to make it wait hours for them (and if one of
 * them fails after all, it goes back to its place in the schedule without losing an attempt).
 */
@Injectable()
export class WebhookDispatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatch.name);
  private lastFailure: string | undefined;
  private stopping = false;
  private readonly work: PeriodicWork;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: Notices,
    private readonly clock: Clock,
    @Inject(WEBHOOK_CONFIG) private readonly config: WebhookConfig,
    @Inject(NOTIFIER_CONFIG) notifier: NotifierConfig,
  ) {
    this.work = new PeriodicWork(
      notifier.sendEveryMs,
      async () => {
        await this.deliverDue();
        this.lastFailure = undefined;
      },
      (error) => {
        this.lastFailure = error.message;
        this.logger.warn(`webhook dispatch failed: ${error.message}`);
      },
    );
  }

  onApplicationBootstrap(): void {
    this.work.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.work.stop();
  }

  /** Why the last pass failed (the database, not a receiver), until one succeeds: for readiness. */
  failing(): string | undefined {
    return this.lastFailure;
  }

  /**
   * Attempts what is due until nothing is (a backlog drains in one pass; each attempt moves its delivery out of the
   * due ones, to delivered, to a later retry or under a lease) or the app stops; returns how many succeeded.
   */
  async deliverDue(): Promise<number> {
    let delivered = 0;
    while (!this.stopping) {
      const claimed = await this.claim();
      if (claimed.length === 0) break;
      const outcomes = await Promise.all(claimed.map(async (d) => [d, await this.attempt(d)] as const));
      for (const [d, outcome] of outcomes) if (await this.record(d, outcome)) delivered++;
    }
    return delivered;
  }

  private async claim(): Promise<Claimed[]> {
    const now = this.clock.now();
    const deliveries = tableOf(this.dataSource, 'webhook_deliveries');
    const endpoints = tableOf(this.dataSource, 'webhook_endpoints');
    const [claimed]: [Claimed[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT d.delivery_id, d.next_attempt_at,
                row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.delivery_id) AS n
         FROM ${deliveries} d JOIN ${endpoints} e USING (endpoint_id)
         WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= $1
           AND (d.lease_until IS NULL OR d.lease_until <= $1) AND e.enabled AND e.deleted_at IS NULL
       ), picked AS (
         SELECT d.delivery_id FROM ${deliveries} d
         WHERE d.delivery_id IN (SELECT delivery_id FROM due WHERE n <= ${PER_ENDPOINT}
                                 ORDER BY next_attempt_at, delivery_id LIMIT ${BATCH})
           AND d.status IN ('pending', 'failed') AND (d.lease_until IS NULL OR d.lease_until <= $1)
         FOR UPDATE SKIP LOCKED
       )
       UPDATE ${deliveries} d SET lease_until = $2
       FROM ${endpoints} e
       WHERE d.delivery_id IN (SELECT delivery_id FROM picked) AND e.endpoint_id = d.endpoint_id
       RETURNING d.delivery_id, d.endpoint_id, d.body, d.attempts, d.lease_until, d.scheduled_at, e.url, e.secret, e.previous_secret,
                 e.previous_secret_until`,
      [now, this.leaseUntil(now)],
    );
    return claimed;
  }

  private leaseUntil(now: Date): Date {
    return new Date(now.getTime() + this.config.timeoutMs + LEASE_MARGIN_MS);
  }

  private async attempt(d: Claimed): Promise<Outcome> {
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    try {
      // The name may point elsewhere since it was registered: checked again before every attempt.
      if (!this.config.allowPrivateNetworks) await checkWebhookUrl(d.url, false);
      const secrets = [d.secret];
      if (d.previous_secret && d.previous_secret_until && d.previous_secret_until > this.clock.now()) {
        secrets.push(d.previous_secret);
      }
      // The moment of sending as the receiver's clock sees it (it rejects stale timestamps): the wall clock.
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Fundline-Webhooks/1',
          'webhook-id': d.delivery_id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(secrets, d.delivery_id, timestamp, d.body),
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return {
        statusCode: response.status,
        error: ok ? null : `HTTP ${response.status}`,
        durationMs: took(),
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      };
    } catch (error) {
      return { statusCode: null, error: this.describe(error), durationMs: took() };
    }
  }

  private describe(error: unknown): string {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') return `no answer within ${this.config.timeoutMs} ms`;
    const cause = e.cause ? `: ${[e.cause.code, e.cause.message].filter(Boolean).join(' ')}` : '';
    return `${e.message}${cause}`.slice(0, MAX_ERROR_LENGTH);
  }

  /** Records an attempt; false if it failed or the lease was lost (another worker took the delivery over). */
  private record(d: Claimed, outcome: Outcome): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const delivered = outcome.error === null;
      // A retry brought forward that fails goes back to its place in the schedule, its attempt not counted: a
      // receiver that fails now and then still gets every delivery retried for the schedule's whole span.
      const scheduled = !delivered && d.scheduled_at && d.scheduled_at > now ? d.scheduled_at : undefined;
      const attempts = scheduled ? d.attempts : d.attempts + 1;
      const parked = !delivered && attempts >= this.config.retryScheduleMs.length;
      const next =
        scheduled ?? (delivered || parked ? now : new Date(now.getTime() + this.wait(attempts, outcome.retryAfterMs)));
      const [, recorded]: [unknown, number] = await manager.query(
        `UPDATE ${tableOf(manager, 'webhook_deliveries')}
         SET status = $2::text, attempts = $3, next_attempt_at = $4, scheduled_at = NULL, lease_until = NULL,
             last_attempt_at = $5::timestamptz, last_status_code = $6, last_error = $7,
             delivered_at = CASE WHEN $2::text = 'delivered' THEN $5::timestamptz END
         WHERE delivery_id = $1 AND lease_until = $8`,
        [
          d.delivery_id,
          delivered ? 'delivered' : parked ? 'parked' : 'failed',
          attempts,
          next,
          now,
          outcome.statusCode,
          outcome.error,
          d.lease_until,
        ],
      );
      if (recorded === 0) return false;
      await manager.query(
        `INSERT INTO ${tableOf(manager, 'webhook_attempts')} (delivery_id, at, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5)`,
        [d.delivery_id, now, outcome.statusCode, outcome.error, outcome.durationMs],
      );
      if (delivered) {
        await this.succeeded(manager, d.endpoint_id, now);
      } else {
        await this.failed(manager, d.endpoint_id, outcome, now);
      }
      return delivered;
    });
  }

  /** The wait before attempt `attempts + 1`: the schedule's, stretched by jitter and by a Retry-After within reason. */
  private wait(attempts: number, retryAfter: number | undefined): number {
    const step = this.config.retryScheduleMs[attempts];
    const longest = Math.max(...this.config.retryScheduleMs);
    return Math.max(Math.round(step * (1 + Math.random() * JITTER)), Math.min(retryAfter ?? 0, longest));
  }

  private async succeeded(manager: EntityManager, endpointId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE ${tableOf(manager, 'webhook_endpoints')}
       SET consecutive_failures = 0, failing_since = NULL, last_success_at = $2 WHERE endpoint_id = $1`,
      [endpointId, now],
    );
    await manager.query(
      `UPDATE ${tableOf(manager, 'webhook_deliveries')}
       SET scheduled_at = coalesce(scheduled_at, next_attempt_at), next_attempt_at = $2
       WHERE endpoint_id = $1 AND status = 'failed' AND next_attempt_at > $2`,
      [endpointId, now],
    );
  }

  /**
   * Counts a failure against the endpoint and disables it once it has failed `disableAfterFailures` times in a row
   * over at least `disableAfterMs` without a success, or at once on 410 Gone (the receiver says it wants no more).
   * Its deliveries stay as they are, held until it is enabled again; the fund admins are told.
   */
  private async failed(manager: EntityManager, endpointId: string, outcome: Outcome, now: Date): Promise<void> {
    const [[endpoint]]: [{ consecutive_failures: number; failing_since: Date; enabled: boolean }[], number] =
      await manager.query(
        `UPDATE ${tableOf(manager, 'webhook_endpoints')}
         SET consecutive_failures = consecutive_failures + 1, failing_since = coalesce(failing_since, $2),
             last_error = $3
         WHERE endpoint_id = $1 RETURNING consecutive_failures, failing_since, enabled`,
        [endpointId, now, outcome.error],
      );
    if (!endpoint?.enabled) return;
    const gone = outcome.statusCode === 410;
    const tooLong =
      endpoint.consecutive_failures >= this.config.disableAfterFailures &&
      now.getTime() - endpoint.failing_since.getTime() >= this.config.disableAfterMs;
    if (!gone && !tooLong) return;
    const reason = gone
      ? 'the endpoint answered 410 Gone'
      : `${endpoint.consecutive_failures} failed attempts in a row since ${endpoint.failing_since.toISOString()}`;
    const [[disabled]]: [{ url: string }[], number] = await manager.query(
      `UPDATE ${tableOf(manager, 'webhook_endpoints')} SET enabled = false, disabled_at = $2, disabled_reason = $3
       WHERE endpoint_id = $1 AND enabled RETURNING url`,
      [endpointId, now, reason],
    );
    if (!disabled) return;
    this.logger.warn(`webhook endpoint ${endpointId} disabled: ${reason}`);
    await this.notices.record(manager, {
      kind: 'webhook-disabled',
      about: `${endpointId}:${now.toISOString()}`,
      fund: 'Fundline',
      parties: [{ type: 'fund-admin' }],
      at: now,
      params: () => ({
        url: disabled.url,
        failures: endpoint.consecutive_failures,
        lastError: outcome.error ?? '',
      }),
    });
  }
}

/** Retry-After in seconds (the date form is not worth the parsing for a hint). */
function retryAfterMs(header: string | null): number | undefined {
  return header && /^\d{1,9}$/.test(header.trim()) ? Number(header.trim()) * 1_000 : undefined;
}
