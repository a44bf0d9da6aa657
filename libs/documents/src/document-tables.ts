import { QueryRunner } from 'typeorm';

/**
 * The document tables, created by a service's own migration inside its own schema (as createMessagingTables), for
 * the documents of the subjects that service owns. Documents, their bytes and their downloads are never changed
 * nor deleted (G3): triggers refuse it, so even a faulty query cannot rewrite the audit trail.
 */
export async function createDocumentTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}"."documents" (
      "document_id" uuid PRIMARY KEY,
      "owner_type" text NOT NULL CHECK ("owner_type" IN ('concept', 'allocation', 'obligation', 'revision')),
      "owner_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "file_name" text NOT NULL,
      "media_type" text NOT NULL,
      "size_bytes" bigint NOT NULL CHECK ("size_bytes" > 0),
      "sha256" char(64) NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
      "uploaded_by" text NOT NULL,
      "uploaded_by_role" text NOT NULL,
      "uploaded_at" timestamptz NOT NULL DEFAULT now(),
      "version" int NOT NULL DEFAULT 1 CHECK ("version" >= 1),
      "supersedes" uuid NULL UNIQUE REFERENCES "${schema}"."documents" ("document_id"),
      "public" boolean NOT NULL DEFAULT false,
      "storage" text NOT NULL DEFAULT 'postgres' CHECK ("storage" IN ('postgres', 's3'))
    )`);
  await queryRunner.query(`CREATE INDEX "documents_owner" ON "${schema}"."documents" ("owner_type", "owner_id")`);
  // The document row is written after its bytes, once their size and hash are known: the key is checked at commit.
  await queryRunner.query(`
    CREATE TABLE "${schema}"."document_chunks" (
      "document_id" uuid NOT NULL REFERENCES "${schema}"."documents" ("document_id") DEFERRABLE INITIALLY DEFERRED,
      "seq" int NOT NULL,
      "bytes" bytea NOT NULL,
      PRIMARY KEY ("document_id", "seq")
    )`);
  await queryRunner.query(`
    CREATE TABLE "${schema}"."document_downloads" (
      "download_id" bigserial PRIMARY KEY,
      "document_id" uuid NOT NULL REFERENCES "${schema}"."documents" ("document_id"),
      "downloaded_by" text NOT NULL,
      "downloaded_by_role" text NOT NULL,
      "downloaded_at" timestamptz NOT NULL DEFAULT now()
    )`);
  await queryRunner.query(
    `CREATE INDEX "document_downloads_document" ON "${schema}"."document_downloads" ("document_id", "downloaded_at")`,
  );
  await queryRunner.query(`
    CREATE FUNCTION "${schema}"."documents_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'documents are never changed nor deleted (G3): % on %', TG_OP, TG_TABLE_NAME;
    END $$`);
  for (const table of ['documents', 'document_chunks', 'document_downloads']) {
    await queryRunner.query(
      `CREATE TRIGGER "${table}_immutable" BEFORE UPDATE OR DELETE ON "${schema}"."${table}" ` +
        `FOR EACH ROW EXECUTE FUNCTION "${schema}"."documents_immutable"()`,
    );
  }
}

export async function dropDocumentTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."document_downloads"`);
  await queryRunner.query(`DROP TABLE "${schema}"."document_chunks"`);
  await queryRunner.query(`DROP TABLE "${schema}"."documents"`);
  await queryRunner.query(`DROP FUNCTION "${schema}"."documents_immutable"()`);
}
