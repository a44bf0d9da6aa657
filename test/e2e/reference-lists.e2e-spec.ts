import { Role } from '@fundline/contracts';
import { bearer } from '@fundline/testing';
import request from 'supertest';
import { LINE_2_2024_08 } from '../../apps/concepts/src/reference-data/seed/official-lists.seed';
import { aProjectProposal } from '../support/concept-note-builder';
import { DecisionSteps } from '../support/decision-steps';
import { fundlineForThisFile } from '../support/fundline-system';
import { attachLetters } from '../support/endorsements';

interface VerdictLine {
  rule: string;
  passed: boolean;
  detail: string;
}

const TODAY = '2026-11-22T10:00:00Z';
const SOURCE = 'IOM, Eligible Member States - Line 2, https://iom.int/eligible-member-states-line-2 (read 2026-12-20)';

/** The published Line 2 list as loaded, as a CSV file, with changes. */
function line2Csv(change: { without?: string[]; with?: string[] } = {}): string {
  const rows = LINE_2_2024_08.flatMap(({ region, names }) =>
    Object.entries(names)
      .filter(([, code]) => !change.without?.includes(code))
      .map(([name, code]) => `${code},"${name}",${region}`),
  );
  return ['code,name,region', ...rows, ...(change.with ?? [])].join('\r\n') + '\r\n';
}

describe('official reference lists, end to end', () => {
  const live = fundlineForThisFile();
  const concepts = () => live.system.http('concepts');

  afterEach(() => live.system.clock.set(TODAY));

  /** A national proposal of `country` submitted on the clock's day: its verdict line by rule. */
  async function screened(country: string, on = TODAY) {
    live.system.clock.set(on);
    const auth = bearer('government', country);
    const body = aProjectProposal({
      countries: [country],
      endorsements: [{ country, letterReference: `${country}-1` }],
    });
    const draft = await request(concepts()).post('/project-proposals').set(auth).send(body).expect(201);
    await attachLetters(concepts(), auth, draft.body.id);
    const res = await request(concepts()).post(`/concepts/${draft.body.id}/submit`).set(auth).expect(200);
    return Object.fromEntries((res.body.verdict.lines as VerdictLine[]).map((l) => [l.rule, l]));
  }

  const importList = (
    dataset: string,
    csv: string | Buffer,
    query: Record<string, string>,
    role: Role = 'fund-admin',
  ) =>
    request(concepts())
      .post(`/reference-data/${dataset}/import`)
      .query(query)
      .set(bearer(role, role === 'government' ? 'PHL' : undefined))
      .attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), 'list.csv');

  async function written() {
    const { rows } = await live.db.query(
      `SELECT (SELECT count(*) FROM concepts.reference_versions)::int AS versions,
              (SELECT count(*) FROM concepts.outbox)::int AS events`,
    );
    return rows[0] as { versions: number; events: number };
  }

  it('F1 screens on the World Bank classification in force: Algeria, left out of the demonstration list, is eligible', async () => {
    const algeria = await screened('DZA');
    expect(algeria.F1).toMatchObject({
      passed: true,
      detail: 'DZA is on the list in force on 2026-11-22 (upper-middle income)',
    });
  });

  it('F1 follows the classification by its effective date: Costa Rica is eligible under FY2025, high income from FY2026', async () => {
    expect((await screened('CRI', '2025-03-03T10:00:00Z')).F1).toMatchObject({
      passed: true,
      detail: 'CRI is on the list in force on 2025-03-03 (upper-middle income)',
    });
    expect((await screened('CRI')).F1).toMatchObject({ passed: false, detail: 'CRI is a high-income economy' });
  });

  it('F3 admits a Line 2 proposal of a state on the published Line 2 list in force', async () => {
    expect((await screened('KEN')).F3).toMatchObject({
      passed: true,
      detail: 'KEN is on the Line 2 list in force from 2024-08-01',
    });
  });

  it('answers a dry run with the changes a Line 2 file would make, and writes nothing', async () => {
    const before = await written();
    const res = await importList('fund1035-line2', line2Csv({ without: ['ZWE'], with: ['SRB,Serbia,Europe'] }), {
      effectiveFrom: '2027-01-01',
      source: SOURCE,
      dryRun: 'true',
    }).expect(200);
    expect(res.body).toMatchObject({
      dataset: 'fund1035-line2',
      effectiveFrom: '2027-01-01',
      dryRun: true,
      added: [{ key: 'SRB', value: { name: 'Serbia', region: 'Europe' } }],
      removed: [{ key: 'ZWE', value: { name: 'Zimbabwe', region: 'Africa' } }],
      changed: [],
      unchanged: 103,
    });
    expect(await written()).toEqual(before);
  });

  it('F3 imports a complete Line 2 list in force from its date: before it the old list decides, after it the new one', async () => {
    const csv = line2Csv({ without: ['UGA'], with: ['SRB,Serbia,Europe'] });
    const res = await importList('fund1035-line2', csv, { effectiveFrom: '2027-02-01', source: SOURCE }).expect(200);
    expect(res.body).toMatchObject({ dryRun: false, added: [{ key: 'SRB' }], removed: [{ key: 'UGA' }] });

    const asOf = async (date: string) =>
      (await request(concepts()).get(`/reference-data/fund1035-line2?asOf=${date}`).set(bearer('government', 'UGA')))
        .body.items as Array<{ key: string }>;
    expect((await asOf('2027-01-31')).map((i) => i.key)).toContain('UGA');
    expect((await asOf('2027-02-01')).map((i) => i.key)).not.toContain('UGA');
    const sources = await request(concepts())
      .get('/reference-data/list-source?asOf=2027-02-01')
      .set(bearer('fund-admin'))
      .expect(200);
    expect(sources.body.items).toContainEqual(
      expect.objectContaining({ key: 'fund1035-line2.2027-02-01', source: SOURCE, complete: true, loaded: 104 }),
    );
    const { rows } = await live.db.query(
      `SELECT count(*)::int AS n FROM concepts.outbox WHERE type = 'reference-data.recorded.v1'
       AND envelope->'payload'->>'effectiveFrom' = '2027-02-01'`,
    );
    expect(rows[0].n).toBe(3); // SRB added, UGA retired, the list's source

    expect((await screened('UGA', '2027-01-20T10:00:00Z')).F3).toMatchObject({ passed: true });
    expect((await screened('UGA', '2027-02-02T10:00:00Z')).F3).toMatchObject({
      passed: false,
      detail: `UGA is not on the Line 2 list in force from 2027-02-01 (${SOURCE})`,
    });
    // Nigeria is a beneficiary off the published list; the incomplete list of 2024 could not refuse it, this one does.
    expect((await screened('NGA', '2027-01-20T10:00:00Z')).F3.passed).toBe(true);
    expect((await screened('NGA', '2027-02-02T10:00:00Z')).F3.passed).toBe(false);
  });

  describe('refuses a bad file whole, naming the line and the column, and writes nothing', () => {
    const cases: Array<[string, string | Buffer, number, object]> = [
      [
        'an unknown country code',
        'code,name,region\r\nKEN,Kenya,Africa\r\nXYZ,Nowhere,Africa\r\n',
        422,
        { field: 'file:3:code', rule: 'knownCountry' },
      ],
      [
        'a duplicate key',
        'code,name,region\nKEN,Kenya,Africa\nKEN,Kenya,Africa\n',
        422,
        { field: 'file:3:code', rule: 'unique', message: 'line 3: KEN is already on line 2' },
      ],
      ['a missing column', 'code,name\nKEN,Kenya\n', 422, { field: 'file:1:region', rule: 'column' }],
      ['an unknown region', 'code,name,region\nKEN,Kenya,Atlantis\n', 422, { field: 'file:2:region' }],
      ['an empty file', '', 422, { field: 'file', rule: 'notEmpty' }],
      ['an unterminated quote', 'code,name,region\nKEN,"Kenya,Africa\n', 400, { rule: 'csv' }],
    ];

    it.each(cases)('%s', async (_, csv, status, violation) => {
      const before = await written();
      const res = await importList('fund1035-line2', csv, { effectiveFrom: '2027-03-01', source: SOURCE });
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toContainEqual(expect.objectContaining(violation));
      expect(await written()).toEqual(before);
    });

    it('a file too large (413), no file at all (400), a dataset not imported from files (422)', async () => {
      const before = await written();
      const big = Buffer.from('code,name,region\n' + 'KEN,Kenya,Africa\n'.repeat(20_000));
      await importList('fund1035-line2', big, { effectiveFrom: '2027-03-01', source: SOURCE }).expect(413);
      await request(concepts())
        .post('/reference-data/fund1035-line2/import')
        .query({ effectiveFrom: '2027-03-01', source: SOURCE })
        .set(bearer('fund-admin'))
        .send({ csv: 'code,name,region' })
        .expect(400);
      const article4 = await importList('article4', 'code,subject\nKEN,true\n', {
        effectiveFrom: '2027-03-01',
        source: SOURCE,
      }).expect(422);
      expect(article4.body.errors).toEqual([expect.objectContaining({ field: 'dataset', rule: 'importable' })]);
      expect(await written()).toEqual(before);
    });
  });

  it('documents the value shape of each list and the multipart body of the import in the OpenAPI document', async () => {
    const doc = (await request(concepts()).get('/docs-json').expect(200)).body;
    const refs = (schemas: Array<{ $ref: string }>) => schemas.map((s) => s.$ref.replace('#/components/schemas/', ''));
    const put = doc.paths['/reference-data/{dataset}/{key}'].put.requestBody.content['application/json'].schema;
    const value = doc.components.schemas[put.$ref.replace('#/components/schemas/', '')].properties.value;
    expect(refs(value.oneOf)).toEqual(expect.arrayContaining(['CountryValue', 'BeneficiaryValue', 'Line2Value']));
    expect(doc.components.schemas.Line2Value).toMatchObject({
      required: ['name', 'region'],
      properties: { region: { enum: expect.arrayContaining(['Africa', 'Europe']) } },
    });
    const list = doc.paths['/reference-data/{dataset}'].get.responses['200'].content['application/json'].schema;
    expect(refs(list.properties.items.items.allOf[1].oneOf)).toContain('ListSourceValue');
    const importing = doc.paths['/reference-data/{dataset}/import'].post;
    expect(importing.requestBody.content['multipart/form-data'].schema).toMatchObject({
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    });
    expect(importing.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['dataset', 'effectiveFrom', 'source', 'dryRun']),
    );
  });

  it('refuses an import by anyone but a fund administrator', async () => {
    for (const role of ['government', 'steering-committee', 'finance-officer'] as const) {
      await importList('fund1035-line2', line2Csv(), { effectiveFrom: '2027-04-01', source: SOURCE }, role).expect(403);
    }
  });

  describe('a reference value is said, never implied', () => {
    const admin = bearer('fund-admin');
    const put = (dataset: string, key: string, body: object) =>
      request(concepts()).put(`/reference-data/${dataset}/${key}`).set(admin).send(body);
    const keysOf = async (dataset: string, asOf: string) =>
      (
        await request(concepts()).get(`/reference-data/${dataset}`).query({ asOf }).set(admin).expect(200)
      ).body.items.map((i: { key: string }) => i.key);
    const fields = (res: request.Response) => (res.body.errors as Array<{ field: string }>).map((e) => e.field);

    it('refuses a new version without value (400 naming value, nothing recorded), while null still retires the key', async () => {
      await put('call-round', '2031-kept', {
        effectiveFrom: '2026-11-01',
        value: { opensOn: '2031-01-15', closesOn: '2031-12-31' },
      }).expect(200);
      const before = await written();

      const omitted = await put('call-round', '2031-kept', { effectiveFrom: '2026-11-20' }).expect(400);
      expect(omitted.type).toBe('application/problem+json');
      expect(omitted.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
      expect(new Set(fields(omitted))).toEqual(new Set(['value']));
      expect(await written()).toEqual(before);
      expect(await keysOf('call-round', '2026-11-22')).toContain('2031-kept');

      await put('call-round', '2031-kept', { effectiveFrom: '2026-11-20', value: null }).expect(200);
      expect(await keysOf('call-round', '2026-11-22')).not.toContain('2031-kept');
      expect(await keysOf('call-round', '2026-11-19')).toContain('2031-kept');

      const doc = (await request(concepts()).get('/docs-json').expect(200)).body;
      const body = doc.paths['/reference-data/{dataset}/{key}'].put.requestBody.content['application/json'].schema;
      const schema = doc.components.schemas[body.$ref.replace('#/components/schemas/', '')];
      expect(schema.required).toEqual(expect.arrayContaining(['effectiveFrom', 'value']));
      expect(schema.properties.value).toMatchObject({ nullable: true });
    });

    const article4 = (subject: boolean, arrearsMinor: string, dueTwoYearsMinor: string) => ({
      effectiveFrom: '2026-11-01',
      value: { subject, since: '2026-11-01', arrearsMinor, dueTwoYearsMinor },
    });

    async function refusedF3(country: string, body: object, subject: boolean) {
      const before = await written();
      const res = await put('article4', country, body).expect(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'value.subject', rule: 'F3' })]);
      const message = res.body.errors[0].message as string;
      expect(message).toContain(`subject must be ${subject}`);
      const { arrearsMinor, dueTwoYearsMinor } = (body as ReturnType<typeof article4>).value;
      expect(message).toContain(arrearsMinor);
      expect(message).toContain(dueTwoYearsMinor);
      expect(await written()).toEqual(before);
    }

    it('F3 refuses an Article 4 record not subject with arrears equal to the dues of two years, and takes it subject', async () => {
      await refusedF3('GHA', article4(false, '24000000', '24000000'), true);
      await put('article4', 'GHA', article4(true, '24000000', '24000000')).expect(200);
    });

    it('F3 refuses an Article 4 record subject with arrears one cent below the dues of two years, and takes it not subject', async () => {
      await refusedF3('SEN', article4(true, '23999999', '24000000'), false);
      await put('article4', 'SEN', article4(false, '23999999', '24000000')).expect(200);
    });
  });

  // Last: a complete list in force from TODAY would change the F3 verdict of every later screening of this file.
  it('F3 at approval refuses a state absent from a complete Line 2 list imported after its submission', async () => {
    const steps = new DecisionSteps(live.system, live.db);
    await steps.fundTheLines();
    const conceptId = await steps.inFundsPipeline('ZMB');
    const sessionId = await steps.sessionFor([conceptId]);
    const imported = await importList('fund1035-line2', line2Csv({ without: ['ZMB'] }), {
      effectiveFrom: TODAY.slice(0, 10),
      source: SOURCE,
    }).expect(200);
    expect(imported.headers['fundline-event-published']).toBe('true');

    const refused = await steps.approve(sessionId, conceptId, 2);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'creditLine',
        rule: 'F3',
        message: `ZMB is not on the Line 2 list in force from 2026-11-22 (${SOURCE}): it cannot benefit from Line 2`,
      }),
    ]);
    await steps.approve(sessionId, conceptId, 1).expect(201);
  });
});
