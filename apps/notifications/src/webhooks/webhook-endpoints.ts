import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Actor, EVENT_CONTRACTS } from '@fundline/contracts';
import { Clock, DomainError } from '@fundline/domain';
import { Page } from '@fundline/http';
import { tableOf } from '@fundline/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { newSecret } from './signature';
import { WEBHOOK_CONFIG, WebhookConfig } from './webhook-config';
import { checkWebhookUrl } from './webhook-url';
import {
  ALL_EVENTS,
  CreateWebhookEndpointDto,
  DeliveriesQuery,
  DeliveryStatus,
  UpdateWebhookEndpointDto,
} from './webhook.dto';

/** After a rotation, deliveries carry a signature with the previous secret too for this long, so receivers can switch. */
const PREVIOUS_SECRET_VALID_MS = 24 * 3_600_000;
/** Most attempts listed with one delivery in the log: the newest. */
const ATTEMPTS_SHOWN = 50;

export interface EndpointView {
  endpointId: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  consecutiveFailures: number;
  failingSince: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  deliveries: Record<'pending' | 'failed' | 'parked', number>;
  createdBy: string;
  createdAt: string;
}

export interface AttemptView {
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryView {
  /** Also the `webhook-id` header: the same on every attempt, for receivers to deduplicate. */
  deliveryId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  log: AttemptView[];
}

interface EndpointRow {
  endpoint_id: string;
  url: string;
  description: string | null;
  event_types: string[];
  enabled: boolean;
  disabled_at: Date | null;
  disabled_reason: string | null;
  consecutive_failures: number;
  failing_since: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  created_by: string;
  created_at: Date;
  pending: number;
  failed: number;
  parked: number;
}

interface DeliveryRow {
  delivery_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  created_at: Date;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  total?: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The endpoints fund admins register and their delivery logs. A secret is shown once, when it is made; after that
 * nothing returns it. Deleting an endpoint keeps it and its log for the record and stops every delivery to it.
 */
@Injectable()
export class WebhookEndpoints {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(WEBHOOK_CONFIG) private readonly config: WebhookConfig,
  ) {}

  async create(actor: Actor, dto: CreateWebhookEndpointDto): Promise<EndpointView & { secret: string }> {
    const eventTypes = checkEventTypes(dto.eventTypes);
    await checkWebhookUrl(dto.url, this.config.allowPrivateNetworks);
    const id = randomUUID();
    const secret = newSecret();
    await this.dataSource.query(
      `INSERT INTO ${tableOf(this.dataSource, 'webhook_endpoints')}
         (endpoint_id, url, description, event_types, secret, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, dto.url, dto.description ?? null, eventTypes, secret, actor.userId, this.clock.now()],
    );
    return { ...(await this.get(id)), secret };
  }

  async list(): Promise<EndpointView[]> {
    const rows: EndpointRow[] = await this.dataSource.query(
      `${selectEndpoints(this.dataSource.manager)} WHERE e.deleted_at IS NULL ORDER BY e.created_at, e.endpoint_id`,
    );
    return rows.map(endpointView);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<EndpointView> {
    const rows: EndpointRow[] = await manager.query(
      `${selectEndpoints(manager)} WHERE e.endpoint_id = $1 AND e.deleted_at IS NULL`,
      [id],
    );
    if (!rows[0]) throw endpointNotFound(id);
    return endpointView(rows[0]);
  }

  async update(actor: Actor, id: string, dto: UpdateWebhookEndpointDto): Promise<EndpointView> {
    const eventTypes = dto.eventTypes && checkEventTypes(dto.eventTypes);
    if (dto.url !== undefined) await checkWebhookUrl(dto.url, this.config.allowPrivateNetworks);
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, id);
      const now = this.clock.now();
      // Enabling again starts the failure count afresh, so the endpoint gets a full period before it can be disabled.
      await manager.query(
        `UPDATE ${tableOf(manager, 'webhook_endpoints')} SET
           url = coalesce($2::text, url),
           description = coalesce($3::text, description),
           event_types = coalesce($4::text[], event_types),
           enabled = coalesce($5::boolean, enabled),
           disabled_at = CASE WHEN $5 IS NULL OR $5 = enabled THEN disabled_at WHEN $5 THEN NULL ELSE $6::timestamptz END,
           disabled_reason = CASE WHEN $5 IS NULL OR $5 = enabled THEN disabled_reason WHEN $5 THEN NULL ELSE $7::text END,
           consecutive_failures = CASE WHEN $5 AND NOT enabled THEN 0 ELSE consecutive_failures END,
           failing_since = CASE WHEN $5 AND NOT enabled THEN NULL ELSE failing_since END
         WHERE endpoint_id = $1`,
        [
          id,
          dto.url ?? null,
          dto.description ?? null,
          eventTypes ?? null,
          dto.enabled ?? null,
          now,
          `disabled by ${actor.userId}`,
        ],
      );
      return this.get(id, manager);
    });
  }

  async remove(id: string): Promise<void> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE ${tableOf(this.dataSource, 'webhook_endpoints')} SET deleted_at = $2, enabled = false
       WHERE endpoint_id = $1 AND deleted_at IS NULL`,
      [id, this.clock.now()],
    );
    if (affected === 0) throw endpointNotFound(id);
  }

  /** A new secret; the previous one keeps signing beside it for a day, so receivers switch without losing a delivery. */
  async rotateSecret(id: string): Promise<{ endpointId: string; secret: string; previousSecretValidUntil: string }> {
    const secret = newSecret();
    const until = new Date(this.clock.now().getTime() + PREVIOUS_SECRET_VALID_MS);
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE ${tableOf(this.dataSource, 'webhook_endpoints')}
       SET previous_secret = secret, previous_secret_until = $3, secret = $2
       WHERE endpoint_id = $1 AND deleted_at IS NULL`,
      [id, secret, until],
    );
    if (affected === 0) throw endpointNotFound(id);
    return { endpointId: id, secret, previousSecretValidUntil: until.toISOString() };
  }

  async deliveries(id: string, query: DeliveriesQuery): Promise<Page<DeliveryView>> {
    await this.get(id);
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT d.*, count(*) OVER () AS total FROM ${tableOf(this.dataSource, 'webhook_deliveries')} d
       WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2)
       ORDER BY d.created_at DESC, d.delivery_id LIMIT $3 OFFSET $4`,
      [id, query.status ?? null, query.limit, query.offset],
    );
    return {
      items: await this.withAttempts(rows),
      total: Number(rows[0]?.total ?? 0),
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Parked and failing deliveries of an endpoint go again now, each with a full retry schedule. */
  async replayEndpoint(id: string): Promise<{ replayed: number; enabled: boolean }> {
    const endpoint = await this.get(id);
    const now = this.clock.now();
    const [, replayed]: [unknown, number] = await this.dataSource.query(
      `UPDATE ${tableOf(this.dataSource, 'webhook_deliveries')}
       SET status = 'pending', attempts = 0, next_attempt_at = $2, scheduled_at = NULL
       WHERE endpoint_id = $1 AND status IN ('parked', 'failed') AND (lease_until IS NULL OR lease_until <= $2)`,
      [id, now],
    );
    return { replayed, enabled: endpoint.enabled };
  }

  /**
   * One delivery goes again now, with a full retry schedule, whatever its status: a receiver that lost what it was
   * sent can have it again, under the same webhook-id. Not while an attempt is under way.
   */
  async replayDelivery(deliveryId: string): Promise<DeliveryView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const rows: DeliveryRow[] = await manager.query(
        `SELECT d.* FROM ${tableOf(manager, 'webhook_deliveries')} d
         JOIN ${tableOf(manager, 'webhook_endpoints')} e USING (endpoint_id)
         WHERE d.delivery_id = $1 AND e.deleted_at IS NULL FOR UPDATE OF d`,
        [deliveryId],
      );
      const row = rows[0];
      if (!row) {
        throw new DomainError('WEBHOOK.DELIVERY_NOT_FOUND', `no webhook delivery ${deliveryId}`, 'not-found', [], {
          id: deliveryId,
        });
      }
      if (row.lease_until && row.lease_until > now) {
        throw new DomainError(
          'WEBHOOK.IN_FLIGHT',
          `delivery ${deliveryId} is being attempted now; replay it once the attempt is over`,
          'conflict',
          [],
          { id: deliveryId },
        );
      }
      const [updated]: [DeliveryRow[], number] = await manager.query(
        `UPDATE ${tableOf(manager, 'webhook_deliveries')}
         SET status = 'pending', attempts = 0, next_attempt_at = $2, scheduled_at = NULL, lease_until = NULL
         WHERE delivery_id = $1 RETURNING *`,
        [deliveryId, now],
      );
      const [view] = await this.withAttempts(updated, manager);
      return view;
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<void> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM ${tableOf(manager, 'webhook_endpoints')} WHERE endpoint_id = $1 AND deleted_at IS NULL FOR UPDATE`,
      [id],
    );
    if (rows.length === 0) throw endpointNotFound(id);
  }

  private async withAttempts(
    rows: DeliveryRow[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DeliveryView[]> {
    const attempts: (AttemptView & { delivery_id: string })[] = rows.length
      ? await manager.query(
          `SELECT delivery_id, at, status_code AS "statusCode", error, duration_ms AS "durationMs" FROM (
             SELECT a.*, row_number() OVER (PARTITION BY delivery_id ORDER BY at DESC, attempt_id DESC) AS n
             FROM ${tableOf(manager, 'webhook_attempts')} a WHERE delivery_id = ANY($1)) newest
           WHERE n <= ${ATTEMPTS_SHOWN} ORDER BY at, attempt_id`,
          [rows.map((r) => r.delivery_id)],
        )
      : [];
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      endpointId: r.endpoint_id,
      eventId: r.event_id,
      eventType: r.event_type,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' || r.status === 'failed' ? r.next_attempt_at.toISOString() : null,
      createdAt: r.created_at.toISOString(),
      lastAttemptAt: iso(r.last_attempt_at),
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      deliveredAt: iso(r.delivered_at),
      log: attempts
        .filter((a) => a.delivery_id === r.delivery_id)
        .map((a) => ({
          at: new Date(a.at).toISOString(),
          statusCode: a.statusCode,
          error: a.error,
          durationMs: a.durationMs,
        })),
    }));
  }
}

/** The types asked for, each once, if every one is a current event type or '*'; else a refusal naming the known ones. */
function checkEventTypes(types: string[]): string[] {
  const known = Object.keys(EVENT_CONTRACTS);
  const unknown = types.filter((t) => t !== ALL_EVENTS && !known.includes(t));
  if (unknown.length) {
    throw DomainError.invalid(
      'WEBHOOK.EVENT_TYPES',
      [
        {
          field: 'eventTypes',
          rule: 'eventType',
          message: `unknown event types ${unknown.join(', ')}; known: ${ALL_EVENTS}, ${known.join(', ')}`,
        },
      ],
      'invalid',
      { unknown: unknown.join(', '), known: [ALL_EVENTS, ...known].join(', ') },
    );
  }
  return [...new Set(types)];
}

function endpointNotFound(id: string): DomainError {
  return new DomainError('WEBHOOK.ENDPOINT_NOT_FOUND', `no webhook endpoint ${id}`, 'not-found', [], { id });
}

function selectEndpoints(manager: EntityManager): string {
  return `SELECT e.endpoint_id, e.url, e.description, e.event_types, e.enabled, e.disabled_at, e.disabled_reason,
            e.consecutive_failures, e.failing_since, e.last_success_at, e.last_error, e.created_by, e.created_at,
            c.pending, c.failed, c.parked
     FROM ${tableOf(manager, 'webhook_endpoints')} e
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE d.status = 'pending')::int AS pending,
              count(*) FILTER (WHERE d.status = 'failed')::int AS failed,
              count(*) FILTER (WHERE d.status = 'parked')::int AS parked
       FROM ${tableOf(manager, 'webhook_deliveries')} d WHERE d.endpoint_id = e.endpoint_id AND d.status <> 'delivered') c`;
}

function endpointView(r: EndpointRow): EndpointView {
  return {
    endpointId: r.endpoint_id,
    url: r.url,
    description: r.description,
    eventTypes: r.event_types,
    enabled: r.enabled,
    disabledAt: iso(r.disabled_at),
    disabledReason: r.disabled_reason,
    consecutiveFailures: r.consecutive_failures,
    failingSince: iso(r.failing_since),
    lastSuccessAt: iso(r.last_success_at),
    lastError: r.last_error,
    deliveries: { pending: r.pending, failed: r.failed, parked: r.parked },
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
  };
}
