import { bearer } from '@fundline/testing';
import request from 'supertest';
import { aConceptNote } from '../support/concept-note-builder';
import { submitConcept } from '../support/concept-submissions';
import { DecisionSteps } from '../support/decision-steps';
import { fundlineForThisFile } from '../support/fundline-system';
import { aDonor, allocationStep, deposit, usd } from '../support/money-requests';
import { untilReported } from '../support/read-model';
import { registeredForThisFile, SINGLE_WINDOW_FUND } from '../support/test-funds';

/**
 * The fund policy seam (docs/adr/0016-fund-policies.md): a third pooled fund, defined here and nowhere in production
 * code, goes from a government's concept note through screening, committee approval, transfer and the reports. A
 * single window: the concept-note form and the Migration MPTF's sharing among organisations, one pool, no thematic
 * windows.
 */
const THIRD_FUND = registeredForThisFile(SINGLE_WINDOW_FUND);
const POOL = THIRD_FUND.pockets[0].code;
const context = fundlineForThisFile();

describe('a third fund defined only in test code', () => {
  it('takes a concept note through screening, approval, transfer and the pipeline and fund-status reports', async () => {
    const { system } = context;
    const funds = system.http('funds');
    const steps = new DecisionSteps(system, context.db);
    const donorId = await aDonor(funds, 'Government of Norway');
    await deposit(funds, donorId, { fundCode: THIRD_FUND.code, pocketCode: POOL, amount: usd('2000000.00') });

    const { id, submitted } = await submitConcept(system, 'PHL', aConceptNote({ fund: THIRD_FUND.code }));
    expect(submitted).toMatchObject({ status: 'in-pipeline', fund: THIRD_FUND.code });
    const requested = submitted.requested as { amount: string };

    const allocationId = await steps.approveEntry(THIRD_FUND.code, id, {
      amount: usd('200000.00'),
      shares: [
        { organisation: 'IOM', amount: usd('150000.00') },
        { organisation: 'ILO', amount: usd('50000.00') },
      ],
    });
    const allocated = await request(funds).get(`/allocations/${allocationId}`).set(bearer('fund-admin')).expect(200);
    expect(allocated.body).toMatchObject({ fundCode: THIRD_FUND.code, pocketCode: POOL, status: 'approved' });
    await allocationStep(funds, allocationId, 'transfers', {
      organisation: 'ILO',
      amount: usd('50000.00'),
      transferDate: '2026-12-01',
    });

    const reporting = system.http('reporting');
    // After its first transfer the programme is under implementation: the fund's pipeline holds it, and only it.
    const pipeline = await untilReported(async () => {
      const res = await request(reporting)
        .get(`/reports/pipeline?by=status&fund=${THIRD_FUND.code}`)
        .set(bearer('fund-admin'));
      const groups = res.status === 200 ? (res.body as Array<{ status: string }>) : [];
      return groups.some((g) => g.status === 'under-implementation') ? groups : undefined;
    }, 'the third fund in the pipeline report');
    expect(pipeline).toEqual([
      expect.objectContaining({ status: 'under-implementation', entries: 1, requested: requested.amount }),
    ]);

    const status = await untilReported(async () => {
      const res = await request(reporting)
        .get(`/reports/fund-status/${THIRD_FUND.code}`)
        .set(bearer('finance-officer'));
      return res.status === 200 && res.body.uses?.transfers === '50000.00' ? res.body : undefined;
    }, 'the third fund’s status');
    // The fee is the policy's (1%, as the Migration MPTF's it was built from).
    expect(status).toMatchObject({
      fund: THIRD_FUND.code,
      sources: { contributions: '2000000.00' },
      uses: { transfers: '50000.00', administrativeAgentFee: '20000.00' },
    });

    // The two production funds' reports do not see it.
    const mptf = await request(reporting).get('/reports/fund-status/MIGRATION_MPTF').set(bearer('finance-officer'));
    expect(mptf.status).toBe(200);
    expect(mptf.body.uses.transfers).toBe('0.00');
  });
});
