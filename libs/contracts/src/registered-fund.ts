import { FundPolicies, FundPolicy, FundReport, SubmissionForm } from '@fundline/domain';
import { ValidateBy, ValidationOptions } from 'class-validator';

export interface FundFilter {
  /** Only funds whose policy has this report. */
  report?: FundReport;
  /** Only funds that take this submission form. */
  form?: SubmissionForm;
}

/** The registered funds that pass the filter. */
export function fundsWhere(filter: FundFilter = {}): FundPolicy[] {
  return FundPolicies.all().filter(
    (p) => (!filter.report || p.reports.includes(filter.report)) && (!filter.form || p.form === filter.form),
  );
}

/** The registered fund of this code if it passes the filter. */
export function fundWhere(code: string, filter: FundFilter = {}): FundPolicy | undefined {
  return fundsWhere(filter).find((p) => p.code === code);
}

/**
 * The code of a fund Fundline runs, in a request or an event. Checked against the fund registry when a value is
 * validated, not when the class is decorated (as `@IsIn` would be), so a fund registered later is accepted like the
 * others; the message names the funds allowed.
 */
export function IsRegisteredFund(filter: FundFilter = {}, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRegisteredFund',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && fundWhere(value, filter) !== undefined,
        defaultMessage: () =>
          `$property must be one of the following values: ${fundsWhere(filter)
            .map((p) => p.code)
            .join(', ')}`,
      },
    },
    options,
  );
}
