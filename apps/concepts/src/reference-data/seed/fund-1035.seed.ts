/**
 * Fund 1035 reference data seeded on first start. The beneficiary list is a demonstration subset of the World Bank
 * classification (FY2025) and EU membership, effective 2024-07-01; fund-admin records the official list through
 * PUT /reference-data/fund1035-beneficiary/{code}. No Article 4 status is seeded: it is recorded, with the arrears
 * that justify it, by fund-admin.
 */
const LOW = 'AFG BFA BDI CAF TCD COD ERI ETH GMB GNB LBR MDG MWI MLI MOZ NER RWA SLE SOM SSD SDN TGO UGA YEM';
const LOWER_MIDDLE =
  'AGO BGD BEN BTN BOL KHM CMR COM COG CIV DJI EGY SWZ GHA GIN HTI HND IND KEN KIR KGZ LAO LSO MRT FSM MNG MAR MMR NPL NIC NGA PAK PNG PHL WSM STP SEN SLB LKA TZA TJK TLS TUN UZB VUT VNM ZMB ZWE';
const UPPER_MIDDLE =
  'ALB ARM AZE BIH BWA BRA CHN COL CUB DMA DOM ECU SLV FJI GAB GEO GTM IDN IRQ JAM KAZ LBY MYS MDV MHL MUS MEX MDA MNE NAM MKD PRY PER SRB ZAF LCA VCT SUR THA TON TUR TKM TUV UKR BGR';
const HIGH =
  'AUT BEL HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE USA CAN CHE GBR JPN AUS NOR CHL URY';
const EU =
  'AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE';

export type { IncomeGroup } from '@fundline/domain';
import type { IncomeGroup } from '@fundline/domain';

export const BENEFICIARY_SEED: ReadonlyArray<{ code: string; incomeGroup: IncomeGroup; euMember: boolean }> = (
  [
    ['low', LOW],
    ['lower-middle', LOWER_MIDDLE],
    ['upper-middle', UPPER_MIDDLE],
    ['high', HIGH],
  ] as const
).flatMap(([incomeGroup, codes]) =>
  codes.split(' ').map((code) => ({ code, incomeGroup, euMember: EU.split(' ').includes(code) })),
);

/** F8: the focus areas of Fund 1035; emergency operations and migrant return schemes are not eligible. */
export const FOCUS_AREAS_SEED: ReadonlyArray<{ code: string; name: string; eligible: boolean }> = [
  { code: 'counter-trafficking', name: 'Counter-trafficking', eligible: true },
  { code: 'intergovernmental-dialogue', name: 'Inter-governmental dialogue and cooperation', eligible: true },
  { code: 'labour-migration', name: 'Labour migration', eligible: true },
  { code: 'migration-and-development', name: 'Migration and development', eligible: true },
  { code: 'migration-environment-climate', name: 'Migration, environment and climate change', eligible: true },
  { code: 'migration-health', name: 'Migration health', eligible: true },
  { code: 'border-management', name: 'Border management', eligible: true },
  { code: 'policy-legal-frameworks', name: 'Policy and legal framework development', eligible: true },
  { code: 'research-assessment', name: 'Research and assessment', eligible: true },
  {
    code: 'return-reintegration-capacity',
    name: 'Return and reintegration (government capacity development only)',
    eligible: true,
  },
  { code: 'emergency-operations', name: 'Emergency operations', eligible: false },
  { code: 'migrant-return-schemes', name: 'Migrant return schemes', eligible: false },
];

export { FUND_PARAMETERS_SEED } from '@fundline/contracts';

/** F11: regional Fund 1035 proposals are taken in call rounds with deadlines. */
export const CALL_ROUNDS_SEED: ReadonlyArray<{ code: string; opensOn: string; closesOn: string }> = [
  { code: '2026-regional', opensOn: '2026-01-15', closesOn: '2026-12-31' },
];
