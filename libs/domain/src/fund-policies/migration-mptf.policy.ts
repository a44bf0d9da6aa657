import { annualExpenditureObligations, reportingObligations } from './obligation-schedule';
import { FundPolicy } from './fund-policy';
import { poolAndThematicWindows, sharesAmongParticipatingOrganisations, thematicEarmark } from './pooled-fund';

/**
 * The Migration MPTF: governments submit joint programme concept notes under one of five thematic areas (M1–M6);
 * the Steering Committee approves allocations from the unearmarked pool or the programme's thematic window (M9),
 * shared among participating UN organisations (M10), which report expenditure every year (M11). The Administrative
 * Agent takes 1% of each deposit (M9); the fund-status report tracks its capitalization (M13).
 */
export const MIGRATION_MPTF: FundPolicy = {
  code: 'MIGRATION_MPTF',
  name: 'Migration Multi-Partner Trust Fund',
  form: 'concept-note',
  feeBasisPoints: 100,
  pockets: poolAndThematicWindows([
    [1, 'data-driven discourse, policy and planning'],
    [2, 'protecting migrants'],
    [3, 'irregular migration and borders'],
    [4, 'regular migration and decent work'],
    [5, 'social inclusion and integration'],
  ]),
  reports: ['fund-status'],
  capitalizationTarget: 'mptf.capitalization-target-minor',
  earmark: thematicEarmark,
  needsEligibilityLists: () => false,
  approvalViolations: () => [],
  shares: sharesAmongParticipatingOrganisations,
  obligations: (startDate, endDate) => [
    ...reportingObligations(startDate, endDate),
    ...annualExpenditureObligations(startDate, endDate),
  ],
};
