/** Test data for a valid Migration MPTF concept note, with overrides for the case at hand. */
export function aConceptNote(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Safe and regular labour migration pathways',
    scope: 'national',
    countries: ['PHL'],
    thematicArea: 4,
    gcmObjectives: [5, 6],
    participatingOrganisations: ['ILO', 'IOM'],
    requested: { amount: '1500000.00', currency: 'USD' },
    ...overrides,
  };
}
