import { INestApplication } from '@nestjs/common';
import { asyncApiDocument, REFERENCE_DATA_RECORDED_V1, TOPICS } from '@fundline/contracts';
import { createHttpApp, serveAsyncApi } from '@fundline/http';
import { physicalName } from '@fundline/messaging';
import { ensureSchema } from '@fundline/persistence';
import { createTestDatabase, readTopic, startService, testConfig, TestDatabase } from '@fundline/testing';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { CONCEPTS_SCHEMA, ConceptsModule } from '../../apps/concepts/src/concepts.module';
import { REPORTING_SCHEMA, ReportingModule } from '../../apps/reporting/src/reporting.module';

/** Issue 15: the AsyncAPI document is served beside OpenAPI, and what a service publishes matches it. */
describe('AsyncAPI document served by a service', () => {
  let db: TestDatabase;
  let reporting: INestApplication;
  let concepts: INestApplication;
  const config = () => testConfig(db.url);
  let settings: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    db = await createTestDatabase();
    settings = config();
    // Built as startService does, with the document served before init (Nest answers 404 to routes added after).
    await ensureSchema(settings.databaseUrl, REPORTING_SCHEMA);
    reporting = await createHttpApp(ReportingModule.forRoot(settings), {
      service: 'reporting',
      title: 'reporting',
      description: 'reporting',
      logLevel: 'error',
    });
    serveAsyncApi(reporting);
    await reporting.init();
    // The concepts service publishes the seeded reference data through its outbox as soon as it starts.
    concepts = await startService('concepts', CONCEPTS_SCHEMA, ConceptsModule.forRoot(settings), settings);
  }, 90_000);

  afterAll(async () => {
    await concepts?.close();
    await reporting?.close();
    await db?.drop();
  });

  it('serves the generated document at /docs/asyncapi.json and /asyncapi.json, beside the OpenAPI one', async () => {
    const served = await request(reporting.getHttpServer()).get('/docs/asyncapi.json').expect(200);
    expect(served.headers['content-type']).toMatch(/^application\/json/);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
    expect(served.body.asyncapi).toBe('3.0.0');
    const alias = await request(reporting.getHttpServer()).get('/asyncapi.json').expect(200);
    expect(alias.body).toEqual(served.body);
    await request(reporting.getHttpServer()).get('/docs-json').expect(200);
  });

  it('describes the events a running service really publishes: each one valid against its message schema', async () => {
    const document = (await request(reporting.getHttpServer()).get('/docs/asyncapi.json').expect(200)).body;
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    ajv.addSchema({ ...document, $id: 'asyncapi.json' });
    const messages = await readTopic(
      physicalName(settings.kafkaNamespace, TOPICS.concepts),
      (read) => read.length >= 10,
      30_000,
    );
    for (const message of messages) {
      const event = JSON.parse(message.value!) as { type: string; aggregateId: string; eventId: string };
      expect(event.type).toBe(REFERENCE_DATA_RECORDED_V1);
      const validate = ajv.getSchema(`asyncapi.json#/components/messages/${event.type}/payload`)!;
      expect({ valid: validate(event), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
      const headers = ajv.compile({
        ...document.components.messages[event.type].headers,
        $id: `headers-${event.eventId}`,
      });
      expect(headers(message.headers)).toBe(true);
      // The Kafka binding says the key is the aggregate id.
      expect(message.key).toBe(event.aggregateId);
    }
  });
});
