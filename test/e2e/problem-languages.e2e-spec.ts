import { randomUUID } from 'node:crypto';
import { AddressInfo, connect } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { bearer, createTestDatabase, startService, TestClock, testConfig, TestDatabase } from '@fundline/testing';
import request from 'supertest';
import { CONCEPTS_SCHEMA, ConceptsModule } from '../../apps/concepts/src/concepts.module';
import { aConceptNote } from '../support/concept-note-builder';

/** What a problem says the same in every language: its identity and, per violation, the rule, field and limit. */
function stable(body: Record<string, unknown>) {
  const { type, status, code, instance } = body;
  const errors = (body.errors as Array<Record<string, unknown>> | undefined)?.map(({ field, rule, limit }) => ({
    field,
    rule,
    limit,
  }));
  return { type, status, code, instance, errors };
}

describe('problem+json follows Accept-Language (English, French, Spanish) on a real service', () => {
  let db: TestDatabase;
  let concepts: INestApplication;
  const http = () => concepts.getHttpServer();

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db.url);
    const module = ConceptsModule.forRoot(config, new TestClock(new Date('2026-11-22T10:00:00Z')));
    concepts = await startService('concepts', CONCEPTS_SCHEMA, module, config);
  });

  afterAll(async () => {
    await concepts?.close();
    await db?.drop();
  });

  const missing = randomUUID();
  const getMissing = (language?: string) => {
    const req = request(http()).get(`/concepts/${missing}`).set(bearer('fund-admin'));
    return language === undefined ? req : req.set('Accept-Language', language);
  };

  it('answers a domain error in French or Spanish, code, type and status unchanged, and says which', async () => {
    const english = await getMissing().expect(404);
    expect(english.body).toMatchObject({
      code: 'SUBMISSION.NOT_FOUND',
      title: 'Not found',
      detail: `submission ${missing} not found`,
    });
    expect(english.headers['content-language']).toBe('en');

    const french = await getMissing('fr-CH, fr;q=0.9, en;q=0.8').expect(404);
    expect(french.body).toMatchObject({ title: 'Introuvable', detail: `la soumission ${missing} est introuvable` });
    expect(french.headers['content-language']).toBe('fr');
    expect(french.headers.vary).toMatch(/Accept-Language/i);
    expect(french.headers['content-type']).toMatch(/application\/problem\+json/);

    const spanish = await getMissing('es-419, en;q=0.5').expect(404);
    expect(spanish.body).toMatchObject({ title: 'No encontrado', detail: `no se encontró la solicitud ${missing}` });
    expect(spanish.headers['content-language']).toBe('es');

    expect(stable(french.body)).toEqual(stable(english.body));
    expect(stable(spanish.body)).toEqual(stable(english.body));
    expect((await getMissing('de-DE, ja;q=0.5').expect(404)).body.detail).toBe(english.body.detail);
  });

  it('M1 says which rules a concept note breaks in the caller’s language, violations keeping rule and field', async () => {
    const post = (language: string) =>
      request(http())
        .post('/concept-notes')
        .set(bearer('government', 'PHL'))
        .set('Accept-Language', language)
        .send(aConceptNote({ thematicArea: 5, gcmObjectives: [5, 6] }))
        .expect(422);
    const [en, fr, es] = await Promise.all([post('en'), post('fr'), post('es')]);
    expect(en.body).toMatchObject({ code: 'CONCEPT_NOTE.RULE_BROKEN', title: 'A business rule was broken' });
    expect(fr.body).toMatchObject({
      title: 'Une règle de gestion n’est pas respectée',
      detail: 'la note conceptuelle enfreint 1 règle(s) : M1',
    });
    expect(es.body).toMatchObject({
      title: 'No se cumple una regla de gestión',
      detail: 'la nota conceptual incumple 1 regla(s): M1',
    });
    expect(stable(fr.body)).toEqual({ ...stable(en.body), instance: '/concept-notes' });
    expect(stable(es.body)).toEqual(stable(en.body));
  });

  it('answers validation failures, malformed JSON and a missing token in the caller’s language', async () => {
    const invalid = await request(http())
      .post('/concept-notes')
      .set(bearer('government', 'PHL'))
      .set('Accept-Language', 'es')
      .send(aConceptNote({ title: undefined }))
      .expect(400);
    expect(invalid.body).toMatchObject({
      code: 'REQUEST.INVALID',
      title: 'La solicitud no es válida',
      detail: expect.stringMatching(/^\d+ problema\(s\) en la solicitud: .*title/),
    });
    expect(invalid.body.errors).toContainEqual(expect.objectContaining({ field: 'title' }));

    // Refused by the body parser, before Nest: the middleware path negotiates too.
    const malformed = await request(http())
      .post('/concept-notes')
      .set(bearer('government', 'PHL'))
      .set('Accept-Language', 'fr')
      .set('Content-Type', 'application/json')
      .send('{\n  "title": ')
      .expect(400);
    expect(malformed.body).toMatchObject({
      code: 'REQUEST.MALFORMED_JSON',
      title: 'Le corps de la requête n’est pas du JSON valide',
      detail: expect.stringMatching(
        /^Le corps de la requête n’est pas du JSON valide : l’analyse s’est arrêtée ligne 2/,
      ),
    });
    expect(malformed.headers['content-language']).toBe('fr');

    const anonymous = await request(http()).get('/concepts').set('Accept-Language', 'es').expect(401);
    expect(anonymous.body).toMatchObject({
      code: 'HTTP.401',
      title: 'Se requiere autenticación',
      detail: 'se requiere un token de acceso (bearer token)',
    });
  });

  it('answers a request the HTTP parser refuses before any header is read in English, and says so', async () => {
    await concepts.listen(0, '127.0.0.1');
    const { port } = concepts.getHttpServer().address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      let answer = '';
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(
          `GET /concepts HTTP/1.1\r\nHost: x\r\nAccept-Language: fr\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        ),
      );
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1.1 431 /);
    expect(head).toContain('Content-Language: en');
    expect(JSON.parse(body)).toMatchObject({ code: 'HTTP.431', title: 'The request line or headers are too large' });
  });
});
