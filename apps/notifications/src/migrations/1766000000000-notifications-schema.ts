import { createMessagingTables, dropMessagingTables } from '@fundline/messaging';
import { schemaOf } from '@fundline/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifier's own tables: what it needs to know of submissions, allocations and reports owed (from events), who is
 * told (contacts: personal data that lives only here, ADR 0020), and every notification it has decided to send. The
 * unique `dedupe_key` is what makes a reminder go once per obligation, offset and recipient through restarts and replays.
 */
export class NotificationsSchema1766000000000 implements MigrationInterface {
  name = 'NotificationsSchema1766000000000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await createMessagingTables(q, s);
    await q.query(`
      CREATE TABLE "${s}"."submissions" (
        "submission_id" uuid PRIMARY KEY,
        "fund" text NOT NULL,
        "form" text NOT NULL,
        "country" char(3) NOT NULL,
        "title" text NOT NULL,
        "organisations" text[] NOT NULL DEFAULT '{}',
        "status" text NOT NULL,
        "expires_at" timestamptz NULL,
        "expiry_warned_for" timestamptz NULL
      )`);
    // Approved or rejected entries leave the pipeline (M7): kept apart, because the decision may be read before the
    // submission's own events (the topics are read independently).
    await q.query(`CREATE TABLE "${s}"."decided_submissions" ("submission_id" uuid PRIMARY KEY)`);
    await q.query(
      `CREATE INDEX "submissions_expiring" ON "${s}"."submissions" ("expires_at") WHERE "expires_at" IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE "${s}"."allocations" (
        "allocation_id" uuid PRIMARY KEY,
        "submission_id" uuid NOT NULL,
        "fund" text NOT NULL,
        "organisations" text[] NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${s}"."obligations" (
        "obligation_id" uuid PRIMARY KEY,
        "allocation_id" uuid NOT NULL,
        "submission_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "due_on" date NOT NULL,
        "submitted_on" date NULL,
        "last_notice" text NULL
      )`);
    await q.query(
      `CREATE INDEX "obligations_open_by_due" ON "${s}"."obligations" ("due_on") WHERE "submitted_on" IS NULL`,
    );
    // Funds events about a submission whose concepts events have not been read yet (the two topics are read
    // independently): kept here and noticed when the submission arrives.
    await q.query(`
      CREATE TABLE "${s}"."held_events" (
        "event_id" uuid PRIMARY KEY,
        "submission_id" uuid NOT NULL,
        "event" jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX "held_events_by_submission" ON "${s}"."held_events" ("submission_id")`);
    await q.query(`
      CREATE TABLE "${s}"."contacts" (
        "contact_id" uuid PRIMARY KEY,
        "party_type" text NOT NULL CHECK ("party_type" IN ('government', 'organisation', 'fund-staff', 'fund-admin')),
        "party_code" text NOT NULL,
        "name" text NOT NULL,
        "email" text NOT NULL,
        "language" text NULL CHECK ("language" IN ('en', 'fr', 'es')),
        "user_id" text NULL,
        "created_by" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "removed_at" timestamptz NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "contacts_one_address_per_party" ON "${s}"."contacts" ("party_type", "party_code", lower("email"))
       WHERE "removed_at" IS NULL`,
    );
    await q.query(`
      CREATE TABLE "${s}"."opt_outs" (
        "contact_id" uuid NOT NULL REFERENCES "${s}"."contacts" ("contact_id"),
        "kind" text NOT NULL,
        "at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("contact_id", "kind")
      )`);
    await q.query(`
      CREATE TABLE "${s}"."notifications" (
        "notification_id" uuid PRIMARY KEY,
        "dedupe_key" text NOT NULL UNIQUE,
        "contact_id" uuid NOT NULL REFERENCES "${s}"."contacts" ("contact_id"),
        "kind" text NOT NULL,
        "language" text NOT NULL,
        "subject" text NOT NULL,
        "body" text NOT NULL,
        "delivery" text NOT NULL CHECK ("delivery" IN ('mail', 'digest')),
        "status" text NOT NULL CHECK ("status" IN ('pending', 'sent', 'digested', 'parked', 'skipped')),
        "created_at" timestamptz NOT NULL,
        "attempts" int NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz NOT NULL,
        "last_error" text NULL,
        "sent_at" timestamptz NULL,
        "digest_id" uuid NULL
      )`);
    await q.query(
      `CREATE INDEX "notifications_to_send" ON "${s}"."notifications" ("next_attempt_at") WHERE "status" = 'pending'`,
    );
    await q.query(
      `CREATE INDEX "notifications_for_digest" ON "${s}"."notifications" ("contact_id", "created_at")
       WHERE "delivery" = 'digest' AND "digest_id" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    for (const table of [
      'notifications',
      'opt_outs',
      'contacts',
      'held_events',
      'obligations',
      'allocations',
      'submissions',
    ]) {
      await q.query(`DROP TABLE "${s}"."${table}"`);
    }
    await dropMessagingTables(q, s);
  }
}
