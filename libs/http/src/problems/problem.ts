import { HttpException } from '@nestjs/common';
import { MessageParams, Violation } from '@fundline/domain';

/** RFC 9457 problem details, extended with a stable `code`, the broken rules and the request's correlation id. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: Violation[];
  correlationId?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:fundline:problem:${code.toLowerCase()}`;
}

/**
 * An HTTP failure that already knows its problem code and violations. `title` and `detail` are the English texts;
 * `params` (and `variant`, as for DomainError) let the message catalogue say them in the caller's language.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly violations: Violation[] = [],
    readonly params: MessageParams = {},
    readonly variant?: string,
  ) {
    super(detail, status);
  }
}
