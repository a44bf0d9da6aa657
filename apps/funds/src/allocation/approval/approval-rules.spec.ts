import { FUND_PARAMETERS_SEED } from '@fundline/contracts';
import { DomainError, Fund1035Lists } from '@fundline/domain';
import { Money } from '@fundline/money';
import { approvalCandidate, approveAllocation } from '../../../../../test/support/approvals';
import { violationOf } from '../../../../../test/support/domain-errors';
import { aroundTheLimit, inTitle } from '../../../../../test/support/limits';
import { referenceSnapshot } from '../../../../../test/support/submission-builders';

/**
 * Every amount limit an approval re-checks, one cent under, at and one cent over, generated from the fund parameters
 * the funds service seeds (the same record concepts screens with). The end-to-end table of every rule at every stage
 * is test/e2e/rules-at-every-stage.e2e-spec.ts.
 */
const now = new Date('2026-11-22T10:00:00Z');
const DAY = 24 * 3600 * 1000;

function decide(
  amount: string,
  options: {
    line?: 1 | 2;
    scope?: 'national' | 'regional';
    requested?: string;
    expiresAt?: Date;
    lists?: Fund1035Lists;
  } = {},
) {
  const candidate = approvalCandidate({
    expiresAt: options.expiresAt ?? new Date(now.getTime() + 365 * DAY),
    countries: options.scope === 'regional' ? ['PHL', 'IDN'] : ['PHL'],
    scope: options.scope ?? 'national',
    // A unit-level request above every ceiling, so that M8 stays out of the way of the limit under test.
    requested: Money.parse(options.requested ?? '1000000.00', 'USD'),
  });
  return () =>
    approveAllocation(candidate, Money.parse(amount, 'USD'), {
      now,
      creditLine: options.line ?? 2,
      lists: options.lists ?? referenceSnapshot(),
    });
}

const LIMITS = [
  { rule: 'F4.1', bound: 'ceiling', line: 2, scope: 'national' },
  { rule: 'F4.2', bound: 'ceiling', line: 2, scope: 'regional' },
  { rule: 'F4.3', bound: 'ceiling', line: 1, scope: 'national' },
  { rule: 'F4.3', bound: 'ceiling', line: 1, scope: 'regional' },
  { rule: 'F4.4', bound: 'minimum', line: 2, scope: 'national' },
  { rule: 'F4.4', bound: 'minimum', line: 2, scope: 'regional' },
  { rule: 'F4.4', bound: 'minimum', line: 1, scope: 'national' },
  { rule: 'F4.4', bound: 'minimum', line: 1, scope: 'regional' },
] as const;

describe('approval rules at their limits', () => {
  for (const { rule, bound, line, scope } of LIMITS) {
    const key = bound === 'ceiling' ? `f1035.line${line}.${scope}.ceiling-minor` : `f1035.${scope}.minimum-minor`;
    const { under, at, over } = aroundTheLimit(FUND_PARAMETERS_SEED[key]);
    const [refused, accepted] = bound === 'ceiling' ? [over, under] : [under, over];
    it(`${rule} refuses a Line ${line} ${scope} approval of ${inTitle(refused)}; ${inTitle(at)} and ${inTitle(accepted)} are approved`, () => {
      const options = { line, scope } as const;
      expect(decide(at, options)).not.toThrow();
      expect(decide(accepted, options)).not.toThrow();
      expect(violationOf(decide(refused, options))).toMatchObject({
        code: 'ALLOCATION.NOT_APPROVABLE',
        rules: [rule],
        fields: ['amount'],
      });
    });
  }

  it('M8 approves up to the request to the cent: USD 150,000.00 and 149,999.99 of 150,000.00, not 150,000.01 or 0.00', () => {
    const requested = '150000.00';
    const { under, at, over } = aroundTheLimit(150_000_00);
    expect(decide(at, { requested })).not.toThrow();
    expect(decide(under, { requested })).not.toThrow();
    expect(violationOf(decide(over, { requested }))).toMatchObject({ rules: ['M8'] });
    expect(violationOf(decide('0.00', { requested, line: 1 }))).toMatchObject({ rules: ['M8', 'F4.4'] });
  });

  it('M7 approves an entry the day before it expires, not on the day it expires nor the day after', () => {
    const expiresOn = (offsetDays: number) => ({ expiresAt: new Date(now.getTime() + offsetDays * DAY) });
    expect(decide('100000.00', expiresOn(1))).not.toThrow();
    expect(violationOf(decide('100000.00', expiresOn(0)))).toMatchObject({ rules: ['M7'] });
    expect(violationOf(decide('100000.00', expiresOn(-1)))).toMatchObject({ rules: ['M7'] });
  });

  describe('F3 decides at approval as the screening does, on the lists in force on the approval date', () => {
    const line2List = (complete: boolean) =>
      referenceSnapshot({
        line2: new Map([['IDN', { name: 'Indonesia', region: 'Asia and Oceania' }]]),
        sources: new Map([
          [
            'fund1035-line2',
            {
              dataset: 'fund1035-line2',
              effectiveFrom: '2026-11-22',
              source: 'IOM list',
              published: 1,
              loaded: 1,
              complete,
              note: null,
            },
          ],
        ]),
      });

    const refusals = (approval: () => void) => {
      try {
        approval();
      } catch (error) {
        if (error instanceof DomainError)
          return error.violations.map(({ rule, field, message }) => ({ rule, field, message }));
        throw error;
      }
      return [];
    };

    it('F3 refuses on Line 2 a beneficiary absent from a complete Line 2 list, and approves it on Line 1', () => {
      const lists = line2List(true);
      expect(refusals(decide('100000.00', { lists }))).toEqual([
        {
          rule: 'F3',
          field: 'creditLine',
          message: 'PHL is not on the Line 2 list in force from 2026-11-22 (IOM list): it cannot benefit from Line 2',
        },
      ]);
      expect(decide('100000.00', { lists, line: 1 })).not.toThrow();
    });

    it('F3 approves a beneficiary absent from a list known to be incomplete; of a regional project refuses only the absent state', () => {
      expect(decide('100000.00', { lists: line2List(false) })).not.toThrow();
      const regional = refusals(decide('150000.00', { scope: 'regional', lists: line2List(true) }));
      expect(regional).toEqual([
        expect.objectContaining({ rule: 'F3', message: expect.stringMatching(/^PHL is not on/) }),
      ]);
    });

    it('F3 refuses on Line 2 a state subject to Article 4 even when it is on the list, with its arrears', () => {
      const lists = referenceSnapshot({
        ...line2List(true),
        article4: new Map([
          ['IDN', { subject: true, since: '2026-11-01', arrearsMinor: '250000000', dueTwoYearsMinor: '240000000' }],
        ]),
      });
      expect(refusals(decide('150000.00', { scope: 'regional', lists })).map((r) => r.message)).toEqual([
        'PHL is not on the Line 2 list in force from 2026-11-22 (IOM list): it cannot benefit from Line 2',
        'IDN is subject to Article 4 since 2026-11-01 (arrears USD 2500000.00 ≥ contributions due for two years USD 2400000.00): it cannot benefit from Line 2',
      ]);
    });
  });
});
