// @ts-check
/**
 * The request bodies a client of Fundline sends, in one place for every client that plays one: the benchmark
 * (`infra/bench.js`, plain node), the chaos workload and the end-to-end test steps (TypeScript, typed by the JSDoc
 * below). A change of an API's body is made here once. The dates are fixed so that runs compare: deposits and
 * endorsements of November 2026, transfers in December 2026.
 */

/** @typedef {{ amount: string, currency: 'USD' }} Usd */
/** @typedef {{ name: string, email: string, phone?: string }} FocalPoint */
/**
 * What completes an approval: the amount, and the credit line (Fund 1035) or the pocket and its shares (Migration MPTF).
 * @typedef {{ amount: Usd, creditLine?: 1 | 2, pocketCode?: string, shares?: Array<{ organisation: string, amount: Usd }> }} ApprovalTerms
 */

/**
 * US dollars as the API takes them: a decimal string as written, or minor units (cents) as a bigint.
 * @param {string | bigint} amount
 * @returns {Usd}
 */
function usd(amount) {
  if (typeof amount === 'string') return { amount, currency: 'USD' };
  if (amount < 0n) throw new RangeError(`a request amount is never negative, got ${amount}`);
  return { amount: `${amount / 100n}.${String(amount % 100n).padStart(2, '0')}`, currency: 'USD' };
}

/** @param {string} name */
function donor(name) {
  return { name, type: 'member-state', country: 'DEU' };
}

/**
 * @param {{ donorId: string, fundCode: string, pocketCode: string, amount: Usd }} deposit
 */
function deposit({ donorId, fundCode, pocketCode, amount }) {
  return { donorId, fundCode, pocketCode, amount, usdRate: '1', depositDate: '2026-11-20' };
}

/**
 * Fund 1035's income of a fund year, from which both credit lines are funded (F9).
 * @param {{ year: number, line1: Usd, discretionary: Usd, miscellaneous: Usd }} income
 */
function creditLineFunding({ year, line1, discretionary, miscellaneous }) {
  return {
    year,
    line1AnnualAllocation: line1,
    discretionaryIncome: discretionary,
    miscellaneousIncome: miscellaneous,
    directVoluntaryContributions: usd('0.00'),
  };
}

/**
 * A Migration MPTF concept note of one country: two organisations, USD 214,000.00 requested, with a one-indicator
 * results framework.
 * @param {{ title: string, country: string, letterReference: string, focalPoint: FocalPoint }} note
 */
function conceptNote({ title, country, letterReference, focalPoint }) {
  return {
    title,
    scope: 'national',
    countries: [country],
    thematicArea: 4,
    gcmObjectives: [5, 6],
    budget: ['ILO', 'IOM'].map((organisation) => ({
      organisation,
      directCosts: usd('100000.00'),
      indirectSupportCosts: usd('7000.00'),
    })),
    requested: usd('214000.00'),
    markers: { gender: 2, humanRights: 2 },
    partners: {
      government: [
        { name: 'Ministry of Labour', type: 'line-ministry' },
        { name: 'Capital city', type: 'local-government' },
      ],
      society: [{ name: 'Migrant association', type: 'migrant-organisation' }],
    },
    durationMonths: 24,
    endorsement: { letterReference, dated: '2026-11-01' },
    focalPoint,
    // M14: a concept note is submitted with its results framework (issue 14).
    resultsFramework: {
      outcomes: [
        {
          code: '1',
          statement: 'Labour migration is safer',
          outputs: [
            {
              code: '1.1',
              statement: 'Migrant workers informed before departure',
              indicators: [
                {
                  code: '1.1.1',
                  description: 'Workers attending pre-departure orientation',
                  unit: 'workers',
                  baseline: '0',
                  target: '2000',
                  meansOfVerification: 'Orientation registers',
                },
              ],
            },
          ],
        },
      ],
    },
  };
}

/**
 * @typedef {{
 *   title: string, creditLine: 1 | 2, scope: 'national', countries: string[],
 *   endorsements: Array<{ country: string, letterReference: string }>, focusArea: string,
 *   budget: { staffAndOfficeCosts: Usd, includesOtherDonorFunding: boolean, includesProposalDevelopmentCosts: boolean },
 *   requested: Usd, durationMonths: number, focalPoint: FocalPoint,
 * }} ProjectProposalBody
 */

/**
 * A national Fund 1035 proposal of one country on Line 2: USD 200,000.00 requested over 18 months, of which USD
 * 45,000.00 staff and office costs.
 * @param {{ title: string, country: string, letterReference: string, focalPoint: FocalPoint }} proposal
 * @returns {ProjectProposalBody}
 */
function projectProposal({ title, country, letterReference, focalPoint }) {
  return {
    title,
    creditLine: 2,
    scope: 'national',
    countries: [country],
    endorsements: [{ country, letterReference }],
    focusArea: 'labour-migration',
    budget: {
      staffAndOfficeCosts: usd('45000.00'),
      includesOtherDonorFunding: false,
      includesProposalDevelopmentCosts: false,
    },
    requested: usd('200000.00'),
    durationMonths: 18,
    focalPoint,
  };
}

/** The one member of a committee session, who chairs it. */
const CHAIR = { memberId: 'chair', name: 'Chair', represents: 'donor' };

/**
 * A session of the chair alone, so one supporting position makes the quorum.
 * @param {string} fundCode @param {string[]} agenda
 */
function committeeSession(fundCode, agenda) {
  return { fundCode, quorum: 1, members: [CHAIR], agenda };
}

/** @param {string} conceptId */
function support(conceptId) {
  return { conceptId, memberId: CHAIR.memberId, position: 'support' };
}

/**
 * The committee's approval of an entry.
 * @param {string} conceptId @param {string} reasons @param {ApprovalTerms} terms
 */
function approval(conceptId, reasons, terms) {
  return { conceptId, decision: 'approve', reasons, ...terms };
}

/** @param {string} organisation @param {Usd} amount */
function transfer(organisation, amount) {
  return { organisation, amount, transferDate: '2026-12-15' };
}

module.exports = {
  usd,
  donor,
  deposit,
  creditLineFunding,
  conceptNote,
  projectProposal,
  committeeSession,
  support,
  approval,
  transfer,
};
