import { Money } from '@fundline/money';
import { Commitment, CommitmentTerms } from './commitment.aggregate';

const eur = (amount: string) => Money.parse(amount, 'EUR');

function terms(schedule: CommitmentTerms['schedule']): CommitmentTerms {
  return {
    id: 'commitment-1',
    donor: { id: 'donor-1', name: 'Government of Germany', type: 'member-state' },
    fundCode: 'ANY_FUND',
    pocketCode: 'THEMATIC_1',
    amount: eur('3000000.00'),
    schedule,
    signedOn: '2026-11-01',
  };
}

describe('Commitment', () => {
  it('M9 accepts a schedule that adds up to the commitment, and no schedule at all', () => {
    const schedule = [
      { dueDate: '2027-01-31', amount: eur('1000000.00') },
      { dueDate: '2028-01-31', amount: eur('2000000.00') },
    ];
    expect(Commitment.sign(terms(schedule)).terms.schedule).toHaveLength(2);
    expect(Commitment.sign(terms([])).terms.schedule).toEqual([]);
  });

  it('M9 refuses a schedule that does not add up to the commitment', () => {
    expect(() => Commitment.sign(terms([{ dueDate: '2027-01-31', amount: eur('1000000.00') }]))).toThrow(
      expect.objectContaining({
        code: 'COMMITMENT.SCHEDULE',
        violations: [expect.objectContaining({ field: 'schedule', rule: 'M9', limit: '3000000.00' })],
      }),
    );
  });

  it('M9 refuses a payment in another currency than the commitment', () => {
    const schedule = [{ dueDate: '2027-01-31', amount: Money.parse('3000000.00', 'USD') }];
    expect(() => Commitment.sign(terms(schedule))).toThrow(
      expect.objectContaining({
        code: 'COMMITMENT.SCHEDULE',
        violations: [expect.objectContaining({ field: 'schedule.0.amount.currency' })],
      }),
    );
  });
});
