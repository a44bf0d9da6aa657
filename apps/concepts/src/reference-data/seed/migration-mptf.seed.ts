/** Migration MPTF reference data as rules.md M1 and M3 state it; fund-admin may change it later (configurable). */
export const THEMATIC_AREAS_SEED: ReadonlyArray<{ number: number; name: string; gcmObjectives: number[] }> = [
  {
    number: 1,
    name: 'Promoting fact-based and data-driven migration discourse, policy and planning',
    gcmObjectives: [1, 3, 17, 23],
  },
  {
    number: 2,
    name: 'Protecting the human rights, safety and well-being of migrants, including by addressing drivers and mitigating situations of vulnerability',
    gcmObjectives: [2, 7, 8, 12, 13],
  },
  {
    number: 3,
    name: 'Addressing irregular migration, including by managing borders and combatting transnational crime',
    gcmObjectives: [9, 10, 11, 21],
  },
  {
    number: 4,
    name: 'Facilitating regular migration, decent work and the positive development effects of human mobility',
    gcmObjectives: [5, 6, 18, 19, 20, 22],
  },
  {
    number: 5,
    name: 'Improving the social inclusion and integration of migrants',
    gcmObjectives: [4, 14, 15, 16],
  },
];

/** The eight UN organisations that launched the fund in 2019 (rules.md, reference figures). */
export const PARTICIPATING_ORGANISATIONS_SEED: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'ILO', name: 'International Labour Organization' },
  { code: 'IOM', name: 'International Organization for Migration' },
  { code: 'OHCHR', name: 'Office of the United Nations High Commissioner for Human Rights' },
  { code: 'UNDESA', name: 'United Nations Department of Economic and Social Affairs' },
  { code: 'UNDP', name: 'United Nations Development Programme' },
  { code: 'UNICEF', name: 'United Nations Children’s Fund' },
  { code: 'UNHCR', name: 'Office of the United Nations High Commissioner for Refugees' },
  { code: 'UNODC', name: 'United Nations Office on Drugs and Crime' },
];
