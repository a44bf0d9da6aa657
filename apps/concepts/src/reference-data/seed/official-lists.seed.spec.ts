import { COUNTRIES_SEED } from './countries.seed';
import {
  beneficiariesFrom,
  EU_MEMBERS,
  LINE_2_2024_08,
  LINE_2_2024_08_SOURCE,
  WORLD_BANK_FY2025,
  WORLD_BANK_FY2026,
} from './official-lists.seed';

const countries = new Map(COUNTRIES_SEED.map(([code, name, , iomMember]) => [code, { name, iomMember }]));

/** Folds case, accents and apostrophes, so that "Côte d’Ivoire" and "Cote d'Ivoire" compare equal. */
const plain = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .toLowerCase();

/** Published names that differ from the ISO short names of the country list, each checked by eye once. */
const ALIASES: Record<string, string> = {
  'Cabo Verde': 'Cape Verde',
  China: "People's Republic of China",
  Gambia: 'Republic of The Gambia',
  'Micronesia (Federated States of)': 'Micronesia, Federated States of',
  'Bolivia (Plurinational State of)': 'Bolivia',
  'Viet Nam': 'Vietnam',
};

describe('the official Fund 1035 lists', () => {
  const line2 = LINE_2_2024_08.flatMap((r) => Object.entries(r.names).map(([name, code]) => ({ name, code })));

  it('F3 maps every published Line 2 name to the known ISO 3166-1 alpha-3 code of that state', () => {
    for (const { name, code } of line2) {
      expect({ name, code, known: plain(countries.get(code)?.name ?? '(unknown code)') }).toEqual({
        name,
        code,
        known: plain(ALIASES[name] ?? name),
      });
    }
    expect(new Set(line2.map((e) => e.code)).size).toBe(line2.length);
  });

  it('F3 reads the August 2024 Line 2 list region by region: every published count is loaded or declared unread', () => {
    const counts = LINE_2_2024_08.map((r) => [r.region, r.published, Object.keys(r.names).length]);
    expect(counts).toEqual([
      ['Africa', 45, 45],
      ['Asia and Oceania', 31, 31],
      ['Latin America and the Caribbean', 21, 21],
      ['Europe', 13, 7],
      ['Middle East and North Africa', 1, 0],
    ]);
    expect(LINE_2_2024_08.reduce((n, r) => n + r.published, 0)).toBe(LINE_2_2024_08_SOURCE.published);
    expect(LINE_2_2024_08_SOURCE).toMatchObject({ published: 111, loaded: 104, complete: false });
  });

  it('F3 reads the cut-off "Mont…" of the stored Line 2 page as the only IOM Member State so named', () => {
    const mont = COUNTRIES_SEED.filter(([, name, , member]) => member && name.startsWith('Mont'));
    expect(mont.map(([code]) => code)).toEqual(['MNE']);
  });

  it('F1 lists every state of the Line 2 list as an IOM Member State', () => {
    expect(line2.filter((e) => !countries.get(e.code)?.iomMember)).toEqual([]);
  });

  it('F1 classifies each economy once per World Bank year, with known codes and the 27 EU members', () => {
    for (const classification of [WORLD_BANK_FY2025, WORLD_BANK_FY2026]) {
      const rows = beneficiariesFrom(classification);
      expect(rows.filter(([code]) => !countries.has(code))).toEqual([]);
      expect(new Set(rows.map(([code]) => code)).size).toBe(rows.length);
    }
    expect(EU_MEMBERS.split(' ')).toHaveLength(27);
    const fy2026 = new Map(beneficiariesFrom(WORLD_BANK_FY2026));
    expect(fy2026.get('FRA')).toEqual({ incomeGroup: 'high', euMember: true, withdrawn: false });
    expect(fy2026.get('CRI')).toMatchObject({ incomeGroup: 'high' });
    expect(fy2026.get('ETH')).toBeNull();
    expect(new Map(beneficiariesFrom(WORLD_BANK_FY2025)).get('CRI')).toMatchObject({ incomeGroup: 'upper-middle' });
  });
});
