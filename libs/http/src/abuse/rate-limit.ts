import { NextFunction, Request, Response } from 'express';
import { ProblemException } from '../problems/problem';

/** Requests a client may send per second on average, and the burst it may spend at once; 0 turns limiting off. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * A token bucket per client address, checked before a body is parsed or a token verified, so an abusive client
 * costs the service almost nothing. Behind a proxy, Express's `trust proxy` decides what `req.ip` is.
 */
export function rateLimitMiddleware(limit: RateLimit, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  let sweptAt = now();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (limit.perSecond <= 0) return next();
    const at = now();
    // Idle clients' buckets are full again; forget them so the map stays as small as the active client set.
    if (at - sweptAt > 60_000) {
      for (const [key, bucket] of buckets) if (at - bucket.refilledAt > 60_000) buckets.delete(key);
      sweptAt = at;
    }
    const key = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const bucket = buckets.get(key) ?? { tokens: limit.burst, refilledAt: at };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((at - bucket.refilledAt) / 1000) * limit.perSecond);
    bucket.refilledAt = at;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return next();
    }
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
    res.setHeader('Retry-After', String(retryAfter));
    next(
      new ProblemException(
        429,
        'HTTP.429',
        'Too many requests',
        `more than ${limit.perSecond} requests per second (burst ${limit.burst}) from this client; retry after ${retryAfter} s`,
        [{ field: 'request', rule: 'rate-limit', message: 'request rate over the limit', limit: limit.perSecond }],
        { perSecond: limit.perSecond, burst: limit.burst, retryAfter },
        'RATE_LIMIT',
      ),
    );
  };
}
