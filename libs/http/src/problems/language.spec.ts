import { languageRanges, negotiateLanguage } from './language';

describe('Accept-Language negotiation for problems (RFC 9110 §12.5.4)', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['fr', 'fr'],
    ['es', 'es'],
    ['en', 'en'],
    ['FR', 'fr'],
    ['fr-CH, fr;q=0.9, en;q=0.8', 'fr'],
    ['es-419,es;q=0.9,en;q=0.5', 'es'],
    ['pt-BR, es;q=0.7, fr;q=0.8', 'fr'],
    ['en;q=0.5, fr;q=0.9, es;q=0.7', 'fr'],
    ['en;q=0.5, es', 'es'],
    ['de, fr;q=0.1', 'fr'],
    ['fr;q=0.8, es;q=0.8', 'fr'],
    ['es;q=0.8, fr;q=0.8', 'es'],
  ])('%j → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it('answers in English when no named language is served: unknown languages, q=0, malformed ranges', () => {
    expect(negotiateLanguage('de-DE, ja;q=0.8')).toBe('en');
    expect(negotiateLanguage('fr;q=0')).toBe('en');
    expect(negotiateLanguage('fr;q=2, es;q=abc')).toBe('en');
    expect(negotiateLanguage('fr_FR, 12!')).toBe('en');
    expect(negotiateLanguage(';q=1')).toBe('en');
  });

  it('takes * as any served language, English first, and never one refused with q=0', () => {
    expect(negotiateLanguage('*')).toBe('en');
    expect(negotiateLanguage('de, *;q=0.5')).toBe('en');
    expect(negotiateLanguage('en;q=0, *;q=0.5')).toBe('fr');
    expect(negotiateLanguage('en;q=0, fr;q=0, *')).toBe('es');
    expect(negotiateLanguage('*;q=0.1, es;q=0.5')).toBe('es');
  });

  it('reads weights with up to three decimals and ignores what follows the 32nd range', () => {
    expect(languageRanges('fr-CH;q=0.123, en;Q=1.000, es;q=0.')).toEqual([
      { range: 'fr-ch', q: 0.123 },
      { range: 'en', q: 1 },
      { range: 'es', q: 0 },
    ]);
    expect(languageRanges('fr;q=0.1234')).toEqual([]);
    expect(negotiateLanguage(`${'de, '.repeat(32)}fr`)).toBe('en');
  });
});
