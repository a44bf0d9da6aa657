import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { DocumentContent, StoredDocument } from './document';
import { writeChunks } from './document-chunks';
import { DocumentStore } from './document-store';

/** The default store: the bytes as chunk rows in the service's own schema, beside the metadata (ADR 0021). */
export class PostgresDocumentStore extends DocumentStore {
  readonly storage = 'postgres' as const;

  protected writeBytes(manager: EntityManager, documentId: string, content: DocumentContent['content']) {
    return writeChunks(manager, documentId, content);
  }

  protected openBytes(_manager: EntityManager, document: StoredDocument): Readable {
    throw new Error(`document ${document.documentId} is stored in S3: set DOCUMENT_STORE=s3 to read it`);
  }
}
