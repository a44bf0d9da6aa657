/**
 * A broken business rule. Domain code throws these with a stable code (`CONCEPT_NOTE.NOT_DRAFT`) and the id of the
 * rule in rules.md; libs/http maps them to RFC 9457 problem+json in one place, so the domain knows nothing of HTTP.
 */
/**
 * `malformed`: the request names something that does not exist (an unknown thematic area): 400.
 * `invalid`: a well-formed request breaks a business rule: 422.
 */
export type DomainErrorKind = 'malformed' | 'invalid' | 'not-found' | 'forbidden' | 'conflict';

export interface Violation {
  /** The request field the violation is about, as a dotted path (`budget.0.amount`). */
  field?: string;
  /** The rule broken: a rules.md id (M1) or a validation constraint (isDecimal). */
  rule: string;
  message: string;
  /** The limit that was crossed, where there is one. */
  limit?: string | number;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'invalid',
    readonly violations: Violation[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(code: string, violations: Violation[], kind: DomainErrorKind = 'invalid'): DomainError {
    return new DomainError(code, violations.map((v) => v.message).join('; '), kind, violations);
  }
}
