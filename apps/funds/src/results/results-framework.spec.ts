import { violationOf } from '../../../../test/support/domain-errors';
import { aResultsFramework } from '../../../../test/support/results-framework-builder';
import { AllocationResults, Framework, isProgressReport, ResultsState } from './results-framework';

const framework = (): Framework => aResultsFramework();

/** The results of an open allocation, with or without a framework standing and progress reported. */
function results(state: Partial<ResultsState> = {}): AllocationResults {
  return new AllocationResults({
    allocationId: 'a1',
    status: 'under-implementation',
    current: { source: 'submission', version: 1, framework: framework() },
    staffVersion: 0,
    progressReported: false,
    ...state,
  });
}

const interim = { id: 'o1', kind: 'interim-narrative-report' };

describe('an allocation’s results framework', () => {
  it('F12 RF4 recorded by staff becomes version 1, even when it repeats the submitted one (staff confirm it)', () => {
    expect(results().record(framework())).toBe(1);
    expect(results({ current: null }).record(framework())).toBe(1);
  });

  it('RF4 a new framework is the next version; repeating the latest staff version records nothing new', () => {
    const recorded = results({ current: { source: 'staff', version: 2, framework: framework() }, staffVersion: 2 });
    expect(recorded.record(framework())).toBe(2);
    expect(recorded.record({ ...framework(), notes: 'revised at inception' })).toBe(3);
  });

  it('F12 RF2 refuses a code used twice across the framework, naming every later use and where it first was', () => {
    const body = framework();
    body.outcomes[1].outputs[0].indicators[0].code = '1.1.1';
    body.outcomes[1].code = '1.1';
    expect(violationOf(() => results().record(body))).toEqual({
      code: 'RESULTS_FRAMEWORK.DUPLICATE_CODE',
      kind: 'invalid',
      rules: ['RF2', 'RF2'],
      fields: ['outcomes.1.code', 'outcomes.1.outputs.0.indicators.0.code'],
    });
  });

  it('RF2 compares codes without regard to case, as at submission', () => {
    const body = framework();
    body.outcomes[1].outputs[1].indicators[0].code = '2.1.1-A';
    body.outcomes[1].outputs[0].indicators[0].code = '2.1.1-a';
    expect(violationOf(() => results().record(body))).toMatchObject({
      code: 'RESULTS_FRAMEWORK.DUPLICATE_CODE',
      fields: ['outcomes.1.outputs.1.indicators.0.code'],
    });
  });

  it('RF4 refuses a new framework once progress has been reported against it', () => {
    const reported = results({
      current: { source: 'staff', version: 1, framework: framework() },
      staffVersion: 1,
      progressReported: true,
    });
    expect(violationOf(() => reported.record({ ...framework(), notes: 'changed' }))).toMatchObject({
      code: 'RESULTS_FRAMEWORK.IN_USE',
      kind: 'conflict',
      rules: ['RF4'],
    });
    // The same framework again is no change: answered, not refused.
    expect(reported.record(framework())).toBe(1);
  });

  it('F12 RF4 lets staff confirm the submitted framework as it stands even after progress, and change it not', () => {
    const reported = results({ progressReported: true });
    expect(reported.record(framework())).toBe(1);
    expect(violationOf(() => reported.record({ ...framework(), notes: 'changed' }))).toMatchObject({
      code: 'RESULTS_FRAMEWORK.IN_USE',
    });
  });

  it('M12 refuses a framework and progress on a closed allocation', () => {
    const closed = results({ status: 'closed' });
    expect(violationOf(() => closed.record(framework()))).toMatchObject({ code: 'ALLOCATION.CLOSED', rules: ['M12'] });
    expect(
      violationOf(() => closed.reportProgress(interim, [{ indicator: '1.1.1', achieved: '1' }], null)),
    ).toMatchObject({ code: 'ALLOCATION.CLOSED', rules: ['M12'] });
  });
});

describe('progress per indicator', () => {
  it('F12 RF3 is reported with interim and final narrative reports only', () => {
    expect(['interim-narrative-report', 'final-narrative-report'].map(isProgressReport)).toEqual([true, true]);
    expect(
      ['monitoring-framework', 'final-financial-report', 'annual-expenditure-2027', 'ex-post-evaluation'].map(
        isProgressReport,
      ),
    ).toEqual([false, false, false, false]);
    expect(
      violationOf(() =>
        results().reportProgress(
          { id: 'o2', kind: 'final-financial-report' },
          [{ indicator: '1.1.1', achieved: '1' }],
          null,
        ),
      ),
    ).toEqual({ code: 'RESULTS.NOT_A_PROGRESS_REPORT', kind: 'invalid', rules: ['RF3'], fields: ['obligationId'] });
  });

  it('F12 RF3 names only indicators of the framework, each once per report', () => {
    expect(
      violationOf(() =>
        results().reportProgress(
          interim,
          [
            { indicator: '1.1.1', achieved: '1' },
            { indicator: '9.9.9', achieved: '1' },
            { indicator: '1.1', achieved: '1' },
          ],
          null,
        ),
      ),
    ).toEqual({
      code: 'RESULTS.UNKNOWN_INDICATOR',
      kind: 'invalid',
      rules: ['RF3', 'RF3'],
      fields: ['progress.1.indicator', 'progress.2.indicator'],
    });
    expect(
      violationOf(() =>
        results().reportProgress(
          interim,
          [
            { indicator: '1.1.1', achieved: '1' },
            { indicator: '1.1.1', achieved: '2' },
          ],
          null,
        ),
      ),
    ).toMatchObject({ code: 'RESULTS.DUPLICATE_INDICATOR', rules: ['RF3'], fields: ['progress.1.indicator'] });
  });

  it('RF3 needs a framework to report against', () => {
    expect(
      violationOf(() => results({ current: null }).reportProgress(interim, [{ indicator: '1', achieved: '1' }], null)),
    ).toMatchObject({ code: 'RESULTS_FRAMEWORK.MISSING', rules: ['RF3'] });
  });

  it('F12 RF3 a report for the same obligation again is its next version; the same figures again record nothing', () => {
    const figures = [{ indicator: '1.1.1', achieved: '45' }];
    expect(results().reportProgress(interim, figures, null)).toBe(1);
    expect(results().reportProgress(interim, figures, { version: 1, progress: figures })).toBe(1);
    expect(
      results().reportProgress(interim, [{ indicator: '1.1.1', achieved: '50' }], { version: 1, progress: figures }),
    ).toBe(2);
  });
});
