import { createHash } from 'node:crypto';
import { get } from 'node:http';

/** Downloads a document as a stream, hashing it on the way: the client keeps none of it. */
export function rawDownload(
  port: number,
  documentId: string,
): Promise<{ status: number; size: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: `/documents/${documentId}` }, (res) => {
      const hash = createHash('sha256');
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, size, sha256: hash.digest('hex') }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
