import { Violation } from '@fundline/domain';
import { ProblemException, violationsOf } from '@fundline/http';
import { canonicalJson } from '@fundline/persistence';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Dataset } from './reference-snapshot';
import { VALUE_CLASSES } from './reference-values';

/** The largest list file accepted (every list Fundline keeps has fewer than 300 rows). */
export const MAX_IMPORT_BYTES = 256 * 1024;
const MAX_ROWS = 2_000;

type Cell = 'string' | 'boolean' | 'nullable-string';

/**
 * The lists a fund-admin replaces from a published file, with their columns after `code` (ISO 3166-1 alpha-3): the
 * value's fields, in order. Lists with nested values (thematic areas) or amounts (Article 4) stay with PUT.
 */
export const IMPORTABLE: Partial<Record<Dataset, Record<string, Cell>>> = {
  country: { name: 'string', region: 'nullable-string', iomMember: 'boolean' },
  'fund1035-beneficiary': { incomeGroup: 'string', euMember: 'boolean', withdrawn: 'boolean' },
  'fund1035-line2': { name: 'string', region: 'string' },
};

function refused(status: 400 | 422, detail: string, violations: Violation[]): ProblemException {
  return new ProblemException(
    status,
    status === 400 ? 'REFERENCE_DATA.IMPORT_UNREADABLE' : 'REFERENCE_DATA.IMPORT_INVALID',
    status === 400 ? 'The file cannot be read' : 'The list is invalid',
    detail,
    violations,
  );
}

/** RFC 4180 records (quoted fields, "" for a quote, CRLF or LF), each with the line it starts on. */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const body = text.replace(/^\uFEFF/, '');
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((v) => v !== '')) records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRecord();
      start = ++line;
    } else cell += c;
  }
  if (quoted) {
    throw refused(400, `a quoted field opened on line ${start} is never closed`, [
      { field: `file:${start}`, rule: 'csv', message: `line ${start}: unterminated quoted field` },
    ]);
  }
  endRecord();
  return records;
}

/**
 * The list a CSV file states, key by key, validated as a whole: every problem is named by line and column, and one
 * problem refuses the file (nothing is written from a file that is partly wrong).
 */
export function readList(dataset: Dataset, text: string, knownCodes: ReadonlySet<string>) {
  const columns = IMPORTABLE[dataset];
  if (!columns) {
    throw refused(422, `${dataset} is not imported from a file`, [
      { field: 'dataset', rule: 'importable', message: `importable: ${Object.keys(IMPORTABLE).join(', ')}` },
    ]);
  }
  if (text.includes('\u0000')) {
    throw refused(400, 'the file holds a NUL character', [
      { field: 'file', rule: 'noNulCharacter', message: 'contains U+0000' },
    ]);
  }
  const [header, ...rows] = parseCsv(text);
  const expected = ['code', ...Object.keys(columns)];
  if (!header || rows.length === 0) {
    throw refused(422, 'the file has no rows', [
      { field: 'file', rule: 'notEmpty', message: `a header (${expected.join(',')}) and one row per key` },
    ]);
  }
  if (rows.length > MAX_ROWS) {
    throw refused(422, `the file has ${rows.length} rows`, [
      { field: 'file', rule: 'maxRows', message: `at most ${MAX_ROWS} rows`, limit: MAX_ROWS },
    ]);
  }
  const names = header.cells.map((c) => c.trim());
  const headerProblems: Violation[] = [
    ...expected
      .filter((c) => !names.includes(c))
      .map((c) => ({ field: `file:1:${c}`, rule: 'column', message: `line 1: column ${c} is missing` })),
    ...names
      .filter((c, i) => !expected.includes(c) || names.indexOf(c) !== i)
      .map((c) => ({ field: `file:1:${c}`, rule: 'column', message: `line 1: column "${c}" is unknown or repeated` })),
  ];
  if (headerProblems.length) throw refused(422, `the header must be ${expected.join(',')}`, headerProblems);

  const problems: Violation[] = [];
  const values = new Map<string, Record<string, unknown>>();
  const firstLine = new Map<string, number>();
  for (const { line, cells } of rows) {
    const at = (column: string) => `file:${line}:${column}`;
    if (cells.length !== names.length) {
      problems.push({
        field: `file:${line}`,
        rule: 'csv',
        message: `line ${line}: ${cells.length} fields, not ${names.length}`,
      });
      continue;
    }
    const raw = Object.fromEntries(names.map((n, i) => [n, cells[i].trim()]));
    const code = raw.code;
    if (!/^[A-Z]{3}$/.test(code) || (dataset !== 'country' && !knownCodes.has(code))) {
      problems.push({
        field: at('code'),
        rule: 'knownCountry',
        message: `line ${line}: ${code || '(empty)'} is not a known ISO 3166-1 alpha-3 code`,
      });
      continue;
    }
    if (firstLine.has(code)) {
      problems.push({
        field: at('code'),
        rule: 'unique',
        message: `line ${line}: ${code} is already on line ${firstLine.get(code)}`,
      });
      continue;
    }
    firstLine.set(code, line);
    const value: Record<string, unknown> = {};
    for (const [column, cell] of Object.entries(columns)) {
      const text = raw[column];
      if (cell === 'boolean' && text !== 'true' && text !== 'false') {
        problems.push({ field: at(column), rule: 'boolean', message: `line ${line}: ${column} is true or false` });
      }
      value[column] = cell === 'boolean' ? text === 'true' : cell === 'nullable-string' && text === '' ? null : text;
    }
    const errors = validateSync(plainToInstance(VALUE_CLASSES[dataset], value), {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    for (const v of violationsOf(errors)) {
      problems.push({ ...v, field: at(v.field ?? 'value'), message: `line ${line}: ${v.message}` });
    }
    values.set(code, value);
  }
  if (problems.length) {
    throw refused(
      422,
      problems
        .slice(0, 5)
        .map((p) => p.message)
        .join('; '),
      problems.slice(0, 100),
    );
  }
  return values;
}

export interface ListDiff {
  added: Array<{ key: string; value: Record<string, unknown> }>;
  removed: Array<{ key: string; value: Record<string, unknown> }>;
  changed: Array<{ key: string; from: Record<string, unknown>; to: Record<string, unknown> }>;
  unchanged: number;
}

/** What replacing the list in force by `next` changes: keys added, keys retired, values changed. */
export function diffLists(
  current: ReadonlyMap<string, Record<string, unknown>>,
  next: ReadonlyMap<string, Record<string, unknown>>,
): ListDiff {
  const diff: ListDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [key, value] of [...next].sort(([a], [b]) => a.localeCompare(b))) {
    const before = current.get(key);
    if (!before) diff.added.push({ key, value });
    else if (canonicalJson(before) !== canonicalJson(value)) diff.changed.push({ key, from: before, to: value });
    else diff.unchanged++;
  }
  for (const [key, value] of [...current].sort(([a], [b]) => a.localeCompare(b))) {
    if (!next.has(key)) diff.removed.push({ key, value });
  }
  return diff;
}
