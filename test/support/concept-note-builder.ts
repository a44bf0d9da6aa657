/** Request bodies as a government sends them: a valid, eligible submission of each fund, with overrides. */
export function aConceptNote(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Safe and regular labour migration pathways',
    scope: 'national',
    countries: ['PHL'],
    thematicArea: 4,
    gcmObjectives: [5, 6],
    budget: [
      {
        organisation: 'ILO',
        directCosts: { amount: '700000.00', currency: 'USD' },
        indirectSupportCosts: { amount: '49000.00', currency: 'USD' },
      },
      {
        organisation: 'IOM',
        directCosts: { amount: '700000.00', currency: 'USD' },
        indirectSupportCosts: { amount: '49000.00', currency: 'USD' },
      },
    ],
    requested: { amount: '1498000.00', currency: 'USD' },
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
    ...overrides,
  };
}

export function aProjectProposal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Labour migration governance capacity',
    creditLine: 2,
    scope: 'national',
    countries: ['PHL'],
    endorsements: [{ country: 'PHL', letterReference: 'DFA-2026-0413' }],
    focusArea: 'labour-migration',
    budget: {
      staffAndOfficeCosts: { amount: '45000.00', currency: 'USD' },
      includesOtherDonorFunding: false,
      includesProposalDevelopmentCosts: false,
    },
    requested: { amount: '200000.00', currency: 'USD' },
    durationMonths: 18,
    focalPoint: { name: 'Jose Reyes', email: 'j.reyes@example.gov.ph' },
    ...overrides,
  };
}
