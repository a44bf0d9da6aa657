import { createHash } from 'node:crypto';
import request from 'supertest';
import { DEFAULT_MAX_BYTES } from './limits';
import { KNOWN_MEDIA_TYPES } from './media-type';
import { DocumentsApp, SCHEMA, startDocumentsApp } from '../test/documents-app';
import { DOCX, EXE, HTML, JPEG, ODT, PDF, PLAIN_ZIP, PNG, xlsx } from '../test/fixtures';
import { measureRetained } from '../test/memory';
import { rawUpload } from '../test/raw-upload';

const CONCEPT = '8b0e7f5e-4a3c-4c55-9a43-5f1d2a6b7c10';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** supertest gathers a binary body into a Buffer only when told how. */
function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('documents: stored in PostgreSQL, checked on upload, served back (issue 13)', () => {
  let app: DocumentsApp;

  beforeAll(async () => {
    app = await startDocumentsApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const upload = (file: Buffer, name: string, fields: Record<string, string> = {}, query = '') => {
    let req = request(app.server).post(`/concepts/${CONCEPT}/documents${query}`);
    for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
    return req.attach('file', file, name);
  };

  /** One file part with its Content-Disposition parameters written by hand. */
  const rawPart = (disposition: string, file: Buffer) => {
    const boundary = 'raw-part-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return request(app.server)
      .post(`/concepts/${CONCEPT}/documents`)
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .send(body);
  };

  /** Transactions other than this query's still open in the test database, once they had 5 s to end. */
  async function openTransactionsAfterWaiting(): Promise<number> {
    for (let waited = 0; ; waited += 100) {
      const [{ n }] = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
      );
      if (n === 0 || waited >= 5000) return n as number;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function expectNothingStored(before: { documents: number; chunks: number }) {
    expect({ documents: await app.count('documents'), chunks: await app.count('document_chunks') }).toEqual(before);
  }

  async function stored() {
    return { documents: await app.count('documents'), chunks: await app.count('document_chunks') };
  }

  it.each([
    ['endorsement.pdf', PDF, KNOWN_MEDIA_TYPES.pdf],
    ['scan.png', PNG, KNOWN_MEDIA_TYPES.png],
    ['photo.jpg', JPEG, KNOWN_MEDIA_TYPES.jpeg],
    ['letter.docx', DOCX, KNOWN_MEDIA_TYPES.docx],
    ['lettre.odt', ODT, KNOWN_MEDIA_TYPES.odt],
  ])(
    'round trip of %s: type detected from the bytes, served byte for byte with its SHA-256',
    async (name, file, type) => {
      const res = await upload(file, name, { kind: 'endorsement', sha256: sha256(file) }).expect(201);
      expect(res.body).toMatchObject({
        ownerType: 'concept',
        ownerId: CONCEPT,
        kind: 'endorsement',
        fileName: name,
        mediaType: type,
        sizeBytes: file.length,
        sha256: sha256(file),
        uploadedBy: 'u1',
        uploadedByRole: 'government',
        version: 1,
        supersedes: null,
        public: false,
        storage: 'postgres',
      });
      const download = await request(app.server)
        .get(`/documents/${res.body.documentId}`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(Buffer.compare(download.body as Buffer, file)).toBe(0);
      expect(download.headers['content-type']).toBe(type);
      expect(download.headers['etag']).toBe(`"${sha256(file)}"`);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-disposition']).toContain(`filename="${name}"`);
    },
  );

  it('round trip of an XLSX written by exceljs, a real workbook', async () => {
    const file = await xlsx();
    const res = await upload(file, 'financial-report.xlsx', { kind: 'financial-report' }).expect(201);
    expect(res.body.mediaType).toBe(KNOWN_MEDIA_TYPES.xlsx);
    const download = await request(app.server).get(`/documents/${res.body.documentId}`).buffer(true).parse(binary);
    expect(sha256(download.body as Buffer)).toBe(sha256(file));
  });

  it('stores a file of several chunks in order and serves it whole (keyset-paginated read)', async () => {
    const file = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024 + 17, 0x41)]);
    for (let i = 0; i < file.length; i += 4096) file[i] = i % 251;
    file.write('%PDF', 0, 'latin1');
    const res = await upload(file, 'annex.pdf').expect(201);
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM "${SCHEMA}"."document_chunks" WHERE document_id = $1`,
      [res.body.documentId],
    );
    // More chunks than one page of the read: the keyset pagination is crossed several times.
    expect(n).toBeGreaterThan(8);
    const download = await request(app.server).get(`/documents/${res.body.documentId}`).buffer(true).parse(binary);
    expect(sha256(download.body as Buffer)).toBe(sha256(file));
  });

  describe('refusals: a clear problem+json and nothing stored', () => {
    it.each([
      ['a plain ZIP', PLAIN_ZIP, 'archive.docx', 415, 'DOCUMENT.TYPE', 'application/zip'],
      ['an executable', EXE, 'report.pdf', 415, 'DOCUMENT.TYPE', undefined],
      ['HTML renamed .pdf', HTML, 'report.pdf', 415, 'DOCUMENT.TYPE', undefined],
      ['an empty file', Buffer.alloc(0), 'empty.pdf', 422, 'DOCUMENT.EMPTY', undefined],
    ])('%s', async (_, file, name, status, code, detected) => {
      const before = await stored();
      const res = await upload(file, name).expect(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe(code);
      if (detected) expect(res.body.detail).toContain(detected);
      await expectNothingStored(before);
    });

    // Sent as raw parts: client libraries strip directories from a name before sending it.
    it.each([
      ['a slash', 'filename="dir/letter.pdf"', 'path separator'],
      ['a backslash', 'filename="..\\..\\letter.pdf"', 'path separator'],
      ['two dots', 'filename="..letter.pdf"', '".."'],
      ['a control character', "filename*=UTF-8''letter%07.pdf", 'control character'],
      ['over 255 bytes', `filename*=UTF-8''${encodeURIComponent('é'.repeat(128))}.pdf`, '255 bytes'],
    ])('a file name with %s', async (_, disposition, says) => {
      const before = await stored();
      const res = await rawPart(disposition, PDF).expect(422);
      expect(res.body).toMatchObject({ code: 'DOCUMENT.NAME', errors: [{ field: 'file', rule: 'fileName' }] });
      expect(res.body.detail).toContain(says);
      await expectNothingStored(before);
    });

    it('a file part without a name is no file: 400, the same as none', async () => {
      const res = await rawPart('filename=""', PDF).expect(400);
      expect(res.body).toMatchObject({ code: 'DOCUMENT.MULTIPART', errors: [{ field: 'file', rule: 'required' }] });
    });

    it('makes an awkward but harmless name safe to display', async () => {
      const res = await upload(PDF, '  rapport\u202Efdp.exe  final?.pdf').expect(201);
      expect(res.body.fileName).toBe('rapportfdp.exe final_.pdf');
    });

    it('a declared SHA-256 that does not match: 422 once the whole file is read, and the chunks rolled back', async () => {
      const before = await stored();
      const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024, 0x20)]);
      const res = await upload(big, 'letter.pdf', { sha256: sha256(PNG) }).expect(422);
      expect(res.body).toMatchObject({ code: 'DOCUMENT.CHECKSUM', errors: [{ field: 'sha256' }] });
      expect(res.body.detail).toContain(sha256(big));
      await expectNothingStored(before);
    });

    it('a declared SHA-256 that is not one: 400', async () => {
      const res = await upload(PDF, 'letter.pdf', { sha256: 'abc' }).expect(400);
      expect(res.body.code).toBe('DOCUMENT.CHECKSUM');
    });

    it('not multipart: 415; no file, two files, an unknown field, a field after the file: 400', async () => {
      const before = await stored();
      const json = await request(app.server).post(`/concepts/${CONCEPT}/documents`).send({ file: 'x' }).expect(415);
      expect(json.body.code).toBe('DOCUMENT.MULTIPART');
      const none = await request(app.server).post(`/concepts/${CONCEPT}/documents`).field('kind', 'x').expect(400);
      expect(none.body).toMatchObject({ code: 'DOCUMENT.MULTIPART', errors: [{ field: 'file', rule: 'required' }] });
      const two = await request(app.server)
        .post(`/concepts/${CONCEPT}/documents`)
        .attach('file', PDF, 'a.pdf')
        .attach('file', PDF, 'b.pdf')
        .expect(400);
      expect(two.body).toMatchObject({ code: 'DOCUMENT.MULTIPART', errors: [{ rule: 'once' }] });
      const unknown = await upload(PDF, 'a.pdf', { owner: 'someone' }).expect(400);
      expect(unknown.body).toMatchObject({ code: 'DOCUMENT.MULTIPART', errors: [{ field: 'owner' }] });
      const after = await request(app.server)
        .post(`/concepts/${CONCEPT}/documents`)
        .attach('file', PDF, 'a.pdf')
        .field('kind', 'late')
        .expect(400);
      expect(after.body).toMatchObject({ code: 'DOCUMENT.MULTIPART', errors: [{ rule: 'fieldsBeforeFile' }] });
      await expectNothingStored(before);
    });

    it(`a file of ${DEFAULT_MAX_BYTES} + 1 bytes: 413 while it streams, nothing stored, nothing buffered`, async () => {
      const before = await stored();
      const { result: res, retainedGrowth } = await measureRetained(() => rawUpload(app.port, DEFAULT_MAX_BYTES + 1));
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'DOCUMENT.TOO_LARGE', status: 413 });
      // Nothing of the refused body is kept: what is retained after, once collected, is far below the 20 MiB.
      expect(retainedGrowth).toBeLessThan(DEFAULT_MAX_BYTES / 4);
      await expectNothingStored(before);
    });

    it('a body streamed without a length is cut at the limit: answered long before the client is done', async () => {
      const before = await stored();
      const size = 5 * DEFAULT_MAX_BYTES;
      const res = await rawUpload(app.port, size, { announceLength: false });
      expect(res.status).toBe(413);
      expect(res.sentWhenAnswered).toBeLessThan(size / 2);
      await expectNothingStored(before);
    });

    it('a client that goes away midway leaves nothing: the chunks written so far roll back', async () => {
      const before = await stored();
      const res = await rawUpload(app.port, 8 * 1024 * 1024, { abortAfter: 4 * 1024 * 1024 });
      expect(res.status).toBe(0);
      // The server notices the closed connection, fails the stream and rolls its transaction back.
      expect(await openTransactionsAfterWaiting()).toBe(0);
      await expectNothingStored(before);
      await upload(PDF, 'after.pdf').expect(201);
    });

    it('a body announced larger than the limit is refused before any of it is read', async () => {
      const size = 5 * DEFAULT_MAX_BYTES;
      const res = await rawUpload(app.port, size);
      expect(res.status).toBe(413);
      // Cut at the limit, the server would have read DEFAULT_MAX_BYTES first; refused on its length, it read none.
      expect(res.sentWhenAnswered).toBeLessThan(DEFAULT_MAX_BYTES / 2);
    });
  });

  describe('versions and the audit trail (G3)', () => {
    it('a replacement is a new version; the old one stays, and a version is replaced once', async () => {
      const first = await upload(PDF, 'v1.pdf', { kind: 'endorsement' }).expect(201);
      const second = await upload(
        PNG,
        'v2.png',
        { kind: 'endorsement' },
        `?supersedes=${first.body.documentId}`,
      ).expect(201);
      expect(second.body).toMatchObject({ version: 2, supersedes: first.body.documentId });
      const old = await request(app.server).get(`/documents/${first.body.documentId}`).buffer(true).parse(binary);
      expect(Buffer.compare(old.body as Buffer, PDF)).toBe(0);
      const fork = await upload(JPEG, 'v2b.jpg', { kind: 'endorsement' }, `?supersedes=${first.body.documentId}`);
      expect(fork.status).toBe(409);
      expect(fork.body.code).toBe('DOCUMENT.SUPERSEDED');
      const otherKind = await upload(JPEG, 'x.jpg', { kind: 'report' }, `?supersedes=${second.body.documentId}`);
      expect(otherKind.body.code).toBe('DOCUMENT.SUPERSEDES');
      const latest = await request(app.server).get(`/concepts/${CONCEPT}/documents?latest=true`);
      const ids = (latest.body as Array<{ documentId: string }>).map((d) => d.documentId);
      expect(ids).toContain(second.body.documentId);
      expect(ids).not.toContain(first.body.documentId);
    });

    it('two concurrent replacements of one version: one wins, the other is refused (no fork)', async () => {
      const first = await upload(PDF, 'v1.pdf', { kind: 'agreement' }).expect(201);
      const query = `?supersedes=${first.body.documentId}`;
      const results = await Promise.all([
        upload(PNG, 'a.png', { kind: 'agreement' }, query),
        upload(JPEG, 'b.jpg', { kind: 'agreement' }, query),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    });

    it('stored rows are never changed nor deleted', async () => {
      await expect(app.dataSource.query(`UPDATE "${SCHEMA}"."documents" SET "kind" = 'x'`)).rejects.toThrow(/G3/);
      await expect(app.dataSource.query(`DELETE FROM "${SCHEMA}"."document_chunks"`)).rejects.toThrow(/G3/);
    });

    it('every download of a non-public document is recorded (who, role, when); public ones are not', async () => {
      const secret = await upload(PDF, 'letter.pdf').expect(201);
      const open = await upload(PDF, 'notice.pdf', {}, '?public=true').expect(201);
      await request(app.server).get(`/documents/${secret.body.documentId}`).set('x-user', 'gov-phl').expect(200);
      await request(app.server)
        .get(`/documents/${secret.body.documentId}`)
        .set({ 'x-user': 'staff-1', 'x-role': 'fund-staff' })
        .expect(200);
      await request(app.server).get(`/documents/${open.body.documentId}`).expect(200);
      const downloads = await app.store.downloads(app.dataSource.manager, secret.body.documentId);
      expect(downloads.map((d) => [d.downloadedBy, d.downloadedByRole])).toEqual([
        ['gov-phl', 'government'],
        ['staff-1', 'fund-staff'],
      ]);
      expect(await app.store.downloads(app.dataSource.manager, open.body.documentId)).toEqual([]);
    });

    it('an unknown document: 404 DOCUMENT.NOT_FOUND', async () => {
      const res = await request(app.server).get('/documents/not-a-uuid').expect(404);
      expect(res.body.code).toBe('DOCUMENT.NOT_FOUND');
    });
  });

  it('concurrent uploads are stored apart, each served back byte for byte', async () => {
    const files = Array.from({ length: 8 }, (_, i) =>
      Buffer.concat([PDF, Buffer.alloc(300 * 1024 + i * 1000, 0x30 + i)]),
    );
    const results = await Promise.all(files.map((file, i) => upload(file, `report-${i}.pdf`).expect(201)));
    for (const [i, res] of results.entries()) {
      expect(res.body.sha256).toBe(sha256(files[i]));
      const download = await request(app.server).get(`/documents/${res.body.documentId}`).buffer(true).parse(binary);
      expect(sha256(download.body as Buffer)).toBe(sha256(files[i]));
    }
  });
});
