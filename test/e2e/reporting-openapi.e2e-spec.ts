import request from 'supertest';
import { FundlineSystem } from '../support/fundline-system';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string; type?: string } }> }>;
}

/** Issue 11, finding 8: a client generated from the reporting OpenAPI document knows what every report answers. */
describe('reporting OpenAPI document', () => {
  let system: FundlineSystem;
  let document: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };

  beforeAll(async () => {
    system = await FundlineSystem.start();
    document = (await request(system.http('reporting')).get('/docs-json').expect(200)).body;
  }, 60_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('documents a response schema for every report and pipeline route', () => {
    const routes = Object.entries(document.paths).filter(([path]) => !path.startsWith('/health'));
    expect(routes.length).toBeGreaterThanOrEqual(7);
    for (const [path, operations] of routes) {
      const schema = operations.get?.responses['200']?.content?.['application/json']?.schema;
      expect({ path, documented: Boolean(schema?.$ref ?? schema?.type) }).toEqual({ path, documented: true });
    }
  });

  it('documents the credit-line report as JSON, CSV and XLSX, with every summary figure', () => {
    const content = document.paths['/reports/credit-lines/{line}'].get.responses['200'].content!;
    expect(Object.keys(content).sort()).toEqual([
      'application/json',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
    const summary = document.components.schemas.CreditLineSummaryResponse.properties!;
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining(['openingBalance', 'fundingReceived', 'directCosts', 'bankCharges', 'closingBalance']),
    );
    expect(Object.keys(document.components.schemas.FundUsesResponse.properties!)).toEqual([
      'transfers',
      'refunds',
      'administrativeAgentFee',
      'directCosts',
      'bankCharges',
      'total',
    ]);
  });
});
