import { Violation } from '@fundline/domain';
import { ProblemException } from '@fundline/http';

/**
 * The refusals of an upload or a document look-up, one stable code each. A refused upload never leaves a row: each
 * is thrown before the store writes or inside the caller's transaction, which then rolls back.
 */
export const documentProblems = {
  tooLarge: (limit: number) =>
    new ProblemException(
      413,
      'DOCUMENT.TOO_LARGE',
      'The file is too large',
      `the file is larger than ${limit} bytes`,
      [{ field: 'file', rule: 'maxBytes', message: `at most ${limit} bytes`, limit }],
      { limit },
    ),
  type: (detected: string | undefined, allowed: string[]) =>
    new ProblemException(
      415,
      'DOCUMENT.TYPE',
      'The file type is not accepted',
      detected
        ? `the file's content is ${detected}, which is not accepted; allowed: ${allowed.join(', ')}`
        : `the file's content is not of a recognised type; allowed: ${allowed.join(', ')}`,
      [{ field: 'file', rule: 'mediaType', message: `the content must be one of ${allowed.join(', ')}` }],
      detected ? { detected, allowed: allowed.join(', ') } : { allowed: allowed.join(', ') },
      detected ? undefined : 'UNKNOWN',
    ),
  empty: () =>
    new ProblemException(422, 'DOCUMENT.EMPTY', 'The file is empty', 'the file is empty', [
      { field: 'file', rule: 'notEmpty', message: 'the file has no bytes' },
    ]),
  name: (variant: NameVariant) =>
    new ProblemException(
      422,
      'DOCUMENT.NAME',
      'The file name is not accepted',
      NAME_DETAILS[variant],
      [{ field: 'file', rule: 'fileName', message: NAME_DETAILS[variant] }],
      { limit: MAX_FILE_NAME_BYTES },
      variant,
    ),
  checksum: (declared: string, actual: string) =>
    new ProblemException(
      422,
      'DOCUMENT.CHECKSUM',
      'The file does not match its checksum',
      `the file's SHA-256 is ${actual}, not the ${declared} declared; it was altered or cut in transit`,
      [{ field: 'sha256', rule: 'checksum', message: `the file's SHA-256 is ${actual}` }],
      { declared, actual },
    ),
  checksumFormat: () =>
    new ProblemException(
      400,
      'DOCUMENT.CHECKSUM',
      'The request is invalid',
      'sha256 is the file’s SHA-256 as 64 hexadecimal digits',
      [{ field: 'sha256', rule: 'isSha256', message: '64 hexadecimal digits' }],
      {},
      'FORMAT',
    ),
  multipart: (variant: MultipartVariant, violations: Violation[], params: Record<string, string | number> = {}) =>
    new ProblemException(
      variant === 'CONTENT_TYPE' ? 415 : 400,
      'DOCUMENT.MULTIPART',
      variant === 'CONTENT_TYPE' ? 'Unsupported media type' : 'The request is invalid',
      MULTIPART_DETAILS[variant](params),
      violations,
      params,
      variant,
    ),
  notFound: (id: string) =>
    new ProblemException(404, 'DOCUMENT.NOT_FOUND', 'Not found', `no document ${id}`, [], { id }),
  superseded: (id: string) =>
    new ProblemException(
      409,
      'DOCUMENT.SUPERSEDED',
      'Conflict with the current state',
      `document ${id} was already replaced by a newer version; replace the latest version`,
      [],
      { id },
    ),
  supersedesOther: (id: string) =>
    new ProblemException(
      422,
      'DOCUMENT.SUPERSEDES',
      'A business rule was broken',
      `document ${id} belongs to another owner or is of another kind; a new version replaces its own document`,
      [{ field: 'supersedes', rule: 'sameOwnerAndKind', message: 'the same owner and kind as the replaced document' }],
      { id },
    ),
};

/** The longest file name kept, in UTF-8 bytes: what common file systems hold. */
export const MAX_FILE_NAME_BYTES = 255;

export type NameVariant = 'MISSING' | 'SEPARATOR' | 'DOTS' | 'CONTROL' | 'LENGTH';

const NAME_DETAILS: Record<NameVariant, string> = {
  MISSING: 'the file has no name',
  SEPARATOR: 'a file name holds no path separator (/ or \\)',
  DOTS: 'a file name holds no ".."',
  CONTROL: 'a file name holds no control character',
  LENGTH: `a file name is at most ${MAX_FILE_NAME_BYTES} bytes in UTF-8`,
};

export type MultipartVariant = 'CONTENT_TYPE' | 'MALFORMED' | 'FILE_MISSING' | 'FILE_TWICE' | 'FIELD' | 'ORDER';

const MULTIPART_DETAILS: Record<MultipartVariant, (params: Record<string, string | number>) => string> = {
  CONTENT_TYPE: () => 'a document is uploaded as multipart/form-data',
  MALFORMED: () => 'the multipart/form-data body is malformed or was cut short',
  FILE_MISSING: () => 'no file was sent: send it as the multipart/form-data part "file", with a file name',
  FILE_TWICE: () => 'one file per upload, in the part "file"',
  FIELD: (p) => `the field ${p.field} is not accepted here; accepted: ${p.accepted}`,
  ORDER: (p) => `the field ${p.field} comes after the file; send the fields first`,
};
