import { BUDGET_RULE_OF } from '@fundline/domain';
import { Money } from '@fundline/money';
import { projectProposal } from '../../infra/workload/requests';
import { ProjectProposalContent } from '../../apps/concepts/src/proposals/project-proposal.aggregate';
import { ReferenceSnapshot } from '../../apps/concepts/src/reference-data/reference-snapshot';
import {
  F1035_BUDGET_CATEGORIES_SEED,
  MPTF_BUDGET_CATEGORIES_SEED,
} from '../../apps/concepts/src/reference-data/seed/budget-categories.seed';
import { FUND_PARAMETERS_SEED } from '../../apps/concepts/src/reference-data/seed/fund-1035.seed';
import { ConceptNoteContent } from '../../apps/concepts/src/submission/concept-note.aggregate';
import { aResultsFramework } from './results-framework-builder';

const usd = (amount: string) => Money.parse(amount, 'USD');

/**
 * A valid, eligible Migration MPTF concept note of the Philippines, as the domain sees it, with the results framework
 * its submission needs (M14).
 */
export function conceptNoteContent(overrides: Partial<ConceptNoteContent> = {}): ConceptNoteContent {
  return {
    title: 'Safe and regular labour migration pathways',
    scope: 'national',
    countries: ['PHL'],
    thematicArea: 4,
    gcmObjectives: [5, 6],
    budget: [
      {
        organisation: 'ILO',
        lines: [
          { category: 'staff-and-other-personnel', amount: usd('400000.00') },
          { category: 'contractual-services', amount: usd('200000.00') },
          { category: 'travel', amount: usd('100000.00') },
          { category: 'indirect-support-costs', amount: usd('49000.00') },
        ],
      },
      {
        organisation: 'IOM',
        lines: [
          { category: 'staff-and-other-personnel', amount: usd('300000.00') },
          { category: 'transfers-and-grants', amount: usd('250000.00') },
          { category: 'general-operating-costs', amount: usd('150000.00') },
          { category: 'indirect-support-costs', amount: usd('49000.00') },
        ],
      },
    ],
    requested: usd('1498000.00'),
    markers: { gender: 2, humanRights: 3 },
    partners: {
      government: [
        { name: 'Department of Migrant Workers', type: 'line-ministry' },
        { name: 'City of Cebu', type: 'local-government' },
      ],
      society: [{ name: 'Migrant Forum in Asia', type: 'migrant-organisation' }],
    },
    durationMonths: 24,
    endorsement: { letterReference: 'DFA-2026-0412', dated: '2026-10-30' },
    focalPoint: { name: 'Maria Santos', email: 'm.santos@example.gov.ph', phone: '+63 2 8834 4000' },
    resultsFramework: aResultsFramework(),
    ...overrides,
  };
}

/**
 * A valid, eligible Fund 1035 Line 2 national proposal of the Philippines as the clients send it: USD 200,000.00, of
 * which USD 45,000.00 staff and office costs, declared as one figure (the budget before categories).
 */
export function projectProposalBody() {
  return projectProposal({
    title: 'Labour migration governance capacity',
    country: 'PHL',
    letterReference: 'DFA-2026-0413',
    focalPoint: { name: 'Jose Reyes', email: 'j.reyes@example.gov.ph' },
  });
}

/**
 * The proposal of `projectProposalBody`, as the domain sees it, its budget by IDF template line (issue 14), without a
 * results framework (optional at submission, F12).
 */
export function projectProposalContent(overrides: Partial<ProjectProposalContent> = {}): ProjectProposalContent {
  const body = projectProposalBody();
  return {
    ...body,
    budget: {
      lines: [
        { category: 'staff', amount: usd('30000.00') },
        { category: 'office', amount: usd('15000.00') },
        { category: 'operational', amount: usd('155000.00') },
      ],
      includesOtherDonorFunding: body.budget.includesOtherDonorFunding,
      includesProposalDevelopmentCosts: body.budget.includesProposalDevelopmentCosts,
    },
    requested: usd(body.requested.amount),
    parentProposalId: null,
    resultsFramework: null,
    ...overrides,
  };
}

type Country = ReferenceSnapshot['countries'] extends ReadonlyMap<string, infer C> ? C : never;
const member = (region: string, iomMember = true): Country => ({
  name: 'x',
  region: region as Country['region'],
  iomMember,
});

/** Reference data on 2026-11-22, small and explicit, for screening unit tests. */
export function referenceSnapshot(overrides: Partial<ReferenceSnapshot> = {}): ReferenceSnapshot {
  return {
    date: '2026-11-22',
    countries: new Map<string, Country>([
      ['PHL', member('asia-pacific')],
      ['IDN', member('asia-pacific')],
      ['VNM', member('asia-pacific')],
      ['SGP', member('asia-pacific')],
      ['MEX', member('latin-america-caribbean')],
      ['DEU', member('europe')],
      ['TWN', member('asia-pacific', false)],
    ]),
    thematicAreas: new Map([
      [1, new Set([1, 3, 17, 23])],
      [4, new Set([5, 6, 18, 19, 20, 22])],
      [5, new Set([4, 14, 15, 16])],
    ]),
    organisations: new Map([
      ['ILO', { name: 'ILO', eligible: true }],
      ['IOM', { name: 'IOM', eligible: true }],
      ['UNDP', { name: 'UNDP', eligible: true }],
      ['WHO', { name: 'WHO', eligible: false }],
    ]),
    focusAreas: new Map([
      ['labour-migration', { name: 'Labour migration', eligible: true }],
      ['emergency-operations', { name: 'Emergency operations', eligible: false }],
    ]),
    beneficiaries: new Map([
      ['PHL', { incomeGroup: 'lower-middle', euMember: false, withdrawn: false }],
      ['IDN', { incomeGroup: 'upper-middle', euMember: false, withdrawn: false }],
      ['VNM', { incomeGroup: 'lower-middle', euMember: false, withdrawn: false }],
      ['MEX', { incomeGroup: 'upper-middle', euMember: false, withdrawn: false }],
      ['SGP', { incomeGroup: 'high', euMember: false, withdrawn: false }],
      ['DEU', { incomeGroup: 'high', euMember: true, withdrawn: false }],
    ]),
    article4: new Map(),
    line2: new Map(),
    sources: new Map(),
    callRounds: [{ code: '2026-regional', opensOn: '2026-01-15', closesOn: '2026-12-31' }],
    budgetCategories: new Map([
      [BUDGET_RULE_OF['concept-note'].list, new Map(MPTF_BUDGET_CATEGORIES_SEED)],
      [BUDGET_RULE_OF['project-proposal'].list, new Map(F1035_BUDGET_CATEGORIES_SEED)],
    ]),
    parameters: { ...FUND_PARAMETERS_SEED },
    ...overrides,
  };
}
