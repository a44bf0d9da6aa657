import { documentProblems, MAX_FILE_NAME_BYTES } from './problems';

// C0 and C1 control characters and DEL: never part of a name a person typed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * Invisible format characters (bidirectional overrides and isolates, zero-width characters, the BOM): they let
 * `report\u202Efdp.exe` display as `reportexe.pdf`, so they are removed from the name shown and served.
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Characters Windows refuses in a file name; replaced so that a downloaded file saves under the name shown. */
const RESERVED = /[<>:"|?*]/g;

/**
 * The name a document is stored and served under. A name that tries to leave its directory (path separators, `..`)
 * or hides control characters is refused rather than repaired, so the uploader learns of it; anything merely
 * awkward for display is made safe.
 */
export function sanitiseFileName(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') throw documentProblems.name('MISSING');
  if (/[/\\]/.test(raw)) throw documentProblems.name('SEPARATOR');
  if (raw.includes('..')) throw documentProblems.name('DOTS');
  if (CONTROL.test(raw)) throw documentProblems.name('CONTROL');
  if (Buffer.byteLength(raw, 'utf8') > MAX_FILE_NAME_BYTES) throw documentProblems.name('LENGTH');
  const name = raw.normalize('NFC').replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ').trim();
  // Nothing visible left, or a name that is only dots: refuse rather than invent one.
  if (name === '' || /^\.+$/.test(name)) throw documentProblems.name('MISSING');
  return name;
}
