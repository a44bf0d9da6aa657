import { addMonths, monthsBetween, yearOf } from '../calendar';
import { Obligation } from './fund-policy';

/**
 * F12 and M11, the reports every allocation owes: the monitoring framework within the first month; an interim
 * narrative report at twelve months for projects of twelve months or more; final narrative and financial reports
 * three months after the end.
 */
export function reportingObligations(startDate: string, endDate: string): Obligation[] {
  const list: Obligation[] = [{ kind: 'monitoring-framework', dueOn: addMonths(startDate, 1) }];
  if (monthsBetween(startDate, endDate) >= 12) {
    list.push({ kind: 'interim-narrative-report', dueOn: addMonths(startDate, 12) });
  }
  list.push({ kind: 'final-narrative-report', dueOn: addMonths(endDate, 3) });
  list.push({ kind: 'final-financial-report', dueOn: addMonths(endDate, 3) });
  return list;
}

/** M11: each calendar year's expenditure of a pooled-fund programme, by 30 April of the next year. */
export function annualExpenditureObligations(startDate: string, endDate: string): Obligation[] {
  const list: Obligation[] = [];
  for (let year = yearOf(startDate); year <= yearOf(endDate); year++) {
    list.push({ kind: `annual-expenditure-${year}`, dueOn: `${year + 1}-04-30` });
  }
  return list;
}
