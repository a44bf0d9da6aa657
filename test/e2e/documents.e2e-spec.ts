import { createHash, randomUUID } from 'node:crypto';
import { bearer, eventually, pdfLines } from '@fundline/testing';
import request from 'supertest';
import { binary } from '../support/binary-body';
import { EXE, PDF } from '../../libs/documents/test/fixtures';
import { rebuildReadModel } from '../../apps/reporting/src/rebuild/rebuild-read-model';
import { DecisionSteps } from '../support/decision-steps';
import { fundlineForThisFile } from '../support/fundline-system';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Issue 13, the allocation's documents on the real stack: the grant agreement written at approval, stored, served and
 * read back; a report uploaded against its obligation fulfils it; who may read what; every download recorded.
 */
describe('documents of an allocation (issue 13)', () => {
  const f = fundlineForThisFile();
  const funds = () => f.system.http('funds');
  let allocationId = '';
  let agreement: { documentId: string; sha256: string };

  beforeAll(async () => {
    const steps = new DecisionSteps(f.system, f.db);
    await steps.fundTheLines();
    const proposal = await steps.inFundsPipeline('SEN');
    const res = await steps.decide(await steps.sessionFor([proposal]), proposal, {
      amount: { amount: '150000.00', currency: 'USD' },
      creditLine: 2,
    });
    expect(res.status).toBe(201);
    allocationId = res.body.allocation.allocationId;
    agreement = res.body.agreement;
  });

  it('F12 M10 writes the grant agreement at approval, names it in the event by id and hash, and serves the same bytes', async () => {
    expect(agreement).toEqual({ documentId: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const listed = await request(funds()).get(`/allocations/${allocationId}/documents`).set(bearer('finance-officer'));
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        documentId: agreement.documentId,
        kind: 'grant-agreement',
        mediaType: 'application/pdf',
      }),
    ]);
    const pdf = await request(funds())
      .get(`/documents/${agreement.documentId}`)
      .set(bearer('finance-officer'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(sha256(pdf.body as Buffer)).toBe(agreement.sha256);
    // Its numbers are the allocation's own, as the funds service and the reports hold them.
    const allocation = (await request(funds()).get(`/allocations/${allocationId}`).set(bearer('fund-admin'))).body;
    const obligations = (
      await request(funds()).get(`/allocations/${allocationId}/obligations`).set(bearer('fund-admin'))
    ).body as Array<{ kind: string; dueOn: string }>;
    const text = (await pdfLines(pdf.body as Buffer)).join(' ');
    const day = (iso: string) =>
      new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
    expect(text).toContain('USD 150,000.00');
    expect(text).toContain('one hundred fifty thousand United States dollars and 00/100');
    expect(text).toContain('IOM Development Fund');
    expect(text).toContain('Senegal');
    expect(obligations.length).toBeGreaterThan(0);
    for (const o of obligations) expect(text).toContain(day(o.dueOn));
    // Dates written as in the agreement ("30 June 2029"), shares as the allocation holds them.
    expect(text).toContain(day(allocation.startDate));
    expect(text).toContain(day(allocation.endDate));
    for (const share of allocation.shares as Array<{ organisation: string }>)
      expect(text).toContain(share.organisation);
  });

  it('G6 lets the submitting government read its own allocation documents, and nobody else’s', async () => {
    await request(funds())
      .get(`/documents/${agreement.documentId}`)
      .set(bearer('government', 'SEN'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    await request(funds()).get(`/documents/${agreement.documentId}`).set(bearer('government', 'KEN')).expect(404);
    await request(funds()).get(`/allocations/${allocationId}/documents`).set(bearer('government', 'KEN')).expect(404);
    await request(funds()).get(`/documents/${randomUUID()}`).set(bearer('fund-admin')).expect(404);
  });

  it('records every download of a document: who, in which role, when', async () => {
    const log = await request(funds()).get(`/documents/${agreement.documentId}/downloads`).set(bearer('fund-admin'));
    expect(log.status).toBe(200);
    const readers = (log.body as Array<{ downloadedByRole: string }>).map((d) => d.downloadedByRole).sort();
    expect(readers).toEqual(['finance-officer', 'government']);
  });

  it('F12 an uploaded report fulfils its obligation once; a second upload or a bad file stores nothing', async () => {
    const obligations = (
      await request(funds()).get(`/allocations/${allocationId}/obligations`).set(bearer('fund-admin'))
    ).body as Array<{ id: string; submittedOn: string | null }>;
    const [first, second] = obligations;
    const upload = (obligationId: string, file: Buffer, name: string) =>
      request(funds())
        .post(`/allocations/${allocationId}/obligations/${obligationId}/reports`)
        .set(bearer('finance-officer'))
        .field('kind', 'monitoring-framework')
        .attach('file', file, { filename: name, contentType: 'application/pdf' });

    const refused = await upload(second.id, EXE, 'report.pdf');
    expect(refused.status).toBe(415);
    expect(refused.body.code).toMatch(/^DOCUMENT\.TYPE/);

    const done = await upload(first.id, PDF, 'monitoring-framework.pdf');
    expect(done.status).toBe(201);
    expect(done.body.report).toMatchObject({ sha256: sha256(PDF), fileName: 'monitoring-framework.pdf' });
    const again = await upload(first.id, PDF, 'monitoring-framework.pdf');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('OBLIGATION.SUBMITTED');

    const after = (await request(funds()).get(`/allocations/${allocationId}/obligations`).set(bearer('fund-admin')))
      .body as Array<{ id: string; submittedOn: string | null }>;
    expect(after.find((o) => o.id === first.id)?.submittedOn).toBe('2026-11-22');
    expect(after.find((o) => o.id === second.id)?.submittedOn).toBeNull();
    const documents = (
      await request(funds()).get(`/allocations/${allocationId}/documents`).set(bearer('finance-officer'))
    ).body as Array<{ ownerId: string; kind: string }>;
    // The read model shows what was submitted, when, and which document it is; the one not submitted is still owed.
    const reported = await eventually(async () => {
      const res = await request(f.system.http('reporting')).get('/reports/obligations').set(bearer('finance-officer'));
      const rows = res.body.items as Array<{
        obligationId: string;
        submittedOn: string | null;
        report: { documentId: string; sha256: string } | null;
      }>;
      const row = rows.find((o) => o.obligationId === first.id);
      return row?.report ? rows : undefined;
    });
    expect(reported.find((o) => o.obligationId === first.id)).toMatchObject({
      submittedOn: '2026-11-22',
      report: { documentId: done.body.report.documentId, sha256: sha256(PDF) },
    });
    expect(reported.find((o) => o.obligationId === second.id)).toMatchObject({ submittedOn: null, report: null });
    expect(documents.map((d) => [d.ownerId, d.kind])).toEqual([
      [allocationId, 'grant-agreement'],
      [first.id, 'monitoring-framework'],
    ]);
  });

  it('G3 a corrected report is a new version: the first stays stored, the obligation keeps its day, the reports follow', async () => {
    const [first] = (await request(funds()).get(`/allocations/${allocationId}/obligations`).set(bearer('fund-admin')))
      .body as Array<{ id: string; submittedOn: string | null }>;
    const documents = async () =>
      (await request(funds()).get(`/allocations/${allocationId}/documents`).set(bearer('finance-officer')))
        .body as Array<{
        documentId: string;
        ownerId: string;
        version: number;
        supersedes: string | null;
      }>;
    const original = (await documents()).find((d) => d.ownerId === first.id)!;
    const corrected = Buffer.concat([PDF, Buffer.from('% corrected figures\n')]);
    const replace = (documentId: string, role: 'finance-officer' | 'government' = 'finance-officer') =>
      request(funds())
        .post(`/documents/${documentId}/versions`)
        .set(role === 'government' ? bearer('government', 'SEN') : bearer(role))
        .attach('file', corrected, { filename: 'monitoring-framework-v2.pdf', contentType: 'application/pdf' });

    expect((await replace(original.documentId, 'government')).status).toBe(403);
    const agreementRefused = await replace(agreement.documentId);
    expect(agreementRefused.status).toBe(409);
    expect(agreementRefused.body.code).toBe('DOCUMENT.GENERATED');
    expect((await replace(randomUUID())).status).toBe(404);

    const version = await replace(original.documentId);
    expect(version.status).toBe(201);
    expect(version.body).toMatchObject({ version: 2, supersedes: original.documentId, sha256: sha256(corrected) });
    // Versions form a line: the replaced one cannot be replaced again.
    const fork = await replace(original.documentId);
    expect(fork.status).toBe(409);
    expect(fork.body.code).toBe('DOCUMENT.SUPERSEDED');

    const listed = (await documents()).filter((d) => d.ownerId === first.id);
    expect(listed.map((d) => [d.documentId, d.version])).toEqual([
      [original.documentId, 1],
      [version.body.documentId, 2],
    ]);
    const old = await request(funds())
      .get(`/documents/${original.documentId}`)
      .set(bearer('finance-officer'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(sha256(old.body as Buffer)).toBe(sha256(PDF));
    const after = (await request(funds()).get(`/allocations/${allocationId}/obligations`).set(bearer('fund-admin')))
      .body as Array<{ id: string; submittedOn: string | null }>;
    expect(after.find((o) => o.id === first.id)?.submittedOn).toBe(first.submittedOn);
    const row = await eventually(async () => {
      const res = await request(f.system.http('reporting')).get('/reports/obligations').set(bearer('finance-officer'));
      const found = (
        res.body.items as Array<{ obligationId: string; submittedOn: string; report: { documentId: string } | null }>
      ).find((o) => o.obligationId === first.id);
      return found?.report?.documentId === version.body.documentId ? found : undefined;
    });
    expect(row).toMatchObject({ submittedOn: first.submittedOn, report: { sha256: sha256(corrected) } });
  });

  it('keeps every document reachable through a rebuild of the read model: events name documents, services keep them', async () => {
    const obligations = async () =>
      (
        (await request(f.system.http('reporting')).get('/reports/obligations').set(bearer('finance-officer'))).body
          .items as Array<{ obligationId: string; report: { documentId: string } | null }>
      ).filter((o) => o.report);
    const before = await obligations();
    expect(before).toHaveLength(1);
    await rebuildReadModel({
      databaseUrl: f.system.db.url,
      kafkaBrokers: f.system.config.kafkaBrokers,
      kafkaNamespace: f.system.config.kafkaNamespace,
    });
    expect(await obligations()).toEqual(before);
    const [{ report }] = before;
    await request(funds())
      .get(`/documents/${report!.documentId}`)
      .set(bearer('finance-officer'))
      .buffer(true)
      .parse(binary)
      .expect(200);
  });
});
