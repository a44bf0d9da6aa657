import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { ProblemException } from './problems/problem';

/**
 * The `Idempotency-Key` header every money-moving command requires: a client-chosen id (a UUID is ideal) that
 * makes a retry safe. Missing or malformed, the request is refused before anything runs.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const key = context.switchToHttp().getRequest<Request>().header('idempotency-key');
  if (!key || !/^[A-Za-z0-9._:-]{8,128}$/.test(key)) {
    throw new ProblemException(
      400,
      'IDEMPOTENCY.KEY_REQUIRED',
      'The request is invalid',
      'Idempotency-Key is required',
      [
        {
          field: 'Idempotency-Key',
          rule: 'idempotency',
          message: 'send an Idempotency-Key header of 8 to 128 characters (letters, digits, . _ : -), e.g. a UUID',
        },
      ],
    );
  }
  return key;
});

/** Answers with the status of the first execution and says when the answer is a replay. */
export function sendIdempotent<T>(res: Response, result: { status: number; body: T; replayed: boolean }): T {
  res.status(result.status);
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return result.body;
}

/** Documents the header in OpenAPI for a money-moving route. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'Client-chosen id (a UUID): a retry with the same key and body returns the first response',
  });
