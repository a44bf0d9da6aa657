import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NOTICE_KINDS } from '../notices/notices';
import { CATALOGUES, LANGUAGES, message, parametersOf } from './catalogue';
import { languageOfCountry } from './country-languages';
import { dayIn, moneyIn } from './formats';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('notification messages', () => {
  it('every message key exists in English, French and Spanish with the same parameters', () => {
    const keys = new Set(LANGUAGES.flatMap((l) => Object.keys(CATALOGUES[l])));
    const gaps: string[] = [];
    for (const key of keys) {
      const params = parametersOf(CATALOGUES.en[key] ?? '').sort();
      for (const language of LANGUAGES) {
        const template = CATALOGUES[language][key];
        if (template === undefined) gaps.push(`${language}: ${key} missing`);
        else if (parametersOf(template).sort().join() !== params.join()) gaps.push(`${language}: ${key} parameters`);
        else if (template.trim() === '') gaps.push(`${language}: ${key} empty`);
      }
    }
    expect(gaps).toEqual([]);
    expect(keys.size).toBeGreaterThan(50);
  });

  it('every kind of notice has a subject and a body in each language', () => {
    for (const language of LANGUAGES) {
      for (const kind of NOTICE_KINDS) {
        expect([language, kind, CATALOGUES[language][`${kind}.subject`] !== undefined]).toEqual([language, kind, true]);
        expect([language, kind, CATALOGUES[language][`${kind}.body`] !== undefined]).toEqual([language, kind, true]);
      }
    }
  });

  it('every rule a screening verdict can fail is put in plain words in each language', () => {
    const screening = sources(join(__dirname, '../../../concepts/src'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const rules = new Set([...screening.matchAll(/rule: '([A-Z]\d+)(?:\.\d+)?'/g)].map((m) => m[1]));
    expect(rules.size).toBeGreaterThan(5);
    for (const rule of rules)
      for (const language of LANGUAGES) expect(CATALOGUES[language][`rule.${rule}`]).toBeTruthy();
  });

  it('the French and Spanish texts are translations, not copies of the English', () => {
    const same = Object.keys(CATALOGUES.en).filter(
      (key) => CATALOGUES.fr[key] === CATALOGUES.en[key] || CATALOGUES.es[key] === CATALOGUES.en[key],
    );
    expect(same).toEqual([]);
  });

  it('refuses to render a message with a missing parameter rather than sending a blank', () => {
    expect(() => message('fr', 'obligation-reminder.subject', { days: 7, report: 'x' })).toThrow(/title/);
    expect(message('es', 'obligation-reminder.subject', { days: 7, report: 'informe', title: 'T' })).toBe(
      'Informe pendiente en 7 días: informe de «T»',
    );
  });
});

describe('languages and formats', () => {
  it('chooses French for a francophone government, Spanish for a hispanophone one, else English', () => {
    expect(languageOfCountry('SEN')).toBe('fr');
    expect(languageOfCountry('HTI')).toBe('fr');
    expect(languageOfCountry('GTM')).toBe('es');
    expect(languageOfCountry('KEN')).toBe('en');
  });

  it('G1 writes amounts from their decimal strings, exactly, in each convention', () => {
    expect(moneyIn('en', '1234567.5', 'USD')).toBe('1,234,567.50 USD');
    expect(moneyIn('fr', '1234567.05', 'USD')).toBe('1\u202f234\u202f567,05 USD');
    expect(moneyIn('es', '200000', 'USD')).toBe('200.000,00 USD');
    // Beyond a double's exact integers: no float on the way.
    expect(moneyIn('en', '900719925474099.99', 'USD')).toBe('900,719,925,474,099.99 USD');
    expect(moneyIn('en', '-5.00', 'USD')).toBe('-5.00 USD');
  });

  it('writes dates in the reader language', () => {
    expect(dayIn('en', '2027-03-31')).toBe('31 March 2027');
    expect(dayIn('fr', '2027-03-31')).toBe('31 mars 2027');
    expect(dayIn('es', '2027-03-31T10:00:00Z')).toBe('31 de marzo de 2027');
  });
});
