import { pipeline } from 'node:stream/promises';
import { ServerResponse } from 'node:http';
import { EntityManager } from 'typeorm';
import { DocumentActor, StoredDocument } from './document';
import { DocumentStore } from './document-store';

/** `attachment` with the name in ASCII for old clients and in UTF-8 (RFC 6266, RFC 8187) for the others. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Serves a document the caller may read (access is the route's decision): records the download first when the
 * document is not public, then streams the bytes as they are read, with the type detected at upload, the hash as
 * ETag and Repr-Digest, and `nosniff` so that no browser runs it as something else.
 */
export async function sendDocument(
  res: ServerResponse,
  options: { store: DocumentStore; manager: EntityManager; document: StoredDocument; reader: DocumentActor },
): Promise<void> {
  const { store, manager, document, reader } = options;
  await store.recordDownload(manager, document, reader);
  res.statusCode = 200;
  res.setHeader('Content-Type', document.mediaType);
  res.setHeader('Content-Length', String(document.sizeBytes));
  res.setHeader('Content-Disposition', contentDisposition(document.fileName));
  res.setHeader('ETag', `"${document.sha256}"`);
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', document.public ? 'public, max-age=300' : 'private, no-store');
  await pipeline(store.open(manager, document), res);
}
