import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import { trackProducedEvents } from '@fundline/messaging';
import { RateLimit, rateLimitMiddleware } from './abuse/rate-limit';
import { EventPositionInterceptor } from './event-position';
import { JsonLogger } from './logging/json-logger';
import { correlationMiddleware } from './logging/request-context';
import { ProblemDetailsFilter, sendProblem, toProblem } from './problems/problem-details.filter';
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
  // Body-parser failures (malformed JSON, oversized bodies) happen before Nest's filters; answer them alike.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    sendProblem(res, toProblem(error, req.originalUrl.split('?')[0]));
  });
  app.useGlobalPipes(fundlineValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalInterceptors(new EventPositionInterceptor());
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
  return app;
}
