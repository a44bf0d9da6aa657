import { IncomeGroup } from './fund-1035.seed';

/**
 * The published lists Fund 1035 eligibility rests on (issue 11, finding 9), as read from stored copies of their
 * official pages on 2026-11-24. Every value is taken from the source named beside it; what could not be read is
 * said so, never filled in. Decisions and sources: docs/adr/0014-official-reference-lists.md.
 */
export const READ_ON = '2026-11-24';

export interface ListSource {
  /** What the list is, who publishes it, where, and when this copy was read. */
  source: string;
  /** How many entries the publication counts, when it says so. */
  published: number | null;
  /** How many entries Fundline loaded from it. */
  loaded: number;
  /** Whether every entry of the publication was loaded: only then does absence from the list mean anything. */
  complete: boolean;
  note: string | null;
}

/** A list's source as recorded in the `list-source` dataset, beside the versions it gave. */
export type RecordedSource = ListSource & { dataset: string; effectiveFrom: string };

/** Line 2 regions in the order and with the labels of the IOM page. */
export const LINE_2_REGIONS = [
  'Africa',
  'Asia and Oceania',
  'Latin America and the Caribbean',
  'Europe',
  'Middle East and North Africa',
] as const;
export type Line2Region = (typeof LINE_2_REGIONS)[number];

/**
 * IOM, "List of IOM Member States Eligible for Allocations from the IOM Development Fund (Line 2), by Region,
 * August 2024" (iom.int/eligible-member-states-line-2), names as published, with the count the page gives per region.
 * The stored copy ends inside the Europe group at "Mont": Montenegro is the only Member State whose name begins so
 * (checked by the seed's unit test); the six other Europe names and the Middle East and North Africa entry could not
 * be read.
 */
export const LINE_2_2024_08: ReadonlyArray<{ region: Line2Region; published: number; names: Record<string, string> }> =
  [
    {
      region: 'Africa',
      published: 45,
      names: {
        Algeria: 'DZA',
        Angola: 'AGO',
        Benin: 'BEN',
        Botswana: 'BWA',
        'Burkina Faso': 'BFA',
        Burundi: 'BDI',
        'Cabo Verde': 'CPV',
        Cameroon: 'CMR',
        'Central African Republic': 'CAF',
        Comoros: 'COM',
        'Côte d’Ivoire': 'CIV',
        'Democratic Republic of the Congo': 'COD',
        Djibouti: 'DJI',
        Egypt: 'EGY',
        Eritrea: 'ERI',
        Eswatini: 'SWZ',
        Ethiopia: 'ETH',
        Gabon: 'GAB',
        Ghana: 'GHA',
        Gambia: 'GMB',
        Guinea: 'GIN',
        'Guinea-Bissau': 'GNB',
        Kenya: 'KEN',
        Lesotho: 'LSO',
        Libya: 'LBY',
        Madagascar: 'MDG',
        Malawi: 'MWI',
        Mali: 'MLI',
        Mauritania: 'MRT',
        Mauritius: 'MUS',
        Morocco: 'MAR',
        Mozambique: 'MOZ',
        Namibia: 'NAM',
        Niger: 'NER',
        Rwanda: 'RWA',
        'Sao Tome and Principe': 'STP',
        'Sierra Leone': 'SLE',
        Somalia: 'SOM',
        'South Africa': 'ZAF',
        Togo: 'TGO',
        Tunisia: 'TUN',
        Uganda: 'UGA',
        'United Republic of Tanzania': 'TZA',
        Zambia: 'ZMB',
        Zimbabwe: 'ZWE',
      },
    },
    {
      region: 'Asia and Oceania',
      published: 31,
      names: {
        Afghanistan: 'AFG',
        Bangladesh: 'BGD',
        Cambodia: 'KHM',
        China: 'CHN',
        Fiji: 'FJI',
        India: 'IND',
        Kazakhstan: 'KAZ',
        Kiribati: 'KIR',
        Kyrgyzstan: 'KGZ',
        'Lao People’s Democratic Republic': 'LAO',
        Maldives: 'MDV',
        'Marshall Islands': 'MHL',
        'Micronesia (Federated States of)': 'FSM',
        Mongolia: 'MNG',
        Myanmar: 'MMR',
        Nepal: 'NPL',
        Pakistan: 'PAK',
        Palau: 'PLW',
        Philippines: 'PHL',
        Samoa: 'WSM',
        'Solomon Islands': 'SLB',
        'Sri Lanka': 'LKA',
        Tajikistan: 'TJK',
        Thailand: 'THA',
        'Timor-Leste': 'TLS',
        Tonga: 'TON',
        Turkmenistan: 'TKM',
        Tuvalu: 'TUV',
        Uzbekistan: 'UZB',
        Vanuatu: 'VUT',
        'Viet Nam': 'VNM',
      },
    },
    {
      region: 'Latin America and the Caribbean',
      published: 21,
      names: {
        Argentina: 'ARG',
        Belize: 'BLZ',
        'Bolivia (Plurinational State of)': 'BOL',
        Brazil: 'BRA',
        Colombia: 'COL',
        'Costa Rica': 'CRI',
        Cuba: 'CUB',
        Dominica: 'DMA',
        'Dominican Republic': 'DOM',
        Ecuador: 'ECU',
        'El Salvador': 'SLV',
        Grenada: 'GRD',
        Guatemala: 'GTM',
        Haiti: 'HTI',
        Honduras: 'HND',
        Jamaica: 'JAM',
        Mexico: 'MEX',
        Paraguay: 'PRY',
        Peru: 'PER',
        'Saint Vincent and the Grenadines': 'VCT',
        Suriname: 'SUR',
      },
    },
    {
      region: 'Europe',
      published: 13,
      names: {
        Albania: 'ALB',
        Armenia: 'ARM',
        Azerbaijan: 'AZE',
        Belarus: 'BLR',
        'Bosnia and Herzegovina': 'BIH',
        Georgia: 'GEO',
        Montenegro: 'MNE',
      },
    },
    { region: 'Middle East and North Africa', published: 1, names: {} },
  ];

export const LINE_2_2024_08_SOURCE: ListSource = {
  source:
    'IOM, "List of IOM Member States Eligible for Allocations from the IOM Development Fund (Line 2), by Region, ' +
    `August 2024", https://iom.int/eligible-member-states-line-2 (stored copy read ${READ_ON})`,
  published: 111,
  loaded: LINE_2_2024_08.reduce((n, r) => n + Object.keys(r.names).length, 0),
  complete: false,
  note:
    'The stored copy ends inside the Europe group ("Mont", read as Montenegro, the only Member State so named): ' +
    'six Europe names and the Middle East and North Africa entry could not be read; load the full list with ' +
    'POST /reference-data/fund1035-line2/import',
};

const WB_SOURCE = (fy: string, from: string, copy: string) =>
  `World Bank, "World Bank Country and Lending Groups", CLASS.xlsx ${fy} (income classifications set on ${from}), ` +
  `https://datahelpdesk.worldbank.org/knowledgebase/articles/906519; read from the copy in ${copy} (read ${READ_ON})`;

/**
 * World Bank income classification by ISO 3166-1 alpha-3 code (the World Bank's XKX is Fundline's XKK, Kosovo; the
 * Channel Islands, CHI, have no ISO code and are left out). "unclassified" economies are on none of the four lists.
 */
export interface IncomeClassification {
  fiscalYear: string;
  inForceFrom: string;
  source: string;
  groups: Record<IncomeGroup | 'unclassified', string>;
}

export const WORLD_BANK_FY2025: IncomeClassification = {
  fiscalYear: 'FY2025',
  inForceFrom: '2024-07-01',
  source: WB_SOURCE('FY2025', '1 July 2024', 'github.com/GPID-WB/Class InputData/CLASS_FY2025.xlsx, commit c6050a1'),
  groups: {
    low: 'AFG BDI BFA CAF COD ERI ETH GMB GNB LBR MDG MLI MOZ MWI NER PRK RWA SDN SLE SOM SSD SYR TCD TGO UGA YEM',
    'lower-middle':
      'AGO BEN BGD BOL BTN CIV CMR COG COM CPV DJI EGY FSM GHA GIN HND HTI IND JOR KEN KGZ KHM KIR LAO LBN LKA LSO MAR MMR MRT NGA NIC NPL PAK PHL PNG PSE SEN SLB STP SWZ TJK TLS TUN TZA UZB VNM VUT WSM ZMB ZWE',
    'upper-middle':
      'ALB ARG ARM AZE BIH BLR BLZ BRA BWA CHN COL CRI CUB DMA DOM DZA ECU FJI GAB GEO GNQ GRD GTM IDN IRN IRQ JAM KAZ LBY LCA MDA MDV MEX MHL MKD MNE MNG MUS MYS NAM PER PRY SLV SRB SUR THA TKM TON TUR TUV UKR VCT XKK ZAF',
    high: 'ABW AND ARE ASM ATG AUS AUT BEL BGR BHR BHS BMU BRB BRN CAN CHE CHL CUW CYM CYP CZE DEU DNK ESP EST FIN FRA FRO GBR GIB GRC GRL GUM GUY HKG HRV HUN IMN IRL ISL ISR ITA JPN KNA KOR KWT LIE LTU LUX LVA MAC MAF MCO MLT MNP NCL NLD NOR NRU NZL OMN PAN PLW POL PRI PRT PYF QAT ROU RUS SAU SGP SMR SVK SVN SWE SXM SYC TCA TTO TWN URY USA VGB VIR',
    unclassified: 'VEN',
  },
};

export const WORLD_BANK_FY2026: IncomeClassification = {
  fiscalYear: 'FY2026',
  inForceFrom: '2025-07-01',
  source: WB_SOURCE('FY2026', '1 July 2025', 'github.com/GPID-WB/Class InputData/CLASS_FY2026.xlsx, commit 4f58f4f'),
  groups: {
    low: 'AFG BDI BFA CAF COD ERI GMB GNB LBR MDG MLI MOZ MWI NER PRK RWA SDN SLE SOM SSD SYR TCD TGO UGA YEM',
    'lower-middle':
      'AGO BEN BGD BOL BTN CIV CMR COG COM DJI EGY FSM GHA GIN HND HTI IND JOR KEN KGZ KHM KIR LAO LBN LKA LSO MAR MMR MRT NAM NGA NIC NPL PAK PHL PNG PSE SEN SLB STP SWZ TJK TLS TUN TZA UZB VNM VUT ZMB ZWE',
    'upper-middle':
      'ALB ARG ARM AZE BIH BLR BLZ BRA BWA CHN COL CPV CUB DMA DOM DZA ECU FJI GAB GEO GNQ GRD GTM IDN IRN IRQ JAM KAZ LBY LCA MDA MDV MEX MHL MKD MNE MNG MUS MYS PER PRY SLV SRB SUR THA TKM TON TUR TUV UKR VCT WSM XKK ZAF',
    high: 'ABW AND ARE ASM ATG AUS AUT BEL BGR BHR BHS BMU BRB BRN CAN CHE CHL CRI CUW CYM CYP CZE DEU DNK ESP EST FIN FRA FRO GBR GIB GRC GRL GUM GUY HKG HRV HUN IMN IRL ISL ISR ITA JPN KNA KOR KWT LIE LTU LUX LVA MAC MAF MCO MLT MNP NCL NLD NOR NRU NZL OMN PAN PLW POL PRI PRT PYF QAT ROU RUS SAU SGP SMR SVK SVN SWE SXM SYC TCA TTO TWN URY USA VGB VIR',
    unclassified: 'ETH VEN',
  },
};

/** The European Union group (EUU) of the same World Bank file's "composition" sheet, FY2026: 27 members. */
export const EU_MEMBERS =
  'AUT BEL BGR CYP CZE DEU DNK ESP EST FIN FRA GRC HRV HUN IRL ITA LTU LUX LVA MLT NLD POL PRT ROU SVK SVN SWE';

/**
 * The F1 beneficiary list a classification yields (rules.md F1): every classified economy with its income group and
 * EU membership; an unclassified one is on no list and is retired (null). IOM membership is kept on the country list.
 */
export function beneficiariesFrom(
  classification: IncomeClassification,
): Array<[code: string, value: { incomeGroup: IncomeGroup; euMember: boolean; withdrawn: boolean } | null]> {
  const eu = new Set(EU_MEMBERS.split(' '));
  return Object.entries(classification.groups).flatMap(([group, codes]) =>
    codes
      .split(' ')
      .map((code): [string, { incomeGroup: IncomeGroup; euMember: boolean; withdrawn: boolean } | null] => [
        code,
        group === 'unclassified'
          ? null
          : { incomeGroup: group as IncomeGroup, euMember: eu.has(code), withdrawn: false },
      ]),
  );
}

/**
 * IOM Member States: IOM's pages state 175 (iom.int/eligibility-criteria, read on READ_ON), but no stored copy of the
 * list of members could be found; membership stays on the country list (seeded from UN membership) and fund-admin
 * corrects it by PUT or CSV import. The Line 2 list is a list of Member States, so each of its names is one.
 */
export const IOM_MEMBER_STATES_PUBLISHED = 175;
