import { DomainError } from '@fundline/domain';

/** A donor or commitment the request names that does not exist (or is another donor's): the request is malformed. */
export function unknownReference(field: string, message: string): DomainError {
  return DomainError.invalid('CONTRIBUTION.UNKNOWN_REFERENCE', [{ field, rule: 'M9', message }], 'malformed');
}
