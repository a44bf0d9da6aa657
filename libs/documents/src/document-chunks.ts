import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { tableOf } from '@fundline/persistence';
import { EntityManager } from 'typeorm';
import { DocumentContent } from './document';

/** Size of a stored chunk: few rows per file, and little memory per row written or read. */
export const CHUNK_BYTES = 256 * 1024;
/** Chunks fetched per query when reading: 1 MiB in memory at most. */
const CHUNKS_PER_PAGE = 4;

/** Writes a file as rows of about CHUNK_BYTES as it streams in, measuring its size and SHA-256. */
export async function writeChunks(
  manager: EntityManager,
  documentId: string,
  content: DocumentContent['content'],
): Promise<{ sizeBytes: number; sha256: string }> {
  const table = tableOf(manager, 'document_chunks');
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const bytes = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await manager.query(`INSERT INTO ${table} ("document_id", "seq", "bytes") VALUES ($1, $2, $3)`, [
      documentId,
      seq++,
      bytes,
    ]);
  };
  for await (const chunk of content) {
    hash.update(chunk);
    sizeBytes += chunk.byteLength;
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    pendingBytes += chunk.byteLength;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  }
  await flush();
  return { sizeBytes, sha256: hash.digest('hex') };
}

/** A document's bytes read a page of chunks at a time by key (`seq >= n`), as the reader asks for them. */
export function readChunks(manager: EntityManager, documentId: string): Readable {
  const table = tableOf(manager, 'document_chunks');
  async function* pages(): AsyncGenerator<Buffer> {
    let next = 0;
    for (;;) {
      const rows = (await manager.query(
        `SELECT "seq", "bytes" FROM ${table} WHERE "document_id" = $1 AND "seq" >= $2 ORDER BY "seq" LIMIT ${CHUNKS_PER_PAGE}`,
        [documentId, next],
      )) as Array<{ seq: number; bytes: Buffer }>;
      for (const row of rows) yield row.bytes;
      if (rows.length < CHUNKS_PER_PAGE) return;
      next = rows[rows.length - 1].seq + 1;
    }
  }
  return Readable.from(pages(), { objectMode: false });
}
