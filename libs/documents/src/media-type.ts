import { fileTypeFromBuffer } from 'file-type';

/** The media types accepted by default, by the short names DOCUMENT_TYPES uses. */
export const KNOWN_MEDIA_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

export const DEFAULT_MEDIA_TYPES: readonly string[] = Object.values(KNOWN_MEDIA_TYPES);

/**
 * How many leading bytes type detection reads. PDF, PNG and JPEG are known from their first bytes; DOCX, XLSX and
 * ODT are ZIP archives told apart by their first entries (`mimetype` for ODF, `[Content_Types].xml` for Office Open
 * XML), which office suites write first. A ZIP whose kind is not known from this much is refused as a plain ZIP.
 */
export const DETECTION_HEAD_BYTES = 256 * 1024;

/**
 * The media type of `head`, detected from the bytes by file-type (magic numbers, and inside ZIP containers), never
 * from a name or a declared Content-Type; undefined when the bytes are of no type it knows (text, HTML, truncated).
 */
export async function detectMediaType(head: Uint8Array): Promise<string | undefined> {
  return (await fileTypeFromBuffer(head))?.mime;
}
