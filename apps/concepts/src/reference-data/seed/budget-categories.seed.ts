import { UNCATEGORISED } from '@fundline/contracts';
import { BudgetCategory, SubmissionForm } from '@fundline/domain';

/** Fund 1035 staff and office costs declared as one figure, before budgets had categories (issue 14). */
export const LEGACY_STAFF_AND_OFFICE = 'staff-and-office';

/** The categories only a budget written before categories has; a categorised request cannot name them. */
export const LEGACY_CATEGORIES: Readonly<Record<SubmissionForm, readonly string[]>> = {
  'concept-note': [UNCATEGORISED],
  'project-proposal': [LEGACY_STAFF_AND_OFFICE, UNCATEGORISED],
};

/** The indirect support costs line an MPTF budget written before categories becomes (with its direct costs uncategorised). */
export const INDIRECT_SUPPORT_COSTS = 'indirect-support-costs';

/** The UN harmonised budget categories (UNDG, 2012) of the Migration MPTF, per participating organisation (M4). */
export const MPTF_BUDGET_CATEGORIES_SEED: ReadonlyArray<[string, BudgetCategory]> = [
  ['staff-and-other-personnel', { name: 'Staff and other personnel', counts: 'direct' }],
  ['supplies-commodities-materials', { name: 'Supplies, commodities, materials', counts: 'direct' }],
  [
    'equipment-vehicles-furniture',
    { name: 'Equipment, vehicles, and furniture, including depreciation', counts: 'direct' },
  ],
  ['contractual-services', { name: 'Contractual services', counts: 'direct' }],
  ['travel', { name: 'Travel', counts: 'direct' }],
  ['transfers-and-grants', { name: 'Transfers and grants to counterparts', counts: 'direct' }],
  ['general-operating-costs', { name: 'General operating and other direct costs', counts: 'direct' }],
  [INDIRECT_SUPPORT_COSTS, { name: 'Indirect support costs', counts: 'indirect-support' }],
  [UNCATEGORISED, { name: 'Direct costs budgeted before categories', counts: 'direct' }],
];

/** The IOM Development Fund budget template lines (F7: staff and office costs at most 30% of the total). */
export const F1035_BUDGET_CATEGORIES_SEED: ReadonlyArray<[string, BudgetCategory]> = [
  ['staff', { name: 'Staff costs', counts: 'staff-and-office' }],
  ['office', { name: 'Office costs', counts: 'staff-and-office' }],
  ['operational', { name: 'Operational costs (activities)', counts: 'other' }],
  [LEGACY_STAFF_AND_OFFICE, { name: 'Staff and office costs declared before categories', counts: 'staff-and-office' }],
  [UNCATEGORISED, { name: 'Costs budgeted before categories', counts: 'other' }],
];

export const BUDGET_CATEGORIES_FROM = '2019-01-01';
