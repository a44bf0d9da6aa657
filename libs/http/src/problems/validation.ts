import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Violation } from '@fundline/domain';
import { ProblemException } from './problem';

const LIMIT_CONSTRAINTS = new Set(['min', 'max', 'maxLength', 'minLength', 'arrayMaxSize', 'arrayMinSize']);

/** Flattens class-validator errors into violations naming each field (dotted path), rule and limit. */
export function violationsOf(errors: ValidationError[], prefix = ''): Violation[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]): Violation => {
      const limit = LIMIT_CONSTRAINTS.has(rule) ? /(-?\d+(?:\.\d+)?)/.exec(message)?.[1] : undefined;
      return { field, rule, message, ...(limit !== undefined ? { limit: Number(limit) } : {}) };
    });
    return [...own, ...violationsOf(error.children ?? [], field)];
  });
}

/**
 * Whitelisting validation: unknown fields are refused rather than silently dropped, so a client never believes a
 * field it sent was taken into account.
 */
export function fundlineValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = violationsOf(errors);
      return new ProblemException(
        400,
        'REQUEST.INVALID',
        'The request is invalid',
        list.map((v) => `${v.field}: ${v.message}`).join('; '),
        list,
      );
    },
  });
}
