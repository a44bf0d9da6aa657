import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { DocumentsApp, startDocumentsApp } from '../../test/documents-app';
import { PDF } from '../../test/fixtures';
import { documentStoreFromEnv } from '../document-store-config';
import { S3_PART_BYTES, S3DocumentStore } from './s3-document-store';

const OWNER = { ownerType: 'allocation' as const, ownerId: '0f7c2d7e-1b55-4d5c-9a0e-7b6b8e0c1a22' };
const uploader = { userId: 'staff-1', role: 'fund-staff' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * An S3 stand-in speaking the few calls the store makes (PUT, GET, multipart create / part / complete / abort),
 * checking that each is signed and that its payload hash is the body's. It proves the store's side of the protocol,
 * not compatibility with a real S3 or MinIO, which none of the test machines runs (ADR 0021).
 */
function fakeS3() {
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, Buffer[]>();
  const calls: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://s3');
    const body = await bodyOf(req);
    const auth = String(req.headers.authorization ?? '');
    const signed =
      /^AWS4-HMAC-SHA256 Credential=AK\/\d{8}\/eu-west-1\/s3\/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=[0-9a-f]{64}$/;
    if (!signed.test(auth) || req.headers['x-amz-content-sha256'] !== sha256(body)) {
      res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
      return;
    }
    const key = url.pathname;
    const uploadId = url.searchParams.get('uploadId');
    calls.push(`${req.method} ${[...url.searchParams.keys()].join(',')}`);
    if (req.method === 'POST' && url.searchParams.has('uploads')) {
      const id = `upload-${uploads.size + 1}`;
      uploads.set(id, []);
      res.end(`<InitiateMultipartUploadResult><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`);
    } else if (req.method === 'PUT' && uploadId) {
      uploads.get(uploadId)![Number(url.searchParams.get('partNumber')) - 1] = body;
      res.setHeader('ETag', `"${sha256(body).slice(0, 32)}"`);
      res.end();
    } else if (req.method === 'POST' && uploadId) {
      expect((body.toString().match(/<Part>/g) ?? []).length).toBe(uploads.get(uploadId)!.length);
      objects.set(key, Buffer.concat(uploads.get(uploadId)!));
      uploads.delete(uploadId);
      res.end('<CompleteMultipartUploadResult/>');
    } else if (req.method === 'DELETE' && uploadId) {
      uploads.delete(uploadId);
      res.writeHead(204).end();
    } else if (req.method === 'PUT') {
      objects.set(key, body);
      res.end();
    } else if (req.method === 'GET' && objects.has(key)) {
      res.end(objects.get(key));
    } else {
      res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
    }
  });
  return { server, objects, uploads, calls };
}

describe('S3DocumentStore against an S3 stand-in (metadata in PostgreSQL, bytes in the bucket)', () => {
  let backing: DocumentsApp;
  let s3: ReturnType<typeof fakeS3>;
  let store: S3DocumentStore;

  beforeAll(async () => {
    backing = await startDocumentsApp();
    s3 = fakeS3();
    await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`;
    store = documentStoreFromEnv({
      DOCUMENT_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: 'fundline-documents',
      S3_REGION: 'eu-west-1',
      S3_ACCESS_KEY_ID: 'AK',
      S3_SECRET_ACCESS_KEY: 'secret',
    }) as S3DocumentStore;
  });
  afterAll(async () => {
    await new Promise((resolve) => s3?.server.close(resolve));
    await backing?.close();
  });

  const put = (file: Buffer | Iterable<Buffer> | AsyncIterable<Buffer>, kind = 'agreement') =>
    backing.dataSource.transaction((manager) =>
      store.put(
        manager,
        { ...OWNER, kind, uploadedBy: uploader },
        {
          fileName: 'agreement.pdf',
          mediaType: 'application/pdf',
          content: Buffer.isBuffer(file) ? [file] : file,
        },
      ),
    );

  it('stores a small file with one signed PUT and reads it back', async () => {
    const stored = await put(PDF);
    expect(stored).toMatchObject({ storage: 's3', sizeBytes: PDF.length, sha256: sha256(PDF) });
    expect(await backing.count('document_chunks')).toBe(0);
    const read = Buffer.from(await text(store.open(backing.dataSource.manager, stored)), 'latin1');
    expect(read.length).toBe(PDF.length);
  });

  it('sends a file larger than a part as a multipart upload, part by part', async () => {
    const file = Buffer.alloc(2 * S3_PART_BYTES + 123, 0x41);
    file.write('%PDF-1.7', 0);
    const pieces = (function* () {
      for (let i = 0; i < file.length; i += 64 * 1024) yield file.subarray(i, i + 64 * 1024);
    })();
    s3.calls.length = 0;
    const stored = await put(pieces);
    expect(s3.calls).toEqual([
      'POST uploads',
      'PUT partNumber,uploadId',
      'PUT partNumber,uploadId',
      'PUT partNumber,uploadId',
      'POST uploadId',
    ]);
    const chunks: Buffer[] = [];
    for await (const chunk of store.open(backing.dataSource.manager, stored)) chunks.push(chunk as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(stored.sha256);
    expect(stored.sha256).toBe(sha256(file));
  });

  it('aborts the multipart upload and stores no row when the content fails midway', async () => {
    const before = await backing.count('documents');
    async function* failing() {
      yield Buffer.alloc(S3_PART_BYTES + 1, 0x41);
      throw new Error('client went away');
    }
    s3.calls.length = 0;
    await expect(put(failing())).rejects.toThrow('client went away');
    expect(s3.calls).toEqual(['POST uploads', 'PUT partNumber,uploadId', 'DELETE uploadId']);
    expect(s3.uploads.size).toBe(0);
    expect(await backing.count('documents')).toBe(before);
  });

  it('still reads the documents written to PostgreSQL before the switch to S3', async () => {
    const inPostgres = await backing.dataSource.transaction((manager) =>
      backing.store.put(
        manager,
        { ...OWNER, kind: 'report', uploadedBy: uploader },
        {
          fileName: 'old.pdf',
          mediaType: 'application/pdf',
          content: [PDF],
        },
      ),
    );
    const read = await text(store.open(backing.dataSource.manager, inPostgres));
    expect(read).toBe(PDF.toString('latin1'));
  });
});
