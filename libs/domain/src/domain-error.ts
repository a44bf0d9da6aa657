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

/**
 * The values a problem's detail names (ids, amounts, statuses), so that libs/http can say it again in the caller's
 * language from its message catalogue; the English message stays the one thrown.
 */
export type MessageParams = Readonly<Record<string, string | number>>;

export class DomainError extends Error {
  /**
   * @param variant picks one of several catalogue messages for the same code (`code/variant`), where one code is
   * thrown with differently worded details.
   */
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'invalid',
    readonly violations: Violation[] = [],
    readonly params: MessageParams = {},
    readonly variant?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(
    code: string,
    violations: Violation[],
    kind: DomainErrorKind = 'invalid',
    params: MessageParams = {},
    variant?: string,
  ): DomainError {
    return new DomainError(code, violations.map((v) => v.message).join('; '), kind, violations, params, variant);
  }
}
