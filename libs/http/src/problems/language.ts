import { Language, LANGUAGES } from './messages';

const RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/i;
const WEIGHT = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;
/** Nobody names more languages than this; the rest of a hostile header is not looked at. */
const MAX_RANGES = 32;

interface LanguageRange {
  range: string;
  q: number;
}

/** The ranges of an Accept-Language header (RFC 9110 §12.5.4) with their weights; malformed ones are skipped. */
export function languageRanges(header: string | undefined): LanguageRange[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, MAX_RANGES)
    .flatMap((part): LanguageRange[] => {
      const [range, ...parameters] = part.split(';').map((p) => p.trim());
      if (!RANGE.test(range)) return [];
      const weights = parameters.filter((p) => /^q=/i.test(p));
      if (weights.length > 1 || (weights.length === 1 && !WEIGHT.test(weights[0]))) return [];
      return [{ range: range.toLowerCase(), q: weights.length ? Number(weights[0].slice(2)) : 1 }];
    });
}

function isLanguage(tag: string): tag is Language {
  return (LANGUAGES as readonly string[]).includes(tag);
}

/**
 * The language to answer in: the caller's ranges by descending weight (earlier first among equals), each looked up
 * by its primary subtag (`fr-CH` is served in `fr`, RFC 4647 §3.4); `*` is any language, English first; a language
 * named with q=0 is never chosen. English when nothing matches.
 */
export function negotiateLanguage(header: string | undefined): Language {
  const ranges = languageRanges(header);
  const refused = new Set(ranges.filter((r) => r.q === 0).map((r) => r.range));
  const acceptable = (tag: string): tag is Language => isLanguage(tag) && !refused.has(tag);
  for (const { range } of ranges.filter((r) => r.q > 0).sort((a, b) => b.q - a.q)) {
    if (range === '*') {
      const any = LANGUAGES.find(acceptable);
      if (any) return any;
    }
    const primary = range.split('-')[0];
    if (acceptable(primary)) return primary;
  }
  return 'en';
}
