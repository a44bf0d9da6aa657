import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CATALOGUES, EN, LANGUAGES, placeholdersOf, render } from '.';

const ROOT = join(__dirname, '../../../../..');
/** A stable problem code as thrown: upper-case words joined by dots (`CONCEPT_NOTE.RULE_BROKEN`). */
const CODE = /'([A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)+)'/g;
/** A code built at the throw site from a prefix the caller passes (`${code}.CURRENCY`). */
const BUILT_CODE = /`\$\{\w+\}(\.[A-Z][A-Z0-9_]*)`/g;
const THROWS_PROBLEMS = /\b(DomainError|ProblemException|problemType)\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every code literal in a source file of apps/ or libs/ that throws problems, with where it is. */
function thrownCodes(): { codes: Map<string, string>; built: Map<string, string>; literals: Set<string> } {
  const codes = new Map<string, string>();
  const built = new Map<string, string>();
  const literals = new Set<string>();
  for (const file of [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))]) {
    const text = readFileSync(file, 'utf8');
    if (file.includes(join('problems', 'messages'))) continue;
    // A variant is passed beside its error's parameters, also by code that cannot name ProblemException (libs/auth).
    for (const [, literal] of text.matchAll(/'([A-Z][A-Z0-9_]*)'/g)) literals.add(literal);
    if (!THROWS_PROBLEMS.test(text)) continue;
    for (const [, code] of text.matchAll(CODE)) codes.set(code, relative(ROOT, file));
    for (const [, suffix] of text.matchAll(BUILT_CODE)) built.set(suffix, relative(ROOT, file));
  }
  return { codes, built, literals };
}

const KEYS = Object.keys(EN);

describe('the problem message catalogue', () => {
  it.each(LANGUAGES.map((language) => [language]))(
    'has every message key in %s, with the same parameter names as in English',
    (language) => {
      const catalogue = CATALOGUES[language];
      expect(Object.keys(catalogue).sort()).toEqual([...KEYS].sort());
      for (const key of KEYS) {
        const english = EN[key as keyof typeof EN];
        const translated = catalogue[key as keyof typeof EN];
        expect({ key, params: placeholdersOf(translated.detail).sort() }).toEqual({
          key,
          params: placeholdersOf(english.detail).sort(),
        });
        expect({ key, titled: translated.title !== undefined }).toEqual({ key, titled: 'title' in english });
        expect(translated.detail.trim()).not.toBe('');
        if (translated.title !== undefined) expect(placeholdersOf(translated.title)).toEqual([]);
      }
    },
  );

  it('says French and Spanish in their own words, not in English', () => {
    for (const language of ['fr', 'es'] as const) {
      const same = KEYS.filter(
        (key) => CATALOGUES[language][key as keyof typeof EN].detail === EN[key as keyof typeof EN].detail,
      );
      expect({ language, same }).toEqual({ language, same: [] });
    }
  });

  it('has an entry for every problem code thrown in apps/ and libs/, so a new code needs its translations', () => {
    const { codes, built } = thrownCodes();
    expect(codes.size).toBeGreaterThan(50);
    const missing = [...codes].filter(([code]) => !KEYS.includes(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
    // A code built from a caller's prefix: at least one catalogued code ends with that suffix.
    for (const [suffix, file] of built)
      expect({ suffix, file, catalogued: KEYS.some((k) => k.endsWith(suffix)) }).toMatchObject({ catalogued: true });
  });

  it('holds no code or variant that nothing throws, except the generic ones by status', () => {
    const { codes, built, literals } = thrownCodes();
    const variants = KEYS.filter((key) => key.includes('/')).map((key) => key.split('/')[1]);
    expect(variants.filter((variant) => !literals.has(variant))).toEqual([]);
    const unused = KEYS.map((key) => key.split('/')[0]).filter(
      (code) =>
        !codes.has(code) &&
        !/^HTTP\.(\d{3}|4XX)$/.test(code) &&
        code !== 'INTERNAL' &&
        ![...built.keys()].some((suffix) => code.endsWith(suffix)),
    );
    expect(unused).toEqual([]);
  });

  it('fills a template from its parameters, and refuses to when one is missing', () => {
    expect(render('no fund {fundCode} in {fundCode}', { fundCode: 'X' })).toBe('no fund X in X');
    expect(render('{count} rule(s)', { count: 0 })).toBe('0 rule(s)');
    expect(render('no fund {fundCode}', {})).toBeUndefined();
    expect(render('no parameter', { extra: 1 })).toBe('no parameter');
  });
});
