import { DEFAULT_MEDIA_TYPES, KNOWN_MEDIA_TYPES } from './media-type';

export interface DocumentLimits {
  /** The largest file accepted, in bytes; a larger upload is cut with 413 while it streams. */
  maxBytes: number;
  /** Media types accepted, as detected from the bytes. */
  mediaTypes: readonly string[];
  /** Text fields accepted beside the file, all sent before it; `sha256` is the declared checksum. */
  fields: readonly string[];
}

/** 20 MiB: a scanned, signed letter or a report with figures fits, a video does not. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxBytes: DEFAULT_MAX_BYTES,
  mediaTypes: DEFAULT_MEDIA_TYPES,
  fields: ['kind', 'sha256'],
};

/**
 * DOCUMENT_MAX_BYTES (a whole number of bytes) and DOCUMENT_TYPES (comma-separated short names `pdf,docx,xlsx,odt,
 * png,jpeg` or media types `application/pdf`), read once at start so a wrong value stops the service there.
 */
export function documentLimitsFromEnv(env: NodeJS.ProcessEnv, fields?: readonly string[]): DocumentLimits {
  const limits = { ...DEFAULT_DOCUMENT_LIMITS, ...(fields ? { fields } : {}) };
  const max = env.DOCUMENT_MAX_BYTES;
  if (max !== undefined && max !== '') {
    const bytes = Number(max);
    if (!Number.isSafeInteger(bytes) || bytes <= 0)
      throw new Error('DOCUMENT_MAX_BYTES must be a whole number of bytes above 0');
    limits.maxBytes = bytes;
  }
  const types = env.DOCUMENT_TYPES;
  if (types !== undefined && types !== '') {
    limits.mediaTypes = types.split(',').map((entry) => {
      const name = entry.trim().toLowerCase();
      const mediaType = KNOWN_MEDIA_TYPES[name === 'jpg' ? 'jpeg' : name] ?? (name.includes('/') ? name : undefined);
      if (!mediaType)
        throw new Error(
          `DOCUMENT_TYPES: unknown type ${entry}; use ${Object.keys(KNOWN_MEDIA_TYPES).join(', ')} or a media type`,
        );
      return mediaType;
    });
  }
  return limits;
}
