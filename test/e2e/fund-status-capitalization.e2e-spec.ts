import { bearer } from '@fundline/testing';
import request from 'supertest';
import { rebuildReadModel } from '../../apps/reporting/src/rebuild/rebuild-read-model';
import { FundlineSystem } from '../support/fundline-system';
import { aDonor, deposit, usd } from '../support/money-requests';
import { fundStatusOnceReady, untilReported } from '../support/read-model';
import { registeredForThisFile, TEST_POOLED_FUND } from '../support/test-funds';

const TARGET = '/reference-data/fund-parameter/mptf.capitalization-target-minor';
/** The new target is in force from 1 December 2026; the seed's (USD 70 million) until then. */
const LAST_MOMENT_OF_THE_OLD_TARGET = '2026-11-30T23:59:59.999Z';
const FIRST_MOMENT_OF_THE_NEW_TARGET = '2026-12-01T00:00:00.000Z';

/**
 * M13 (configurable): the fund-status report measures deposits against the capitalization target in force at its
 * `asOf`, as reporting keeps it from the reference-data events, never against the seed.
 */
describe('M13 fund status: capitalization against the target in force', () => {
  let system: FundlineSystem;
  const reporting = () => system.http('reporting');
  const statusAsOf = (fund: string, asOf: string) =>
    request(reporting()).get(`/reports/fund-status/${fund}`).query({ asOf }).set(bearer('finance-officer'));

  beforeAll(async () => {
    system = await FundlineSystem.start();
    const donor = await aDonor(system.http('funds'), 'Government of Germany');
    await deposit(system.http('funds'), donor, { amount: usd('1000000.00') });
    await fundStatusOnceReady(system, (s) => s.sources.contributions === '1000000.00');
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('M13 a fund admin changes the capitalization target: the report shows the new target and progress from its effective date, the old ones before', async () => {
    await request(system.http('concepts'))
      .put(TARGET)
      .set(bearer('fund-admin'))
      .send({ effectiveFrom: '2026-12-01', value: { value: 50_000_000_00 } })
      .expect(200);

    const after = await untilReported(async () => {
      const res = await statusAsOf('MIGRATION_MPTF', FIRST_MOMENT_OF_THE_NEW_TARGET).expect(200);
      return res.body.capitalization.target === '50000000.00' && res.body;
    }, 'the new capitalization target');
    expect(after.capitalization).toEqual({ target: '50000000.00', deposited: '1000000.00', progress: '0.0200' });

    const before = (await statusAsOf('MIGRATION_MPTF', LAST_MOMENT_OF_THE_OLD_TARGET).expect(200)).body;
    expect(before.capitalization).toEqual({ target: '70000000.00', deposited: '1000000.00', progress: '0.0142' });
  });

  it('M13 a rebuilt read model keeps every version of the target', async () => {
    await rebuildReadModel({
      databaseUrl: system.db.url,
      kafkaBrokers: system.config.kafkaBrokers,
      kafkaNamespace: system.config.kafkaNamespace,
    });
    const targets = await Promise.all(
      [LAST_MOMENT_OF_THE_OLD_TARGET, FIRST_MOMENT_OF_THE_NEW_TARGET].map(
        async (asOf) => (await statusAsOf('MIGRATION_MPTF', asOf).expect(200)).body.capitalization.target,
      ),
    );
    expect(targets).toEqual(['70000000.00', '50000000.00']);
  });

  it('M13 answers 404 problem+json for a fund without a fund-status report and for a fund Fundline does not run', async () => {
    for (const fund of ['FUND_1035', 'NO_SUCH_FUND']) {
      const res = await statusAsOf(fund, FIRST_MOMENT_OF_THE_NEW_TARGET).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, code: 'REPORT.UNKNOWN_FUND' });
    }
  });

  describe('a third pooled fund, registered by this test only', () => {
    registeredForThisFile(TEST_POOLED_FUND);

    it('M13 has its own fund-status report, apart from the Migration MPTF money', async () => {
      const res = await statusAsOf(TEST_POOLED_FUND.code, FIRST_MOMENT_OF_THE_NEW_TARGET).expect(200);
      expect(res.body).toMatchObject({
        fund: TEST_POOLED_FUND.code,
        sources: { contributions: '0.00', total: '0.00' },
        balance: '0.00',
        capitalization: { target: '50000000.00', deposited: '0.00', progress: '0.0000' },
        contributionsByDonor: [],
      });
      const pipeline = await request(reporting())
        .get('/reports/pipeline')
        .query({ fund: TEST_POOLED_FUND.code })
        .set(bearer('fund-admin'))
        .expect(200);
      expect(pipeline.body).toEqual([]);
    });
  });
});
