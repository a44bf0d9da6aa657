import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks for integrators: the endpoints fund admins register, one delivery per endpoint and event (unique, so a
 * replayed event queues nothing twice; its id is the `webhook-id` receivers deduplicate on), and every attempt at
 * each, for the delivery log.
 */
export class Webhooks1766100000000 implements MigrationInterface {
  name = 'Webhooks1766100000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`
      CREATE TABLE "${s}"."webhook_endpoints" (
        "endpoint_id" uuid PRIMARY KEY,
        "url" text NOT NULL,
        "description" text NULL,
        "event_types" text[] NOT NULL,
        "secret" text NOT NULL,
        "previous_secret" text NULL,
        "previous_secret_until" timestamptz NULL,
        "enabled" boolean NOT NULL DEFAULT true,
        "disabled_at" timestamptz NULL,
        "disabled_reason" text NULL,
        "consecutive_failures" int NOT NULL DEFAULT 0,
        "failing_since" timestamptz NULL,
        "last_success_at" timestamptz NULL,
        "last_error" text NULL,
        "created_by" text NOT NULL,
        "created_at" timestamptz NOT NULL,
        "deleted_at" timestamptz NULL
      )`);
    await q.query(
      `CREATE INDEX "webhook_endpoints_by_type" ON "${s}"."webhook_endpoints" USING gin ("event_types")
       WHERE "deleted_at" IS NULL`,
    );
    await q.query(`
      CREATE TABLE "${s}"."webhook_deliveries" (
        "delivery_id" uuid PRIMARY KEY,
        "endpoint_id" uuid NOT NULL REFERENCES "${s}"."webhook_endpoints" ("endpoint_id"),
        "event_id" uuid NOT NULL,
        "event_type" text NOT NULL,
        "body" text NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('pending', 'failed', 'delivered', 'parked')),
        "attempts" int NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz NOT NULL,
        "scheduled_at" timestamptz NULL,
        "lease_until" timestamptz NULL,
        "created_at" timestamptz NOT NULL,
        "last_attempt_at" timestamptz NULL,
        "last_status_code" int NULL,
        "last_error" text NULL,
        "delivered_at" timestamptz NULL,
        UNIQUE ("endpoint_id", "event_id")
      )`);
    await q.query(
      `CREATE INDEX "webhook_deliveries_due" ON "${s}"."webhook_deliveries" ("next_attempt_at")
       WHERE "status" IN ('pending', 'failed')`,
    );
    await q.query(
      `CREATE INDEX "webhook_deliveries_by_endpoint" ON "${s}"."webhook_deliveries" ("endpoint_id", "created_at")`,
    );
    // What an endpoint still owes (its listing counts it) stays small while the delivered log grows.
    await q.query(
      `CREATE INDEX "webhook_deliveries_open" ON "${s}"."webhook_deliveries" ("endpoint_id", "status")
       WHERE "status" <> 'delivered'`,
    );
    await q.query(`
      CREATE TABLE "${s}"."webhook_attempts" (
        "attempt_id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "delivery_id" uuid NOT NULL REFERENCES "${s}"."webhook_deliveries" ("delivery_id"),
        "at" timestamptz NOT NULL,
        "status_code" int NULL,
        "error" text NULL,
        "duration_ms" int NOT NULL
      )`);
    await q.query(`CREATE INDEX "webhook_attempts_by_delivery" ON "${s}"."webhook_attempts" ("delivery_id", "at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_endpoints']) {
      await q.query(`DROP TABLE "${s}"."${table}"`);
    }
  }
}
