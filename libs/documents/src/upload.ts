import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { DocumentContent } from './document';
import { sanitiseFileName } from './file-name';
import { DEFAULT_DOCUMENT_LIMITS, DocumentLimits } from './limits';
import { DETECTION_HEAD_BYTES, detectMediaType } from './media-type';
import { documentProblems } from './problems';

/**
 * An upload whose head was checked (file name, media type, size so far): the caller passes it to DocumentStore.put
 * inside its transaction. Iterating `content` streams the rest of the file; it throws, and the transaction rolls
 * back, when the file grows past the limit, the body is malformed or cut, or the declared SHA-256 does not match:
 * the last check runs once the whole body is read, so a store that finished iterating holds a checked file.
 */
export interface IncomingDocument extends DocumentContent {
  content: AsyncIterable<Buffer>;
  /** The text fields sent before the file, each accepted by the limits. */
  fields: Readonly<Record<string, string>>;
  /** Stops reading the request when the caller refuses the upload without storing it (the connection closes). */
  discard(): void;
}

/** What a request carries besides the file (boundaries, part headers, the few text fields). */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const FIELD_MAX_BYTES = 1024;
const SHA256 = /^[0-9a-f]{64}$/;

type UploadRequest = IncomingMessage & { res?: ServerResponse };

/**
 * Reads a `multipart/form-data` request as a stream with busboy: exactly one file in the part `file`, after the text
 * fields the limits accept. Resolves once the file's head is read and its type detected from its bytes; rejects with
 * a DOCUMENT.* problem before anything can be stored. Nothing beyond one chunk and the detection head is held in
 * memory, and a refused request is not read further: its connection closes after the answer.
 */
export function receiveUpload(
  req: UploadRequest,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): Promise<IncomingDocument> {
  return new Promise<IncomingDocument>((resolve, reject) => {
    let failure: Error | undefined;
    let parser: busboy.Busboy | undefined;
    let file: Readable | undefined;
    const fields: Record<string, string> = {};

    const fail = (error: Error): Error => {
      if (failure) return failure;
      failure = error;
      if (parser) req.unpipe(parser);
      req.pause();
      if (req.res && !req.res.headersSent) req.res.setHeader('Connection', 'close');
      // A reader waiting on the file wakes up (premature close) and finds `failure`.
      file?.destroy();
      reject(error);
      return error;
    };

    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data\s*;/i.test(contentType)) {
      fail(
        documentProblems.multipart('CONTENT_TYPE', [
          { field: 'content-type', rule: 'multipart', message: 'multipart/form-data with a boundary' },
        ]),
      );
      return;
    }
    // A body announced larger than the largest file plus its framing is refused before a byte of it is read.
    if (Number(req.headers['content-length']) > limits.maxBytes + MULTIPART_OVERHEAD_BYTES) {
      fail(documentProblems.tooLarge(limits.maxBytes));
      return;
    }
    try {
      parser = busboy({
        headers: req.headers,
        // Keep the name as sent, so that a path in it is refused rather than silently cut off.
        preservePath: true,
        // Browsers send a name's UTF-8 bytes as they are; busboy would otherwise read them as Latin-1.
        defParamCharset: 'utf8',
        limits: { fields: limits.fields.length, fieldSize: FIELD_MAX_BYTES, fieldNameSize: 100, headerPairs: 20 },
      });
    } catch {
      fail(malformed());
      return;
    }
    const closed = new Promise<void>((done, failed) => {
      parser!.on('close', () => (failure ? failed(failure) : done()));
      parser!.on('error', () => failed(fail(malformed())));
    });
    closed.catch(() => undefined);
    req.on('close', () => {
      if (!req.complete) fail(malformed());
    });

    parser.on('fieldsLimit', () => fail(unknownField('(too many fields)', limits)));
    parser.on('field', (name, value, info) => {
      if (file) return fail(documentProblems.multipart('ORDER', [orderViolation(name)], { field: name }));
      if (name === 'file') return fail(fileMissing());
      if (!limits.fields.includes(name) || name in fields || info.valueTruncated) {
        return fail(unknownField(name, limits));
      }
      if (name === 'sha256' && !SHA256.test(value.toLowerCase())) return fail(documentProblems.checksumFormat());
      fields[name] = name === 'sha256' ? value.toLowerCase() : value;
    });
    parser.on('file', (name, stream, info) => {
      if (failure) return stream.resume();
      if (name !== 'file') return fail(unknownField(name, limits));
      if (file)
        return fail(documentProblems.multipart('FILE_TWICE', [{ field: 'file', rule: 'once', message: 'one file' }]));
      file = stream;
      stream.on('error', () => undefined);
      let fileName: string;
      try {
        fileName = sanitiseFileName(info.filename);
      } catch (error) {
        return fail(error as Error);
      }
      const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      readHead(chunks, limits.maxBytes)
        .then(async ({ head, ended }) => {
          if (head.length === 0) throw documentProblems.empty();
          const mediaType = await detectMediaType(head);
          if (!mediaType || !limits.mediaTypes.includes(mediaType)) {
            throw documentProblems.type(mediaType, [...limits.mediaTypes]);
          }
          resolve({
            fileName,
            mediaType,
            fields: { ...fields },
            content: rest(head, ended, chunks),
            discard: () => fail(malformed()),
          });
        })
        .catch((error: Error) => fail(failure ?? error));
    });

    /** The head, then the rest of the file, then the end of the body; checked all along the way. */
    async function* rest(head: Buffer, ended: boolean, chunks: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
      const hash = createHash('sha256').update(head);
      let size = head.length;
      let complete = false;
      try {
        yield head;
        while (!ended) {
          const next = await chunks.next();
          if (next.done) break;
          size += next.value.length;
          if (size > limits.maxBytes) throw fail(documentProblems.tooLarge(limits.maxBytes));
          hash.update(next.value);
          yield next.value;
        }
        await closed;
        const actual = hash.digest('hex');
        if (fields.sha256 && fields.sha256 !== actual) throw fail(documentProblems.checksum(fields.sha256, actual));
        complete = true;
      } catch (error) {
        throw failure ?? fail(error as Error);
      } finally {
        // The store gave up (its own failure): stop reading what it will not store.
        if (!complete) fail(malformed());
      }
    }

    closed.then(
      () => {
        if (!file) fail(fileMissing());
      },
      () => undefined,
    );
    req.pipe(parser);
  });
}

/** Reads until the detection head is full or the file ends, refusing a file that is already too large. */
async function readHead(chunks: AsyncIterator<Buffer>, maxBytes: number): Promise<{ head: Buffer; ended: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < DETECTION_HEAD_BYTES) {
    const next = await chunks.next();
    if (next.done) return { head: Buffer.concat(parts), ended: true };
    size += next.value.length;
    if (size > maxBytes) throw documentProblems.tooLarge(maxBytes);
    parts.push(next.value);
  }
  return { head: Buffer.concat(parts), ended: false };
}

function malformed() {
  return documentProblems.multipart('MALFORMED', [
    { field: 'body', rule: 'multipart', message: 'a complete multipart/form-data body' },
  ]);
}

function fileMissing() {
  return documentProblems.multipart('FILE_MISSING', [
    { field: 'file', rule: 'required', message: 'send the file as the part "file", with a file name' },
  ]);
}

function unknownField(field: string, limits: DocumentLimits) {
  const accepted = ['file', ...limits.fields].join(', ');
  return documentProblems.multipart(
    'FIELD',
    [
      {
        field,
        rule: 'acceptedFields',
        message: `accepted, each once and at most ${FIELD_MAX_BYTES} bytes: ${accepted}`,
      },
    ],
    { field, accepted },
  );
}

function orderViolation(field: string) {
  return { field, rule: 'fieldsBeforeFile', message: 'send the text fields before the file' };
}
