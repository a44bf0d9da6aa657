import { INestApplication } from '@nestjs/common';
import { asyncApiDocument } from '@fundline/contracts';
import { Request, Response } from 'express';

/** Where every service serves the AsyncAPI document of the events, beside OpenAPI (`/docs`, `/docs-json`). */
export const ASYNCAPI_PATHS = ['/docs/asyncapi.json', '/asyncapi.json'] as const;

/**
 * Serves the AsyncAPI 3 document of every topic and event version (docs/asyncapi.md). It is generated once, from the
 * contracts this build holds, so each service documents the events as it reads and writes them. Register it before
 * `app.init()`: Nest answers 404 to routes added after.
 */
export function serveAsyncApi(app: INestApplication): void {
  const body = JSON.stringify(asyncApiDocument());
  const http = app.getHttpAdapter();
  for (const path of ASYNCAPI_PATHS) {
    http.get(path, (_req: Request, res: Response) => {
      res.type('application/json').send(body);
    });
  }
}
