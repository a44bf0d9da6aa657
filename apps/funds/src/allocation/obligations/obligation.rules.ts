import { DomainError } from '@fundline/domain';

/** F12 / M11: a report owed is submitted once; a later submission is a conflict, not a correction. */
export function submitted<O extends { submittedOn: string | null }>(
  obligation: O,
  on: string,
): O & { submittedOn: string } {
  if (obligation.submittedOn) {
    throw new DomainError('OBLIGATION.SUBMITTED', `already submitted on ${obligation.submittedOn}`, 'conflict', [], {
      submittedOn: obligation.submittedOn,
    });
  }
  return { ...obligation, submittedOn: on };
}
