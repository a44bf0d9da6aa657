import { progressPercent } from './progress-percentage';

describe('progress towards a target (RF5)', () => {
  it('F12 RF5 gives the share of the way from baseline to target, in percent with two decimals', () => {
    expect(progressPercent('0', '120', '45')).toBe('37.50');
    expect(progressPercent('10', '60', '35')).toBe('50.00');
    expect(progressPercent('0', '120', '120')).toBe('100.00');
    expect(progressPercent('0', '120', '0')).toBe('0.00');
  });

  it('RF5 computes exactly on decimals, rounding half away from zero, with no floating point', () => {
    // 1/3 and 2/3 of the way; 0.1 + 0.2 in floating point is not 0.3.
    expect(progressPercent('0', '3', '1')).toBe('33.33');
    expect(progressPercent('0', '3', '2')).toBe('66.67');
    expect(progressPercent('0.1', '0.3', '0.2')).toBe('50.00');
    expect(progressPercent('0', '0.0008', '0.0001')).toBe('12.50');
    expect(progressPercent('0', '200000', '0.0001')).toBe('0.00');
    expect(progressPercent('0', '8', '1')).toBe('12.50');
    expect(progressPercent('0', '-8', '-1')).toBe('12.50');
    // The largest figures the contract allows, without overflow.
    expect(progressPercent('-999999999999999.9999', '999999999999999.9999', '0')).toBe('50.00');
  });

  it('RF5 works for a target below its baseline, and shows going backwards or beyond the target', () => {
    // Fewer incidents is progress: from 40 down to 10, now 25 is half way.
    expect(progressPercent('40', '10', '25')).toBe('50.00');
    expect(progressPercent('40', '10', '50')).toBe('-33.33');
    expect(progressPercent('0', '100', '150.5')).toBe('150.50');
    expect(progressPercent('0', '100', '-0.005')).toBe('-0.01');
  });

  it('RF5 has no percentage before a figure is reported, nor when target equals baseline', () => {
    expect(progressPercent('0', '120', null)).toBeNull();
    expect(progressPercent('5', '5.0000', '7')).toBeNull();
  });
});
