import { duplicateCodes } from './results-framework';

const framework = (codes: { outcome: string; output: string; indicators: string[] }[]) => ({
  outcomes: codes.map((c) => ({
    code: c.outcome,
    outputs: [{ code: c.output, indicators: c.indicators.map((code) => ({ code })) }],
  })),
});

describe('duplicateCodes (RF2)', () => {
  it('RF2 finds nothing in a framework whose codes are all different', () => {
    expect(duplicateCodes(framework([{ outcome: '1', output: '1.1', indicators: ['1.1.1', '1.1.2'] }]))).toEqual({
      codes: [],
      violations: [],
    });
  });

  it('RF2 names each later use, across levels and regardless of case, and where the code was first used', () => {
    const found = duplicateCodes(
      framework([
        { outcome: 'OC-1', output: '1.1', indicators: ['1.1.1'] },
        { outcome: 'oc-1', output: '2.1', indicators: ['1.1', '1.1.1'] },
      ]),
      'resultsFramework',
    );
    expect(found.codes).toEqual(['oc-1', '1.1', '1.1.1']);
    expect(found.violations).toEqual([
      {
        field: 'resultsFramework.outcomes.1.code',
        rule: 'RF2',
        message: 'code oc-1 is already used at resultsFramework.outcomes.0.code; codes are unique',
      },
      {
        field: 'resultsFramework.outcomes.1.outputs.0.indicators.0.code',
        rule: 'RF2',
        message: 'code 1.1 is already used at resultsFramework.outcomes.0.outputs.0.code; codes are unique',
      },
      {
        field: 'resultsFramework.outcomes.1.outputs.0.indicators.1.code',
        rule: 'RF2',
        message:
          'code 1.1.1 is already used at resultsFramework.outcomes.0.outputs.0.indicators.0.code; codes are unique',
      },
    ]);
  });

  it('RF2 names fields from the framework itself when it is the whole body', () => {
    const found = duplicateCodes(framework([{ outcome: '1', output: '1', indicators: ['1.1.1'] }]));
    expect(found.violations.map((v) => v.field)).toEqual(['outcomes.0.outputs.0.code']);
  });
});
