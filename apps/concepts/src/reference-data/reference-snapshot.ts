import { IomRegion } from './seed/countries.seed';
import { IncomeGroup } from './seed/fund-1035.seed';

/** Every reference list as it stood on one date: what a screening reads, and all it reads. */
export interface ReferenceSnapshot {
  date: string;
  countries: ReadonlyMap<string, { name: string; region: IomRegion | null; iomMember: boolean }>;
  thematicAreas: ReadonlyMap<number, ReadonlySet<number>>;
  organisations: ReadonlyMap<string, { name: string; eligible: boolean }>;
  focusAreas: ReadonlyMap<string, { name: string; eligible: boolean }>;
  beneficiaries: ReadonlyMap<string, { incomeGroup: IncomeGroup; euMember: boolean; withdrawn: boolean }>;
  article4: ReadonlyMap<string, { subject: boolean; since: string; arrearsMinor: string; dueTwoYearsMinor: string }>;
  callRounds: ReadonlyArray<{ code: string; opensOn: string; closesOn: string }>;
  parameters: Readonly<Record<string, number>>;
}

export const DATASETS = [
  'country',
  'thematic-area',
  'un-organisation',
  'focus-area',
  'fund1035-beneficiary',
  'article4',
  'call-round',
  'fund-parameter',
] as const;
export type Dataset = (typeof DATASETS)[number];

export function parameter(snapshot: ReferenceSnapshot, name: string): number {
  const value = snapshot.parameters[name];
  if (value === undefined) throw new Error(`fund parameter ${name} is not set on ${snapshot.date}`);
  return value;
}

/** F1: on the beneficiary list in force: low to upper-middle income, not an EU member, not withdrawn, IOM member. */
export function fund1035Eligibility(snapshot: ReferenceSnapshot, code: string): { eligible: boolean; why: string } {
  const country = snapshot.countries.get(code);
  const listed = snapshot.beneficiaries.get(code);
  if (!country?.iomMember) return { eligible: false, why: `${code} is not an IOM Member State on ${snapshot.date}` };
  if (!listed) return { eligible: false, why: `${code} is not on the beneficiary list in force on ${snapshot.date}` };
  if (listed.incomeGroup === 'high') return { eligible: false, why: `${code} is a high-income economy` };
  if (listed.euMember) return { eligible: false, why: `${code} is an EU member` };
  if (listed.withdrawn) return { eligible: false, why: `${code} has voluntarily withdrawn` };
  return { eligible: true, why: `${code} is on the list in force on ${snapshot.date} (${listed.incomeGroup} income)` };
}
