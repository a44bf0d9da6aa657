import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiPayloadTooLargeResponse, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import { DEFAULT_DOCUMENT_LIMITS, DocumentLimits } from './limits';
import { KNOWN_MEDIA_TYPES } from './media-type';

const PROBLEM = { 'application/problem+json': { schema: { type: 'object' } } };

/**
 * Shows a route as a document upload: `multipart/form-data` with the binary part `file` after the text fields,
 * and its refusals by size and type. The route reads the body itself with receiveUpload.
 */
export function ApiDocumentUpload(limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS, description?: string) {
  const names = Object.entries(KNOWN_MEDIA_TYPES)
    .filter(([, type]) => limits.mediaTypes.includes(type))
    .map(([name]) => name.toUpperCase());
  const others = limits.mediaTypes.filter((type) => !Object.values(KNOWN_MEDIA_TYPES).includes(type));
  const properties: Record<string, object> = {};
  if (limits.fields.includes('kind')) properties.kind = { type: 'string', description: 'what the document is' };
  if (limits.fields.includes('sha256')) {
    properties.sha256 = {
      type: 'string',
      pattern: '^[0-9a-fA-F]{64}$',
      description: 'SHA-256 of the file as 64 hex digits; a file that does not match is refused (422), none stored',
    };
  }
  for (const field of limits.fields) properties[field] ??= { type: 'string' };
  properties.file = {
    type: 'string',
    format: 'binary',
    description:
      `${[...names, ...others].join(', ')}, recognised from its bytes; at most ${limits.maxBytes} bytes; ` +
      'a name without path separators, ".." or control characters. Send it after the other fields.',
  };
  return applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ description, schema: { type: 'object', required: ['file'], properties } }),
    ApiPayloadTooLargeResponse({ description: `DOCUMENT.TOO_LARGE: over ${limits.maxBytes} bytes`, content: PROBLEM }),
    ApiUnsupportedMediaTypeResponse({
      description: 'DOCUMENT.TYPE: the bytes are of no accepted type; DOCUMENT.MULTIPART: not multipart/form-data',
      content: PROBLEM,
    }),
  );
}
