import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import { Publication, trackProducedEvents } from '@fundline/messaging';
import { malformedJsonProblem } from './abuse/json-syntax';
import { requestShapeMiddleware } from './abuse/request-shape';
import { RateLimit, rateLimitMiddleware } from './abuse/rate-limit';
import { serveAsyncApi } from './asyncapi';
import { EventPositionInterceptor } from './event-position';
import { PublicationBeforeReplyInterceptor } from './publication-before-reply';
import { JsonLogger } from './logging/json-logger';
import { correlationMiddleware } from './logging/request-context';
import { negotiateLanguage } from './problems/language';
import { ProblemDetailsFilter, sendProblem, toProblem } from './problems/problem-details.filter';
import { PROBLEM_CONTENT_TYPE, ProblemException } from './problems/problem';
import { fundlineValidationPipe } from './problems/validation';

export interface HttpAppOptions {
  service: string;
  title: string;
  description: string;
  /** Largest JSON body accepted; larger ones get 413 before any parsing. */
  bodyLimit?: string;
  /** Requests per second and burst per client address; absent or 0 per second: no limit. */
  rateLimit?: RateLimit;
  logLevel?: LogLevel;
}

const PARSER_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The request line or headers are too large'],
  HPE_URI_TOO_LONG: [414, 'The request URI is too long'],
};

/**
 * Node's HTTP parser refuses some requests (headers or URL too large, broken framing) before Express sees them and
 * answers with a bare status line; answer those as problem+json too, so that every client error looks alike. No
 * header was parsed, Accept-Language included: these answers are in English.
 */
function answerParserErrorsAsProblems(app: INestApplication): void {
  const server = app.getHttpServer() as import('node:http').Server;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: import('node:stream').Duplex) => {
    if (!socket.writable || (error.code === 'ECONNRESET' && !socket.readable)) return socket.destroy();
    const [status, title] = PARSER_ERRORS[error.code ?? ''] ?? [400, 'The request is malformed'];
    const body = JSON.stringify(toProblem(new ProblemException(status, `HTTP.${status}`, title, title)));
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Language: en\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** Builds a Fundline HTTP app with the conventions every service shares (problem+json, validation, docs, logs). */
export async function createHttpApp(module: unknown, options: HttpAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create(module as never, {
    bodyParser: false,
    logger: new JsonLogger(options.service, options.logLevel ?? 'log'),
  });
  app.use(correlationMiddleware);
  app.use(rateLimitMiddleware(options.rateLimit ?? { perSecond: 0, burst: 0 }));
  app.use((_req: Request, _res: Response, next: NextFunction) => trackProducedEvents(next));
  app.use(express.json({ limit: options.bodyLimit ?? '256kb', strict: true }));
  app.use(requestShapeMiddleware());
  // Body-parser failures (malformed JSON, oversized bodies) happen before Nest's filters; answer them alike.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    const { type, body } = error as { type?: unknown; body?: unknown };
    const problem = type === 'entity.parse.failed' && typeof body === 'string' ? malformedJsonProblem(body) : error;
    const language = negotiateLanguage(req.headers['accept-language']);
    sendProblem(res, toProblem(problem, req.originalUrl.split('?')[0], language), language);
  });
  app.useGlobalPipes(fundlineValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalInterceptors(
    new EventPositionInterceptor(),
    new PublicationBeforeReplyInterceptor(app.get(Reflector), app.get(Publication, { strict: false })),
  );
  answerParserErrorsAsProblems(app);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(options.description)
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  serveAsyncApi(app);
  return app;
}
