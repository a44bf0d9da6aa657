import { createHash } from 'node:crypto';
import { DomainError } from '@fundline/domain';
import { Column, DataSource, Entity, EntityManager, PrimaryColumn, QueryRunner } from 'typeorm';

/** The first response to each (scope, key), kept so that a retried request gets the same answer and no new effect. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyRecord {
  @PrimaryColumn('text')
  scope: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text', { name: 'request_hash' })
  requestHash: string;

  @Column('int', { name: 'response_status' })
  responseStatus: number;

  @Column('jsonb', { name: 'response_body' })
  responseBody: object;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

export async function createIdempotencyTable(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`
    CREATE TABLE "${schema}"."idempotency_keys" (
      "scope" text NOT NULL,
      "key" text NOT NULL,
      "request_hash" text NOT NULL,
      "response_status" int NOT NULL,
      "response_body" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("scope", "key")
    )`);
}

export interface IdempotentRequest {
  /** Who and what: the user and the route, so one user's key never answers another's request. */
  scope: string;
  key: string;
  /** The request as received, hashed to tell a retry from a different request that reuses the key. */
  body: unknown;
}

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** JSON with object keys sorted at every depth: equal values give equal text, whatever order their keys came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs a money-moving command at most once per idempotency key, in one transaction with its effect:
 * - the same key and body again returns the first response (and posts nothing);
 * - the same key with another body is refused (422);
 * - the same key while the first request is still running is refused (409), never run twice.
 * The key's record commits with the effect, so a crash leaves either both or neither.
 */
export async function runIdempotent<T extends object>(
  dataSource: DataSource,
  request: IdempotentRequest,
  work: (manager: EntityManager) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const requestHash = createHash('sha256').update(canonicalJson(request.body)).digest('hex');
  return dataSource.transaction(async (manager) => {
    const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', [
      `${request.scope}\n${request.key}`,
    ])) as Array<{ locked: boolean }>;
    if (!locked) {
      throw new DomainError(
        'IDEMPOTENCY.IN_FLIGHT',
        `a request with Idempotency-Key ${request.key} is still being processed; retry later`,
        'conflict',
      );
    }
    const previous = await manager.findOne(IdempotencyRecord, { where: { scope: request.scope, key: request.key } });
    if (previous) {
      if (previous.requestHash !== requestHash) {
        throw DomainError.invalid('IDEMPOTENCY.KEY_REUSED', [
          {
            field: 'Idempotency-Key',
            rule: 'idempotency',
            message: `Idempotency-Key ${request.key} was already used for a different request`,
          },
        ]);
      }
      return { status: previous.responseStatus, body: previous.responseBody as T, replayed: true };
    }
    const result = await work(manager);
    await manager.insert(IdempotencyRecord, {
      scope: request.scope,
      key: request.key,
      requestHash,
      responseStatus: result.status,
      responseBody: JSON.parse(JSON.stringify(result.body)) as object,
    });
    return { ...result, replayed: false };
  });
}
