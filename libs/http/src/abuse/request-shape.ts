import { NextFunction, Request, Response } from 'express';
import { MessageParams, Violation } from '@fundline/domain';
import { ProblemException } from '../problems/problem';

/** No Fundline request body nests deeper than a few levels; 32 leaves room and stops recursion attacks early. */
export const MAX_BODY_DEPTH = 32;

/**
 * How deep a parsed JSON value nests and whether any of its strings (keys included) holds U+0000, walked without
 * recursion so a hostile body cannot exhaust the stack.
 */
export function inspectJson(value: unknown, stopAt = Infinity): { depth: number; nul: boolean } {
  let depth = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length) {
    const [node, level] = pending.pop()!;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return { depth, nul: true };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    depth = Math.max(depth, level);
    if (depth > stopAt) return { depth, nul: false };
    for (const [key, child] of Object.entries(node)) pending.push([key, level + 1], [child, level + 1]);
  }
  return { depth, nul: false };
}

function refuse(
  code: string,
  detail: string,
  violation: Violation,
  params?: MessageParams,
  variant?: string,
): ProblemException {
  return new ProblemException(400, code, 'The request is invalid', detail, [violation], params, variant);
}

/**
 * Refuses, before validation walks them, bodies nested deeper than the limit (class-transformer and class-validator
 * recurse: ten thousand nested arrays would end as a stack overflow) and NUL characters anywhere in the URL or the
 * body (PostgreSQL text cannot hold them: the query would fail as a 500).
 */
export function requestShapeMiddleware(limit = MAX_BODY_DEPTH) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (/%00/i.test(req.originalUrl) || req.originalUrl.includes('\u0000')) {
      return next(
        refuse(
          'REQUEST.NUL_CHARACTER',
          'the URL contains a NUL character',
          {
            field: 'url',
            rule: 'noNulCharacter',
            message: 'contains U+0000',
          },
          {},
          'URL',
        ),
      );
    }
    if (req.body === undefined) return next();
    const { depth, nul } = inspectJson(req.body, limit);
    if (depth > limit) {
      return next(
        refuse(
          'REQUEST.TOO_DEEP',
          `the body nests deeper than ${limit} levels`,
          {
            field: 'body',
            rule: 'maxDepth',
            message: `nests deeper than ${limit} levels`,
            limit,
          },
          { limit },
        ),
      );
    }
    if (nul) {
      return next(
        refuse('REQUEST.NUL_CHARACTER', 'the body contains a NUL character', {
          field: 'body',
          rule: 'noNulCharacter',
          message: 'contains U+0000',
        }),
      );
    }
    next();
  };
}
