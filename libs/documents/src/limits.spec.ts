import { contentDisposition } from './download';
import { sanitiseFileName } from './file-name';
import { DEFAULT_MAX_BYTES, documentLimitsFromEnv } from './limits';
import { KNOWN_MEDIA_TYPES } from './media-type';

describe('document limits from the environment', () => {
  it('defaults to 20 MiB and PDF, DOCX, XLSX, ODT, PNG, JPEG', () => {
    expect(documentLimitsFromEnv({})).toEqual({
      maxBytes: DEFAULT_MAX_BYTES,
      mediaTypes: Object.values(KNOWN_MEDIA_TYPES),
      fields: ['kind', 'sha256'],
    });
  });

  it('reads DOCUMENT_MAX_BYTES and DOCUMENT_TYPES by short name or media type', () => {
    expect(
      documentLimitsFromEnv({ DOCUMENT_MAX_BYTES: '1048576', DOCUMENT_TYPES: 'pdf, JPG,image/webp' }),
    ).toMatchObject({
      maxBytes: 1048576,
      mediaTypes: ['application/pdf', 'image/jpeg', 'image/webp'],
    });
  });

  it('stops the service on a value it cannot read', () => {
    expect(() => documentLimitsFromEnv({ DOCUMENT_MAX_BYTES: '20MB' })).toThrow(/DOCUMENT_MAX_BYTES/);
    expect(() => documentLimitsFromEnv({ DOCUMENT_TYPES: 'pdf,exe' })).toThrow(/unknown type exe/);
  });
});

describe('file names', () => {
  it('keeps an ordinary name, in any script', () => {
    expect(sanitiseFileName('Lettre d’approbation – Côte d’Ivoire.pdf')).toBe(
      'Lettre d’approbation – Côte d’Ivoire.pdf',
    );
    expect(sanitiseFileName('رسالة.pdf')).toBe('رسالة.pdf');
  });

  it('removes invisible direction overrides and replaces characters a file system refuses', () => {
    expect(sanitiseFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitiseFileName('a:b*c?.pdf')).toBe('a_b_c_.pdf');
  });

  it.each(['a/b.pdf', 'a\\b.pdf', '..', 'a..pdf', 'a\tb.pdf', 'a\u0085b.pdf', '', '   ', `${'x'.repeat(252)}.pdf`])(
    'refuses %j',
    (name) => expect(() => sanitiseFileName(name)).toThrow(expect.objectContaining({ code: 'DOCUMENT.NAME' })),
  );

  it('serves a name in ASCII for old clients and in UTF-8 for the others', () => {
    expect(contentDisposition('Côte "x".pdf')).toBe(
      `attachment; filename="C_te _x_.pdf"; filename*=UTF-8''C%C3%B4te%20%22x%22.pdf`,
    );
  });
});
