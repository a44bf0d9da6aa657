import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { EntityManager } from 'typeorm';
import { DocumentContent, StoredDocument } from '../document';
import { DocumentStore } from '../document-store';
import { EMPTY_PAYLOAD_HASH, sha256Hex, signRequest, uriEncode } from './sigv4';

export interface S3Config {
  /** `https://s3.eu-west-1.amazonaws.com`, `http://minio:9000`: requests use path-style URLs under it. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** S3's smallest part but the last: the most of a file held in memory while it is sent. */
export const S3_PART_BYTES = 5 * 1024 * 1024;

/**
 * Bytes in an S3-compatible bucket (AWS S3, MinIO, …) under `<schema>/<document id>`, metadata still in the
 * service's schema. A file of one part is one PUT; a larger one a multipart upload, aborted when the upload fails.
 * An object whose transaction later rolls back stays in the bucket, unreferenced (ADR 0021).
 */
export class S3DocumentStore extends DocumentStore {
  readonly storage = 's3' as const;

  constructor(private readonly config: S3Config) {
    super();
  }

  protected async writeBytes(manager: EntityManager, documentId: string, content: DocumentContent['content']) {
    const key = this.keyOf(manager, documentId);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let uploadId: string | undefined;
    const etags: string[] = [];
    const sendPart = async () => {
      const body = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      uploadId ??= /<UploadId>([^<]+)<\/UploadId>/.exec(
        await this.send('POST', key, { uploads: '' }).then((r) => r.text()),
      )?.[1];
      if (!uploadId) throw new Error(`S3 did not start a multipart upload of ${key}`);
      const part = await this.send('PUT', key, { partNumber: String(etags.length + 1), uploadId }, body);
      etags.push(part.headers.get('etag') ?? '');
    };
    try {
      for await (const chunk of content) {
        hash.update(chunk);
        sizeBytes += chunk.byteLength;
        pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        pendingBytes += chunk.byteLength;
        if (pendingBytes >= S3_PART_BYTES) await sendPart();
      }
      if (uploadId === undefined) {
        if (sizeBytes > 0) await this.send('PUT', key, {}, Buffer.concat(pending, pendingBytes));
      } else {
        if (pendingBytes > 0) await sendPart();
        const parts = etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`);
        const xml = `<CompleteMultipartUpload>${parts.join('')}</CompleteMultipartUpload>`;
        await this.send('POST', key, { uploadId }, Buffer.from(xml));
      }
    } catch (error) {
      if (uploadId) await this.send('DELETE', key, { uploadId }).catch(() => undefined);
      throw error;
    }
    return { sizeBytes, sha256: hash.digest('hex') };
  }

  protected openBytes(manager: EntityManager, document: StoredDocument): Readable {
    const key = this.keyOf(manager, document.documentId);
    const send = () => this.send('GET', key, {});
    async function* body(): AsyncGenerator<Uint8Array> {
      const response = await send();
      if (!response.body) return;
      yield* Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
    }
    return Readable.from(body(), { objectMode: false });
  }

  private keyOf(manager: EntityManager, documentId: string): string {
    const schema = (manager.connection.options as { schema?: string }).schema ?? 'public';
    return `${schema}/${documentId}`;
  }

  /** One signed request; any answer but 2xx is an error naming S3's own code. */
  private async send(method: string, key: string, query: Record<string, string>, body?: Buffer): Promise<Response> {
    const url = new URL(`${this.config.endpoint.replace(/\/$/, '')}/${uriEncode(this.config.bucket)}/${key}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const headers = signRequest(
      { method, url, payloadHash: body ? sha256Hex(body) : EMPTY_PAYLOAD_HASH },
      { ...this.config, service: 's3' },
    );
    delete headers.host;
    const response = await fetch(url, { method, headers, body });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? response.statusText;
      throw new Error(`S3 ${method} ${key}: ${response.status} ${code}`);
    }
    return response;
  }
}
