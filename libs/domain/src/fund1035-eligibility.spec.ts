import {
  BeneficiaryStatus,
  Fund1035Lists,
  line2Eligibility,
  line2Verdict,
  ListSourceInForce,
  sourcesInForce,
} from './fund1035-eligibility';

const source = (effectiveFrom: string, complete: boolean): ListSourceInForce => ({
  dataset: 'fund1035-line2',
  effectiveFrom,
  source: 'IOM list',
  loaded: 1,
  complete,
});

/** Kenya on the Line 2 list, Ghana a beneficiary off it, Singapore no beneficiary, Togo under Article 4. */
function lists(line2Source?: ListSourceInForce): Fund1035Lists {
  const member = { iomMember: true };
  const lowIncome: BeneficiaryStatus = { incomeGroup: 'low', euMember: false, withdrawn: false };
  return {
    date: '2026-11-22',
    countries: new Map([
      ['KEN', member],
      ['GHA', member],
      ['SGP', member],
      ['TGO', member],
    ]),
    beneficiaries: new Map([
      ['KEN', lowIncome],
      ['GHA', lowIncome],
      ['TGO', lowIncome],
      ['SGP', { incomeGroup: 'high', euMember: false, withdrawn: false }],
    ]),
    article4: new Map([
      ['TGO', { subject: true, since: '2026-11-01', arrearsMinor: '50000000', dueTwoYearsMinor: '40000000' }],
    ]),
    line2: new Map([
      ['KEN', {}],
      ['TGO', {}],
    ]),
    sources: new Map(line2Source ? [['fund1035-line2', line2Source]] : []),
  };
}

describe('Line 2 eligibility (F3), shared by the submission screening and the approval', () => {
  it('F3 refuses a state subject to Article 4, with its arrears, even on the list', () => {
    expect(line2Eligibility(lists(source('2024-08-01', true)), 'TGO')).toEqual({
      eligible: false,
      why: 'TGO is subject to Article 4 since 2026-11-01 (arrears USD 500000.00 ≥ contributions due for two years USD 400000.00)',
    });
  });

  it('F3 with no Line 2 list in force lets the Article 4 records decide alone', () => {
    expect(line2Verdict(lists(), ['GHA', 'KEN'])).toEqual({
      passed: true,
      detail: 'no benefiting state is subject to Article 4 on 2026-11-22',
      refused: [],
    });
  });

  it('F3 refuses a beneficiary absent from a complete list, naming the list, and admits one on it', () => {
    expect(line2Verdict(lists(source('2026-11-22', true)), ['KEN', 'GHA'])).toEqual({
      passed: false,
      detail: 'GHA is not on the Line 2 list in force from 2026-11-22 (IOM list)',
      refused: [{ country: 'GHA', why: 'GHA is not on the Line 2 list in force from 2026-11-22 (IOM list)' }],
    });
    expect(line2Verdict(lists(source('2026-11-22', true)), ['KEN']).detail).toBe(
      'KEN is on the Line 2 list in force from 2026-11-22',
    );
  });

  it('F3 cannot refuse a beneficiary for its absence from a list known to be incomplete', () => {
    expect(line2Eligibility(lists(source('2024-08-01', false)), 'GHA')).toEqual({
      eligible: true,
      why: 'GHA is not among the 1 names read of the Line 2 list in force from 2024-08-01 (incomplete) and not subject to Article 4 on 2026-11-22',
    });
  });

  it('F3 leaves a state that is no Fund 1035 beneficiary to F1 and F5', () => {
    expect(line2Eligibility(lists(source('2026-11-22', true)), 'SGP')).toEqual({
      eligible: true,
      why: 'SGP is not a Fund 1035 beneficiary: F1 and F5 weigh it',
    });
  });

  it('takes for each list the source of its latest version among those in force', () => {
    const older = source('2024-08-01', false);
    const newer = source('2026-11-22', true);
    const income = { ...source('2025-07-01', true), dataset: 'fund1035-beneficiary' };
    expect(sourcesInForce([newer, older, income])).toEqual(
      new Map([
        ['fund1035-line2', newer],
        ['fund1035-beneficiary', income],
      ]),
    );
  });
});
