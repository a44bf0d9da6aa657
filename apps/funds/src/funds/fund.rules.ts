import { DomainError } from '@fundline/domain';
import { Money } from '@fundline/money';

/** What every movement of money into or out of a fund's pocket respects, whatever moves it. */

/** M9: a closed fund accepts no new money. */
export function assertOpenForMoney(fund: { code: string; status: string }): void {
  if (fund.status !== 'open') {
    throw DomainError.invalid(
      'FUND.CLOSED',
      [{ field: 'fundCode', rule: 'M9', message: `fund ${fund.code} is closed and accepts no new money` }],
      'invalid',
      { fundCode: fund.code },
    );
  }
}

/** G1: income and costs are recorded in the fund's reporting currency; `code` names the refused movement. */
export function assertReportingCurrency(fund: { reportingCurrency: string }, amount: Money, code: string): void {
  if (amount.currency !== fund.reportingCurrency) {
    throw DomainError.invalid(
      `${code}.CURRENCY`,
      [
        {
          field: 'amount.currency',
          rule: 'G1',
          message: `recorded in ${fund.reportingCurrency}, the fund's reporting currency`,
        },
      ],
      'invalid',
      { currency: fund.reportingCurrency },
    );
  }
}
