import { NextFunction, Request, Response } from 'express';
import { ProblemException } from '../problems/problem';
import { inspectJson } from './request-shape';
import { rateLimitMiddleware } from './rate-limit';

/** Runs the middleware once: passed when it calls next() plainly; a refusal is the problem it hands to next(). */
function call(middleware: ReturnType<typeof rateLimitMiddleware>, ip: string) {
  const headers: Record<string, string> = {};
  const res = { setHeader: (k: string, v: string) => (headers[k] = v) } as unknown as Response;
  let refusal: ProblemException | undefined;
  let passed = false;
  middleware({ ip, originalUrl: '/funds', socket: {} } as Request, res, ((error?: ProblemException) => {
    if (error) refusal = error;
    else passed = true;
  }) as NextFunction);
  return { passed, status: refusal?.getStatus() ?? 200, headers };
}

describe('abuse limits', () => {
  it('lets a client spend its burst, then answers 429 with Retry-After until the bucket refills', () => {
    let now = 0;
    const limit = rateLimitMiddleware({ perSecond: 5, burst: 10 }, () => now);
    const first = Array.from({ length: 12 }, () => call(limit, '10.0.0.1'));
    expect(first.filter((r) => r.passed)).toHaveLength(10);
    expect(first[11]).toMatchObject({ passed: false, status: 429, headers: { 'Retry-After': '1' } });
    // Another client is not affected by the first one's abuse.
    expect(call(limit, '10.0.0.2').passed).toBe(true);
    now += 1000;
    expect(Array.from({ length: 6 }, () => call(limit, '10.0.0.1')).filter((r) => r.passed)).toHaveLength(5);
  });

  it('limits nothing when the rate is 0', () => {
    const limit = rateLimitMiddleware({ perSecond: 0, burst: 1 });
    expect(Array.from({ length: 100 }, () => call(limit, '10.0.0.1')).every((r) => r.passed)).toBe(true);
  });

  it('measures nesting without recursion, even 100,000 levels deep', () => {
    expect(inspectJson({ a: [1, { b: 2 }] }).depth).toBe(3);
    expect(inspectJson('flat').depth).toBe(0);
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(inspectJson(deep).depth).toBe(100_000);
    expect(inspectJson(deep, 32).depth).toBe(33);
  });

  it('finds a NUL character in any string of a body, keys included', () => {
    expect(inspectJson({ a: ['ok', { b: 'x\u0000y' }] }).nul).toBe(true);
    expect(inspectJson(JSON.parse('{"k\\u0000":1}')).nul).toBe(true);
    expect(inspectJson({ a: ['ok', { b: 'xy' }] }).nul).toBe(false);
  });
});
