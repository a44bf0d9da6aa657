import { Controller, INestApplication, Param, Post, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Module } from '@nestjs/common';
import { ProblemDetailsFilter, toProblem } from '@fundline/http';
import { Request } from 'express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DocumentsApp, startDocumentsApp } from '../test/documents-app';
import { HTML, PDF } from '../test/fixtures';
import { DocumentStore } from './document-store';
import { DEFAULT_DOCUMENT_LIMITS } from './limits';
import { ApiDocumentUpload } from './openapi';
import { documentProblems } from './problems';
import { receiveUpload } from './upload';

const CONCEPT = '5a3a7a52-93b4-4c1c-8f1d-0c0f6a1e2b3c';

describe('documents in a Nest service: OpenAPI, problem+json, languages', () => {
  let backing: DocumentsApp;
  let app: INestApplication;

  beforeAll(async () => {
    backing = await startDocumentsApp();

    @Controller('concepts')
    class UploadController {
      constructor(
        private readonly dataSource: DataSource,
        private readonly store: DocumentStore,
      ) {}

      @Post(':id/documents')
      @ApiDocumentUpload()
      async upload(@Param('id') id: string, @Req() req: Request) {
        const upload = await receiveUpload(req, DEFAULT_DOCUMENT_LIMITS);
        return this.dataSource.transaction((manager) =>
          this.store.put(
            manager,
            {
              ownerType: 'concept',
              ownerId: id,
              kind: upload.fields.kind ?? 'endorsement',
              uploadedBy: { userId: 'u1', role: 'government' },
            },
            upload,
          ),
        );
      }
    }

    @Module({
      controllers: [UploadController],
      providers: [
        { provide: DataSource, useValue: backing.dataSource },
        { provide: DocumentStore, useValue: backing.store },
      ],
    })
    class UploadModule {}

    app = await NestFactory.create(UploadModule, { bodyParser: false, logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await backing?.close();
  });

  it('shows the upload as multipart/form-data with a binary file part, and its 413 and 415', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const operation = document.paths['/concepts/{id}/documents'].post!;
    const body = operation.requestBody as {
      content: Record<string, { schema: { properties: object; required: string[] } }>;
    };
    expect(Object.keys(body.content)).toEqual(['multipart/form-data']);
    expect(body.content['multipart/form-data'].schema).toMatchObject({
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, kind: { type: 'string' }, sha256: { type: 'string' } },
    });
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['413', '415']));
  });

  it('stores an upload through a Nest route, and refuses a bad one as problem+json in the caller’s language', async () => {
    const ok = await request(app.getHttpServer())
      .post(`/concepts/${CONCEPT}/documents`)
      .field('kind', 'endorsement')
      .attach('file', PDF, 'lettre.pdf')
      .expect(201);
    expect(ok.body).toMatchObject({ mediaType: 'application/pdf', ownerId: CONCEPT });
    const refused = await request(app.getHttpServer())
      .post(`/concepts/${CONCEPT}/documents`)
      .set('Accept-Language', 'fr')
      .attach('file', HTML, 'lettre.pdf')
      .expect(415);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      code: 'DOCUMENT.TYPE',
      title: 'Ce type de fichier n’est pas accepté',
      detail: expect.stringContaining('n’est d’aucun type reconnu'),
    });
  });

  it.each(
    [
      documentProblems.tooLarge(10),
      documentProblems.type('application/zip', ['application/pdf']),
      documentProblems.empty(),
      documentProblems.name('LENGTH'),
      documentProblems.checksum('a'.repeat(64), 'b'.repeat(64)),
      documentProblems.checksumFormat(),
      documentProblems.multipart('FIELD', [], { field: 'x', accepted: 'file' }),
      documentProblems.multipart('ORDER', [], { field: 'kind' }),
      documentProblems.notFound('d-1'),
      documentProblems.superseded('d-1'),
      documentProblems.supersedesOther('d-1'),
    ].map((problem) => [problem.variant ? `${problem.code}/${problem.variant}` : problem.code, problem] as const),
  )('says %s in French and Spanish from its parameters, not the generic text', (_, problem) => {
    for (const language of ['fr', 'es'] as const) {
      const said = toProblem(problem, undefined, language);
      const generic = toProblem(new Error('x'), undefined, language);
      expect(said.code).toBe(problem.code);
      expect(said.detail).not.toBe(generic.detail);
      expect(said.detail).not.toMatch(/\{\w+\}/);
    }
  });
});
