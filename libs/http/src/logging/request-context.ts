import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';

interface RequestContext {
  correlationId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** The correlation id of the request being served; commands and their events carry it. */
export function requireCorrelationId(): string {
  const id = currentCorrelationId();
  if (!id) throw new Error('no correlation id: correlationMiddleware is not installed');
  return id;
}

/** Takes the caller's `X-Correlation-Id` (or makes one) so logs and events of one request can be followed. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-correlation-id');
  const correlationId = given && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Correlation-Id', correlationId);
  storage.run({ correlationId }, next);
}
