import { BudgetCategory } from '@fundline/domain';
import { IomRegion } from './seed/countries.seed';
import { IncomeGroup } from './seed/fund-1035.seed';
import { RecordedSource } from './seed/official-lists.seed';

/** Every reference list as it stood on one date: what a screening reads, and all it reads. */
export interface ReferenceSnapshot {
  date: string;
  countries: ReadonlyMap<string, { name: string; region: IomRegion | null; iomMember: boolean }>;
  thematicAreas: ReadonlyMap<number, ReadonlySet<number>>;
  organisations: ReadonlyMap<string, { name: string; eligible: boolean }>;
  focusAreas: ReadonlyMap<string, { name: string; eligible: boolean }>;
  beneficiaries: ReadonlyMap<string, { incomeGroup: IncomeGroup; euMember: boolean; withdrawn: boolean }>;
  article4: ReadonlyMap<string, { subject: boolean; since: string; arrearsMinor: string; dueTwoYearsMinor: string }>;
  /** The published Line 2 list (F3): Line 1 beneficiaries not subject to Article 4, as IOM lists them. */
  line2: ReadonlyMap<string, { name: string; region: string }>;
  /** Where the version in force of each published list comes from, by dataset. */
  sources: ReadonlyMap<string, RecordedSource>;
  callRounds: ReadonlyArray<{ code: string; opensOn: string; closesOn: string }>;
  /** Budget categories in force, by list (`mptf`, `f1035`: BUDGET_LIST_OF) and code (issue 14). */
  budgetCategories: ReadonlyMap<string, ReadonlyMap<string, BudgetCategory>>;
  /** Fund parameters by key: amounts in USD minor units (bigint in the seed, numbers as recorded), counts. */
  parameters: Readonly<Record<string, number | bigint>>;
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
  'fund1035-line2',
  'list-source',
  'budget-category',
] as const;
export type Dataset = (typeof DATASETS)[number];

export function parameter(snapshot: ReferenceSnapshot, name: string): number {
  const value = snapshot.parameters[name];
  if (value === undefined) throw new Error(`fund parameter ${name} is not set on ${snapshot.date}`);
  return Number(value);
}
