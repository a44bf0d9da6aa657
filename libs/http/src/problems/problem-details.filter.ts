import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@fundline/domain';
import { ConsumerBehindError } from '@fundline/messaging';
import { Request, Response } from 'express';
import { currentCorrelationId } from '../logging/request-context';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemException, problemType } from './problem';

const STATUS_OF: Record<DomainErrorKind, number> = {
  malformed: 400,
  invalid: 422,
  'not-found': 404,
  forbidden: 403,
  conflict: 409,
};

const TITLE_OF: Record<number, string> = {
  400: 'The request is invalid',
  401: 'Authentication is required',
  403: 'This is not allowed for your role',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict with the current state',
  413: 'The request body is too large',
  415: 'Unsupported media type',
  422: 'A business rule was broken',
  429: 'Too many requests',
};

/** Every error leaves as problem+json; internal details are logged, never sent. */
export function toProblem(error: unknown, instance?: string): ProblemDetails {
  const base = { instance, correlationId: currentCorrelationId() };
  if (error instanceof DomainError) {
    const status = STATUS_OF[error.kind];
    return {
      type: problemType(error.code),
      title: TITLE_OF[status],
      status,
      detail: error.message,
      code: error.code,
      ...(error.violations.length ? { errors: error.violations } : {}),
      ...base,
    };
  }
  if (error instanceof ConsumerBehindError) {
    return {
      type: problemType('EVENTS.NOT_CAUGHT_UP'),
      title: 'The service is catching up with events; try again',
      status: 503,
      detail: error.message,
      code: 'EVENTS.NOT_CAUGHT_UP',
      ...base,
    };
  }
  if (error instanceof ProblemException) {
    return {
      type: problemType(error.code),
      title: error.title,
      status: error.getStatus(),
      detail: error.message,
      code: error.code,
      ...(error.violations.length ? { errors: error.violations } : {}),
      ...base,
    };
  }
  const status =
    error instanceof HttpException ? error.getStatus() : clientErrorStatus((error as { status?: unknown })?.status);
  if (status !== undefined && status < 500) {
    const code = `HTTP.${status}`;
    const detail = error instanceof HttpException ? error.message : (TITLE_OF[status] ?? 'Client error');
    return { type: problemType(code), title: TITLE_OF[status] ?? 'Client error', status, detail, code, ...base };
  }
  return {
    type: problemType('INTERNAL'),
    title: 'Internal error',
    status: 500,
    detail: 'The request could not be completed; it has been logged with its correlation id.',
    code: 'INTERNAL',
    ...base,
  };
}

function clientErrorStatus(status: unknown): number | undefined {
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

export function sendProblem(res: Response, problem: ProblemDetails): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const problem = toProblem(error, req.originalUrl?.split('?')[0]);
    const res = http.getResponse<Response>();
    if (error instanceof ConsumerBehindError) {
      this.logger.warn(error.message);
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    } else if (problem.status >= 500) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : error);
    }
    sendProblem(res, problem);
  }
}
