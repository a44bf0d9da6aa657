import { HttpException } from '@nestjs/common';
import { Violation } from '@fundline/domain';

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

/** An HTTP failure that already knows its problem code and violations. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly violations: Violation[] = [],
  ) {
    super(detail, status);
  }
}
