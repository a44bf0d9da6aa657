/**
 * A results framework as a request body (issue 14): two outcomes, three outputs, four indicators, codes unique, figures
 * as decimal strings. Each indicator's figures are given so that a test can compute what the view must show.
 */
export function aResultsFramework(overrides: Record<string, unknown> = {}) {
  return {
    outcomes: [
      {
        code: '1',
        statement: 'Migration policy is informed by reliable data',
        outputs: [
          {
            code: '1.1',
            statement: 'Migration data officials trained',
            indicators: [
              {
                code: '1.1.1',
                description: 'Officials trained in migration data collection',
                unit: 'officials',
                baseline: '0',
                target: '120',
                meansOfVerification: 'Training attendance lists',
              },
              {
                code: '1.1.2',
                description: 'Share of trained officials applying the method',
                unit: 'percent',
                baseline: '10',
                target: '60',
                meansOfVerification: 'Follow-up survey',
              },
            ],
          },
        ],
      },
      {
        code: '2',
        statement: 'Fewer migrants are exploited in recruitment',
        outputs: [
          {
            code: '2.1',
            statement: 'Recruitment agencies inspected',
            indicators: [
              {
                code: '2.1.1',
                description: 'Reported cases of recruitment fraud per year',
                unit: 'cases',
                baseline: '40',
                target: '10',
                meansOfVerification: 'Labour inspectorate records',
              },
            ],
          },
          {
            code: '2.2',
            statement: 'Workers informed of their rights before departure',
            indicators: [
              {
                code: '2.2.1',
                description: 'Workers attending pre-departure orientation',
                unit: 'workers',
                baseline: '0',
                target: '5000.5',
                meansOfVerification: 'Orientation registers',
              },
            ],
          },
        ],
      },
    ],
    notes: 'Baselines from the 2025 labour migration survey',
    ...overrides,
  };
}
