import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { tableOf } from '@fundline/persistence';
import { EntityManager } from 'typeorm';
import { readChunks } from './document-chunks';
import {
  DocumentActor,
  DocumentContent,
  DocumentOwnerType,
  DocumentStorage,
  NewDocument,
  StoredDocument,
} from './document';
import { documentProblems } from './problems';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface DocumentRow {
  document_id: string;
  owner_type: DocumentOwnerType;
  owner_id: string;
  kind: string;
  file_name: string;
  media_type: string;
  size_bytes: string;
  sha256: string;
  uploaded_by: string;
  uploaded_by_role: string;
  uploaded_at: Date;
  version: number;
  supersedes: string | null;
  public: boolean;
  storage: DocumentStorage;
}

export interface DocumentDownload {
  documentId: string;
  downloadedBy: string;
  downloadedByRole: string;
  downloadedAt: string;
}

/**
 * Where a service keeps its documents: the metadata always in its own PostgreSQL schema (createDocumentTables),
 * the bytes in PostgreSQL (PostgresDocumentStore, the default) or an S3-compatible bucket (S3DocumentStore), chosen
 * by configuration (documentStoreFromEnv). Used as the Nest injection token for whichever is configured.
 */
export abstract class DocumentStore {
  /** Where this store writes new documents' bytes. */
  abstract readonly storage: DocumentStorage;

  /**
   * Writes the bytes of a new document, streaming, and answers their size and SHA-256 as measured while writing.
   * Runs inside the caller's transaction: a failure while `content` streams leaves nothing once it rolls back.
   */
  protected abstract writeBytes(
    manager: EntityManager,
    documentId: string,
    content: DocumentContent['content'],
  ): Promise<{ sizeBytes: number; sha256: string }>;

  /** The bytes of a document this store wrote. */
  protected abstract openBytes(manager: EntityManager, document: StoredDocument): Readable;

  /**
   * Stores a new document, or a new version of one (`supersedes`), in the caller's transaction: the same one as
   * the event that announces it (outbox), so that a document and its announcement exist together or not at all.
   */
  async put(manager: EntityManager, document: NewDocument, content: DocumentContent): Promise<StoredDocument> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('DocumentStore.put runs inside a transaction: the bytes and their row commit together');
    }
    const version = await this.nextVersion(manager, document);
    const documentId = randomUUID();
    const { sizeBytes, sha256 } = await this.writeBytes(manager, documentId, content.content);
    if (sizeBytes === 0) throw documentProblems.empty();
    try {
      const [row] = (await manager.query(
        `INSERT INTO ${tableOf(manager, 'documents')} ("document_id", "owner_type", "owner_id", "kind", "file_name",
           "media_type", "size_bytes", "sha256", "uploaded_by", "uploaded_by_role", "version", "supersedes", "public",
           "storage")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
        [
          documentId,
          document.ownerType,
          document.ownerId,
          document.kind,
          content.fileName,
          content.mediaType,
          sizeBytes,
          sha256,
          document.uploadedBy.userId,
          document.uploadedBy.role,
          version,
          document.supersedes ?? null,
          document.public ?? false,
          this.storage,
        ],
      )) as DocumentRow[];
      return toDocument(row);
    } catch (error) {
      // Another upload replaced the same version first: versions form a line, never a fork.
      if ((error as { code?: string }).code === '23505' && document.supersedes) {
        throw documentProblems.superseded(document.supersedes);
      }
      throw error;
    }
  }

  /** A document's metadata; DOCUMENT.NOT_FOUND (404) when there is none. */
  async get(manager: EntityManager, documentId: string): Promise<StoredDocument> {
    const rows = UUID.test(documentId)
      ? ((await manager.query(`SELECT * FROM ${tableOf(manager, 'documents')} WHERE "document_id" = $1`, [
          documentId,
        ])) as DocumentRow[])
      : [];
    if (!rows.length) throw documentProblems.notFound(documentId);
    return toDocument(rows[0]);
  }

  /**
   * Every document of an owner (or of several owners of one type, in one query), every version included, oldest
   * first; `latest` keeps those not replaced.
   */
  async list(
    manager: EntityManager,
    owner: { type: DocumentOwnerType; id: string | readonly string[] },
    options: { latest?: boolean } = {},
  ): Promise<StoredDocument[]> {
    const ids = (typeof owner.id === 'string' ? [owner.id] : owner.id).filter((id) => UUID.test(id));
    if (ids.length === 0) return [];
    const table = tableOf(manager, 'documents');
    const latest = options.latest
      ? `AND NOT EXISTS (SELECT 1 FROM ${table} n WHERE n."supersedes" = d."document_id")`
      : '';
    const rows = (await manager.query(
      `SELECT d.* FROM ${table} d WHERE d."owner_type" = $1 AND d."owner_id" = ANY($2::uuid[]) ${latest}
       ORDER BY d."uploaded_at", d."version", d."document_id"`,
      [owner.type, ids],
    )) as DocumentRow[];
    return rows.map(toDocument);
  }

  /**
   * The bytes of a document, streamed; a document stays where it was written, so switching DOCUMENT_STORE to s3
   * keeps the documents already in PostgreSQL readable.
   */
  open(manager: EntityManager, document: StoredDocument): Readable {
    return document.storage === 'postgres'
      ? readChunks(manager, document.documentId)
      : this.openBytes(manager, document);
  }

  /** Records who downloads a non-public document and when (issue 13, item 6); public ones are not tracked. */
  async recordDownload(manager: EntityManager, document: StoredDocument, reader: DocumentActor): Promise<void> {
    if (document.public) return;
    await manager.query(
      `INSERT INTO ${tableOf(manager, 'document_downloads')} ("document_id", "downloaded_by", "downloaded_by_role")
       VALUES ($1, $2, $3)`,
      [document.documentId, reader.userId, reader.role],
    );
  }

  /** The recorded downloads of a document, oldest first. */
  async downloads(manager: EntityManager, documentId: string): Promise<DocumentDownload[]> {
    const rows = (await manager.query(
      `SELECT * FROM ${tableOf(manager, 'document_downloads')} WHERE "document_id" = $1
       ORDER BY "downloaded_at", "download_id"`,
      [documentId],
    )) as Array<{ document_id: string; downloaded_by: string; downloaded_by_role: string; downloaded_at: Date }>;
    return rows.map((row) => ({
      documentId: row.document_id,
      downloadedBy: row.downloaded_by,
      downloadedByRole: row.downloaded_by_role,
      downloadedAt: row.downloaded_at.toISOString(),
    }));
  }

  private async nextVersion(manager: EntityManager, document: NewDocument): Promise<number> {
    if (!document.supersedes) return 1;
    const previous = await this.get(manager, document.supersedes);
    if (
      previous.ownerType !== document.ownerType ||
      previous.ownerId !== document.ownerId ||
      previous.kind !== document.kind
    ) {
      throw documentProblems.supersedesOther(previous.documentId);
    }
    const [replaced] = (await manager.query(
      `SELECT "document_id" FROM ${tableOf(manager, 'documents')} WHERE "supersedes" = $1`,
      [previous.documentId],
    )) as Array<{ document_id: string }>;
    if (replaced) throw documentProblems.superseded(previous.documentId);
    return previous.version + 1;
  }
}

function toDocument(row: DocumentRow): StoredDocument {
  return {
    documentId: row.document_id,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    kind: row.kind,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedByRole: row.uploaded_by_role,
    uploadedAt: row.uploaded_at.toISOString(),
    version: row.version,
    supersedes: row.supersedes,
    public: row.public,
    storage: row.storage,
  };
}
