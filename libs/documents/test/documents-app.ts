import express, { NextFunction, Request, Response } from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ensureSchema } from '@fundline/persistence';
import { sendProblem, toProblem } from '@fundline/http';
import { createTestDatabase, TestDatabase } from '@fundline/testing';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  createDocumentTables,
  DEFAULT_DOCUMENT_LIMITS,
  DocumentLimits,
  dropDocumentTables,
  PostgresDocumentStore,
  receiveUpload,
  sendDocument,
} from '../src';

export const SCHEMA = 'documents_test';

class DocumentTables1764000000000 implements MigrationInterface {
  async up(q: QueryRunner) {
    await createDocumentTables(q, SCHEMA);
  }
  async down(q: QueryRunner) {
    await dropDocumentTables(q, SCHEMA);
  }
}

export interface DocumentsApp {
  db: TestDatabase;
  dataSource: DataSource;
  store: PostgresDocumentStore;
  server: Server;
  port: number;
  close(): Promise<void>;
  count(table: 'documents' | 'document_chunks' | 'document_downloads'): Promise<number>;
}

/**
 * A service in miniature as the lead wires one: an upload route that receives the file and stores it in one
 * transaction, and a download route that serves it. The actor comes from headers here; real routes use the token.
 */
export async function startDocumentsApp(limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS): Promise<DocumentsApp> {
  const db = await createTestDatabase();
  await ensureSchema(db.url, SCHEMA);
  const dataSource = new DataSource({
    type: 'postgres',
    url: db.url,
    schema: SCHEMA,
    migrations: [DocumentTables1764000000000],
    migrationsRun: true,
    synchronize: false,
    extra: { max: 20 },
  });
  await dataSource.initialize();
  const store = new PostgresDocumentStore();
  const actor = (req: Request) => ({
    userId: String(req.headers['x-user'] ?? 'u1'),
    role: String(req.headers['x-role'] ?? 'government'),
  });

  const app = express();
  app.post('/concepts/:id/documents', async (req: Request, res: Response) => {
    const upload = await receiveUpload(req, limits);
    const stored = await dataSource.transaction((manager) =>
      store.put(
        manager,
        {
          ownerType: 'concept',
          ownerId: String(req.params.id),
          kind: upload.fields.kind ?? 'endorsement',
          uploadedBy: actor(req),
          supersedes: typeof req.query.supersedes === 'string' ? req.query.supersedes : undefined,
          public: req.query.public === 'true',
        },
        upload,
      ),
    );
    res.status(201).json(stored);
  });
  app.get('/concepts/:id/documents', async (req: Request, res: Response) => {
    const owner = { type: 'concept' as const, id: String(req.params.id) };
    res.json(await store.list(dataSource.manager, owner, { latest: req.query.latest === 'true' }));
  });
  app.get('/documents/:id', async (req: Request, res: Response) => {
    const document = await store.get(dataSource.manager, String(req.params.id));
    await sendDocument(res, { store, manager: dataSource.manager, document, reader: actor(req) });
  });
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    sendProblem(res, toProblem(error, req.path));
  });

  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    db,
    dataSource,
    store,
    server,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await dataSource.destroy();
      await db.drop();
    },
    async count(table) {
      const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}"."${table}"`);
      return row.n as number;
    },
  };
}
