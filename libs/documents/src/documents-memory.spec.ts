import { DEFAULT_MAX_BYTES } from './limits';
import { DocumentsApp, startDocumentsApp } from '../test/documents-app';
import { measureRetained } from '../test/memory';
import { rawDownload } from '../test/raw-download';
import { rawUpload } from '../test/raw-upload';

const MIB = 1024 * 1024;

/**
 * Issue 13: an upload and a download of a 20 MiB file keep the service's resident memory within 64 MiB of idle.
 * Client and server share this process, and the client never holds the file, so the growth measured is the
 * server's (plus the client's few socket buffers). The figures are printed for docs/benchmarks.md.
 */
describe('documents: memory while a 20 MiB file goes in and out', () => {
  let app: DocumentsApp;

  beforeAll(async () => {
    app = await startDocumentsApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('uploads and downloads 20 MiB with resident memory within 64 MiB of idle', async () => {
    const up = await measureRetained(() => rawUpload(app.port, DEFAULT_MAX_BYTES));
    expect(up.result.status).toBe(201);
    const stored = JSON.parse(up.result.body) as { documentId: string; sha256: string; sizeBytes: number };
    expect(stored).toMatchObject({ sha256: up.result.sha256, sizeBytes: DEFAULT_MAX_BYTES });

    const down = await measureRetained(() => rawDownload(app.port, stored.documentId));
    expect(down.result).toEqual({ status: 200, size: DEFAULT_MAX_BYTES, sha256: stored.sha256 });

    const figures = {
      fileMiB: DEFAULT_MAX_BYTES / MIB,
      uploadRssGrowthMiB: +(up.rssGrowth / MIB).toFixed(1),
      uploadRetainedAfterMiB: +(up.retainedGrowth / MIB).toFixed(1),
      downloadRssGrowthMiB: +(down.rssGrowth / MIB).toFixed(1),
      downloadRetainedAfterMiB: +(down.retainedGrowth / MIB).toFixed(1),
    };
    process.stdout.write(`\ndocuments memory: ${JSON.stringify(figures)}\n`);
    expect(up.rssGrowth).toBeLessThan(64 * MIB);
    expect(down.rssGrowth).toBeLessThan(64 * MIB);
    // Nothing of the file is kept once it has gone through.
    expect(up.retainedGrowth).toBeLessThan(DEFAULT_MAX_BYTES / 4);
    expect(down.retainedGrowth).toBeLessThan(DEFAULT_MAX_BYTES / 4);
  }, 180_000);
});
