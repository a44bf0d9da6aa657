import { Money } from '@fundline/money';
import { FundParameters } from './fund-parameters';

describe('FundParameters', () => {
  it('reads an amount as USD Money from a bigint, a recorded JSON number or a decimal string, to the cent', () => {
    const parameters = FundParameters.of([
      ['seed-minor', 70_000_000_00n],
      ['recorded-minor', 80_000_000_00],
      ['posted-minor', '9007199254740993'],
    ]);
    expect(parameters.money('seed-minor')).toEqual(Money.parse('70000000.00', 'USD'));
    expect(parameters.money('recorded-minor')).toEqual(Money.parse('80000000.00', 'USD'));
    // Beyond Number.MAX_SAFE_INTEGER: a string keeps every cent a number would lose.
    expect(parameters.money('posted-minor').toDecimalString()).toBe('90071992547409.93');
  });

  it('reads counts, months and basis points as numbers', () => {
    const parameters = FundParameters.of(Object.entries({ 'pipeline.validity-months': 24, 'cap-basis-points': 700n }));
    expect(parameters.count('pipeline.validity-months')).toBe(24);
    expect(parameters.count('cap-basis-points')).toBe(700);
    expect(parameters.has('pipeline.validity-months')).toBe(true);
    expect(parameters.has('mptf.marker.minimum')).toBe(false);
  });

  it.each([[1.5], ['12.50'], [null], [{ value: 1 }], [Number.MAX_SAFE_INTEGER + 2]])(
    'refuses %p rather than rounding it',
    (value) => {
      expect(() => FundParameters.of([['x-minor', value]])).toThrow('fund parameter x-minor is not a whole number');
    },
  );

  it('says which parameter is missing: a broken seed, not a zero', () => {
    expect(() => FundParameters.of([]).money('mptf.capitalization-target-minor')).toThrow(
      'no fund parameter mptf.capitalization-target-minor',
    );
  });
});
