import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind, MessageParams } from '@fundline/domain';
import { ConsumerBehindError } from '@fundline/messaging';
import { Request, Response } from 'express';
import { currentCorrelationId } from '../logging/request-context';
import { negotiateLanguage } from './language';
import { EN, Language, localize, Message, MessageKey, ProblemText } from './messages';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemException, problemType } from './problem';

const STATUS_OF: Record<DomainErrorKind, number> = {
  malformed: 400,
  invalid: 422,
  'not-found': 404,
  forbidden: 403,
  conflict: 409,
};

/** Every error leaves as problem+json, in the caller's language; internal details are logged, never sent. */
export function toProblem(error: unknown, instance?: string, language: Language = 'en'): ProblemDetails {
  const base = { instance, correlationId: currentCorrelationId() };
  const problem = (text: ProblemText): ProblemDetails => {
    const { title, detail, violations } = localize(text, language);
    return {
      type: problemType(text.code),
      title,
      status: text.status,
      detail,
      code: text.code,
      ...(violations?.length ? { errors: violations } : {}),
      ...base,
    };
  };
  if (error instanceof DomainError) {
    const { code, params, variant, violations } = error;
    return problem({ code, status: STATUS_OF[error.kind], detail: error.message, params, variant, violations });
  }
  if (error instanceof ConsumerBehindError) {
    return problem({ code: 'EVENTS.NOT_CAUGHT_UP', status: 503, detail: error.message });
  }
  if (error instanceof ProblemException) {
    const { code, title, params, variant, violations } = error;
    return problem({ code, status: error.getStatus(), title, detail: error.message, params, variant, violations });
  }
  const status =
    error instanceof HttpException ? error.getStatus() : clientErrorStatus((error as { status?: unknown })?.status);
  if (status !== undefined && status < 500) {
    const generic: Message = EN[`HTTP.${status}` as MessageKey] ?? EN['HTTP.4XX'];
    // libs/auth names its refusals' catalogue messages this way, as it cannot depend on ProblemException.
    const { params, variant } = (error ?? {}) as { params?: MessageParams; variant?: string };
    const detail = error instanceof HttpException ? error.message : generic.detail;
    return problem({ code: `HTTP.${status}`, status, detail, params, variant });
  }
  return problem({ code: 'INTERNAL', status: 500, detail: EN.INTERNAL.detail });
}

function clientErrorStatus(status: unknown): number | undefined {
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** Sends a problem in the language `toProblem` wrote it in, saying so; the answer varies with Accept-Language. */
export function sendProblem(res: Response, problem: ProblemDetails, language: Language = 'en'): void {
  res.vary('Accept-Language');
  res.setHeader('Content-Language', language);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const language = negotiateLanguage(req?.headers?.['accept-language']);
    const problem = toProblem(error, req?.originalUrl?.split('?')[0], language);
    const res = http.getResponse<Response>();
    if (error instanceof ConsumerBehindError) {
      this.logger.warn(error.message);
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    } else if (problem.status >= 500) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : error);
    }
    sendProblem(res, problem, language);
  }
}
