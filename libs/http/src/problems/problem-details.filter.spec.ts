import { ForbiddenException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DomainError } from '@fundline/domain';
import { Request, Response } from 'express';
import { malformedJsonProblem } from '../abuse/json-syntax';
import { rateLimitMiddleware } from '../abuse/rate-limit';
import { toProblem } from './problem-details.filter';
import { ProblemException } from './problem';

/** What never changes with the language of the answer. */
function stable(problem: ReturnType<typeof toProblem>) {
  const { type, status, code, instance, errors } = problem;
  return { type, status, code, instance, errors: errors?.map(({ field, rule, limit }) => ({ field, rule, limit })) };
}

const notFound = new DomainError('SUBMISSION.NOT_FOUND', 'submission c-1 not found', 'not-found', [], { id: 'c-1' });

const ruleBroken = DomainError.invalid('CONCEPT_NOTE.RULE_BROKEN', [
  { field: 'organisations', rule: 'M3', message: 'at least two participating UN organisations' },
  { field: 'budget', rule: 'M4', message: 'the split sums to 10.00, the request is 20.00', limit: '20.00' },
]);

const aboveShare = DomainError.invalid(
  'TRANSFER.ABOVE_SHARE',
  [{ field: 'amount', rule: 'M10', message: 'ILO may receive at most 0.00 more (share 100000.00)', limit: '0.00' }],
  'invalid',
  { organisation: 'ILO', room: '0.00', share: '100000.00' },
);

describe('problems in the caller’s language', () => {
  it('keeps English titles and details word for word as thrown', () => {
    expect(toProblem(notFound, '/concepts/c-1')).toMatchObject({
      title: 'Not found',
      detail: 'submission c-1 not found',
      code: 'SUBMISSION.NOT_FOUND',
      status: 404,
    });
    expect(toProblem(ruleBroken, undefined, 'en')).toMatchObject({
      title: 'A business rule was broken',
      detail: 'at least two participating UN organisations; the split sums to 10.00, the request is 20.00',
    });
    const json = malformedJsonProblem('{"a":}');
    expect(toProblem(json)).toMatchObject({
      title: 'The request body is not valid JSON',
      detail: 'The body is not valid JSON: parsing stopped on line 1, column 6 (character 5): expected a value',
    });
  });

  it.each([
    ['fr', 'Introuvable', 'la soumission c-1 est introuvable'],
    ['es', 'No encontrado', 'no se encontró la solicitud c-1'],
  ] as const)(
    'says a domain error in %s from its parameters, code, type and status unchanged',
    (language, title, detail) => {
      const problem = toProblem(notFound, '/concepts/c-1', language);
      expect(problem).toMatchObject({ title, detail });
      expect(stable(problem)).toEqual(stable(toProblem(notFound, '/concepts/c-1')));
    },
  );

  it('names the broken rules of a multi-violation error, each violation keeping its rule, field and limit', () => {
    const fr = toProblem(ruleBroken, undefined, 'fr');
    expect(fr).toMatchObject({
      title: 'Une règle de gestion n’est pas respectée',
      detail: 'la note conceptuelle enfreint 2 règle(s) : M3, M4',
    });
    expect(toProblem(ruleBroken, undefined, 'es').detail).toBe('la nota conceptual incumple 2 regla(s): M3, M4');
    expect(stable(fr)).toEqual(stable(toProblem(ruleBroken)));
    expect(fr.errors?.map((e) => e.message)).toEqual(ruleBroken.violations.map((v) => v.message));
  });

  it('says a single violation that repeats the detail in the same language', () => {
    const es = toProblem(aboveShare, undefined, 'es');
    expect(es.detail).toBe('ILO puede recibir como máximo 0.00 más (parte aprobada: 100000.00)');
    expect(es.errors).toEqual([{ field: 'amount', rule: 'M10', limit: '0.00', message: es.detail }]);
  });

  it('falls back to the status’s generic detail, never to English, when a parameter is missing', () => {
    const bare = new DomainError('FUND.UNKNOWN', 'Fundline runs no fund X', 'not-found');
    expect(toProblem(bare, undefined, 'fr')).toMatchObject({
      code: 'FUND.UNKNOWN',
      title: 'Introuvable',
      detail: 'La ressource demandée est introuvable.',
    });
    const unknown = new DomainError('SOMETHING.NEW', 'not catalogued yet', 'conflict');
    expect(toProblem(unknown, undefined, 'es')).toMatchObject({
      code: 'SOMETHING.NEW',
      title: 'Conflicto con el estado actual',
      detail: 'La solicitud entra en conflicto con el estado actual.',
    });
  });

  it('picks a variant’s message and keeps its code', () => {
    const reversed = new ProblemException(
      400,
      'REPORT.PERIOD',
      'The request is invalid',
      'the period ends before it starts',
      [],
      {},
      'REVERSED',
    );
    expect(toProblem(reversed, undefined, 'fr')).toMatchObject({
      code: 'REPORT.PERIOD',
      type: 'urn:fundline:problem:report.period',
      title: 'La requête n’est pas valide',
      detail: 'la période se termine avant de commencer',
    });
  });

  it('gives problem exceptions their own title where the catalogue has one', () => {
    const fr = toProblem(malformedJsonProblem('{"a":}'), undefined, 'fr');
    expect(fr).toMatchObject({
      code: 'REQUEST.MALFORMED_JSON',
      status: 400,
      title: 'Le corps de la requête n’est pas du JSON valide',
      detail:
        'Le corps de la requête n’est pas du JSON valide : l’analyse s’est arrêtée ligne 1, colonne 6 (caractère 5)',
    });
    expect(fr.errors).toEqual([{ field: 'body', rule: 'json', message: expect.stringContaining('line 1') }]);
  });

  it('says validation failures with their fields, and the class-validator messages stay as they are', () => {
    const invalid = new ProblemException(
      400,
      'REQUEST.INVALID',
      'The request is invalid',
      'title: title must be a string',
      [
        { field: 'title', rule: 'isString', message: 'title must be a string' },
        { field: 'budget.0.amount', rule: 'isDefined', message: 'amount should not be null or undefined' },
      ],
    );
    expect(toProblem(invalid, undefined, 'es')).toMatchObject({
      title: 'La solicitud no es válida',
      detail: '2 problema(s) en la solicitud: title, budget.0.amount',
      errors: invalid.violations,
    });
  });

  it('says authentication and role refusals, named by libs/auth, and plain HTTP errors by status', () => {
    const token = Object.assign(new UnauthorizedException('invalid token: jwt expired'), {
      variant: 'INVALID_TOKEN',
      params: { reason: 'jwt expired' },
    });
    expect(toProblem(token, undefined, 'fr')).toMatchObject({
      code: 'HTTP.401',
      title: 'Une authentification est requise',
      detail: 'jeton d’accès non valide : jwt expired',
    });
    expect(toProblem(token)).toMatchObject({
      title: 'Authentication is required',
      detail: 'invalid token: jwt expired',
    });
    const role = Object.assign(new ForbiddenException('role donor may not do this; allowed: fund-admin'), {
      variant: 'ROLE',
      params: { role: 'donor', allowed: 'fund-admin' },
    });
    expect(toProblem(role, undefined, 'es').detail).toBe(
      'la función donor no permite esta operación; funciones autorizadas: fund-admin',
    );
    expect(toProblem(new NotFoundException('Cannot GET /nowhere'), undefined, 'fr')).toMatchObject({
      code: 'HTTP.404',
      detail: 'La ressource demandée est introuvable.',
    });
    expect(toProblem(new NotFoundException('Cannot GET /nowhere'))).toMatchObject({ detail: 'Cannot GET /nowhere' });
  });

  it('hides internal errors in every language', () => {
    const fr = toProblem(new Error('password=secret'), undefined, 'fr');
    expect(fr).toMatchObject({ code: 'INTERNAL', status: 500, title: 'Erreur interne' });
    expect(JSON.stringify(fr)).not.toContain('secret');
    expect(toProblem(new Error('x'))).toMatchObject({
      title: 'Internal error',
      detail: 'The request could not be completed; it has been logged with its correlation id.',
    });
  });

  it('says a rate-limit refusal with its limits and wait, in every language', () => {
    let refusal: unknown;
    const limit = rateLimitMiddleware({ perSecond: 5, burst: 1 }, () => 0);
    const res = { setHeader: () => undefined } as unknown as Response;
    for (let i = 0; i < 2; i++)
      limit({ ip: '10.0.0.1', socket: {} } as Request, res, (error?: unknown) => (refusal = error));
    expect(toProblem(refusal)).toMatchObject({
      code: 'HTTP.429',
      title: 'Too many requests',
      detail: 'more than 5 requests per second (burst 1) from this client; retry after 1 s',
    });
    expect(toProblem(refusal, undefined, 'fr')).toMatchObject({
      code: 'HTTP.429',
      title: 'Trop de requêtes',
      detail: 'plus de 5 requêtes par seconde (pointe de 1) depuis ce client ; réessayez dans 1 s',
      errors: [{ field: 'request', rule: 'rate-limit', limit: 5, message: 'request rate over the limit' }],
    });
  });
});
