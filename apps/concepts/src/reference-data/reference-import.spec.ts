import { ProblemException } from '@fundline/http';
import { diffLists, parseCsv, readList } from './reference-import';

const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return { status: error.getStatus(), errors: error.violations };
    throw error;
  }
  throw new Error('no problem raised');
};

describe('reading a reference list from a CSV file', () => {
  it('reads quoted fields, doubled quotes, CRLF, a BOM and blank lines, each record with the line it starts on', () => {
    const csv = '\uFEFFcode,name\r\n"KEN","Kenya, ""the"" Republic"\r\n\r\nCIV,"Côte\nd’Ivoire"\nPHL,Philippines';
    expect(parseCsv(csv)).toEqual([
      { line: 1, cells: ['code', 'name'] },
      { line: 2, cells: ['KEN', 'Kenya, "the" Republic'] },
      { line: 4, cells: ['CIV', 'Côte\nd’Ivoire'] },
      { line: 6, cells: ['PHL', 'Philippines'] },
    ]);
  });

  it('F3 reads a Line 2 file into values keyed by code, and names every bad line and column at once', () => {
    const known = new Set(['KEN', 'PHL']);
    expect(readList('fund1035-line2', 'region,code,name\nAfrica,KEN,Kenya\n', known)).toEqual(
      new Map([['KEN', { name: 'Kenya', region: 'Africa' }]]),
    );
    const bad = problemOf(() =>
      readList(
        'fund1035-line2',
        'code,name,region\nKEN,Kenya,Africa\nken,x,Africa\nKEN,Kenya,Africa\nPHL,,Asia\n',
        known,
      ),
    );
    expect(bad.status).toBe(422);
    expect(bad.errors.map((e) => [e.field, e.rule])).toEqual([
      ['file:3:code', 'knownCountry'],
      ['file:4:code', 'unique'],
      ['file:5:region', 'isIn'],
    ]);
  });

  it('F1 reads booleans of a beneficiary file strictly', () => {
    const bad = problemOf(() =>
      readList(
        'fund1035-beneficiary',
        'code,incomeGroup,euMember,withdrawn\nKEN,lower-middle,no,false\n',
        new Set(['KEN']),
      ),
    );
    expect(bad.errors).toEqual([expect.objectContaining({ field: 'file:2:euMember', rule: 'boolean' })]);
  });

  it('answers what replacing a list changes: added, retired and changed keys', () => {
    const current = new Map([
      ['KEN', { name: 'Kenya' }],
      ['UGA', { name: 'Uganda' }],
      ['PHL', { name: 'Philippines', region: 'Asia' }],
    ]);
    const next = new Map([
      ['KEN', { name: 'Kenya' }],
      ['PHL', { region: 'Asia and Oceania', name: 'Philippines' }],
      ['SRB', { name: 'Serbia' }],
    ]);
    expect(diffLists(current, next)).toEqual({
      added: [{ key: 'SRB', value: { name: 'Serbia' } }],
      removed: [{ key: 'UGA', value: { name: 'Uganda' } }],
      changed: [
        {
          key: 'PHL',
          from: { name: 'Philippines', region: 'Asia' },
          to: { region: 'Asia and Oceania', name: 'Philippines' },
        },
      ],
      unchanged: 1,
    });
  });
});
