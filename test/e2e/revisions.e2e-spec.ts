import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Money } from '@fundline/money';
import { bearer, eventually } from '@fundline/testing';
import request from 'supertest';
import { aCategorisedProjectProposal } from '../support/concept-note-builder';
import { submitConcept } from '../support/concept-submissions';
import { Approval, DecisionSteps } from '../support/decision-steps';
import { fundlineForThisFile } from '../support/fundline-system';
import { aDonor, allocationStep, deposit, usd } from '../support/money-requests';
import { uploadReport } from '../support/reports';

/**
 * Issue 14, revisions as requests, on the real stack: a budget move within the threshold recorded at once, a bigger
 * one approved by the approving authority, increases held to the ceiling (F4) and the available balance (G5) even when
 * decided at the same time, shares held to their transfers (M10), an extension moving the reports owed in funds and in
 * reporting (F12), and bad input refused with its rule, nothing changed.
 */
interface Line {
  organisation: string;
  category: string;
  amount: { amount: string; currency: string };
}

const minor = (m: { amount: string }) => Money.parse(m.amount, 'USD').amountMinor;
const dollars = (amountMinor: bigint) => usd(Money.ofMinor(amountMinor, 'USD').toDecimalString());

describe('revisions of allocations (issue 14)', () => {
  const f = fundlineForThisFile();
  const funds = () => f.system.http('funds');
  let steps: DecisionSteps;
  let mptf: string;
  let second: string;
  let line2: string;

  beforeAll(async () => {
    steps = new DecisionSteps(f.system, f.db);
    await deposit(funds(), await aDonor(funds()), { pocketCode: 'THEMATIC_4', amount: usd('1000000.00') });
    await steps.fundTheLines();
    mptf = await steps.approvedConceptNote('THEMATIC_4', '300000.00', { ILO: '150000.00', IOM: '150000.00' });
    second = await steps.approvedConceptNote('THEMATIC_4', '100000.00', { ILO: '50000.00', IOM: '50000.00' });
    const { id } = await submitConcept(f.system, 'PHL', aCategorisedProjectProposal(), 'project-proposals');
    line2 = await steps.approveOnLine(id, '150000.00', 2);
  }, 120_000);

  const allocation = async (id: string) =>
    (await request(funds()).get(`/allocations/${id}`).set(bearer('fund-admin')).expect(200)).body as {
      amount: { amount: string };
      endDate: string;
      budget: Line[];
      shares: Array<{ organisation: string; approved: { amount: string } }>;
    };

  const requestRevision = (id: string, body: object, role: 'fund-admin' | 'finance-officer' = 'fund-admin') =>
    request(funds())
      .post(`/allocations/${id}/revisions`)
      .set(bearer(role))
      .set('Idempotency-Key', randomUUID())
      .send(body);

  const decide = (id: string, revisionId: string, decision: 'approve' | 'refuse', role = 'steering-committee') =>
    request(funds())
      .post(`/allocations/${id}/revisions/${revisionId}/decision`)
      .set(bearer(role as 'steering-committee'))
      .set('Idempotency-Key', randomUUID())
      .send({ decision, reason: `${decision}d by the approving authority` });

  async function available(fundCode: string, pocketCode: string): Promise<bigint> {
    const res = await request(funds()).get(`/funds/${fundCode}/balances`).set(bearer('finance-officer')).expect(200);
    const pocket = (res.body as Array<{ pocketCode: string; available: string }>).find(
      (p) => p.pocketCode === pocketCode,
    )!;
    return Money.parse(pocket.available, 'USD').amountMinor;
  }

  /** The budget with `by` (minor units) added to one line: the total and the organisation's share change too. */
  function withChange(lines: Line[], changes: Array<[organisation: string, category: string, byMinor: bigint]>) {
    const next = lines.map((l) => ({ ...l }));
    for (const [organisation, category, by] of changes) {
      const line = next.find((l) => l.organisation === organisation && l.category === category);
      if (line) line.amount = dollars(minor(line.amount) + by);
      else next.push({ organisation, category, amount: dollars(by) });
    }
    const total = next.reduce((sum, l) => sum + minor(l.amount), 0n);
    return { amount: dollars(total), lines: next };
  }

  const largest = (lines: Line[], organisation: string) =>
    lines.filter((l) => l.organisation === organisation).sort((a, b) => Number(minor(b.amount) - minor(a.amount)));

  it('keeps the submitted budget by category, scaled to the approved shares (the cents to the largest line)', async () => {
    const a = await allocation(mptf);
    expect(a.amount.amount).toBe('300000.00');
    for (const organisation of ['ILO', 'IOM']) {
      const lines = a.budget.filter((l) => l.organisation === organisation);
      expect(lines.map((l) => l.category).sort()).toEqual(
        organisation === 'ILO'
          ? ['contractual-services', 'indirect-support-costs', 'staff-and-other-personnel', 'travel']
          : ['general-operating-costs', 'indirect-support-costs', 'staff-and-other-personnel', 'transfers-and-grants'],
      );
      expect(lines.reduce((s, l) => s + minor(l.amount), 0n)).toBe(150_000_00n);
    }
    const iom = await allocation(line2);
    expect(iom.budget.map((l) => [l.category, l.amount.amount])).toEqual([
      ['staff', '22500.00'],
      ['office', '11250.00'],
      ['operational', '116250.00'],
    ]);
  });

  it('RV1 records at once a move between categories of at most 20% of each line, with no decision', async () => {
    const before = await allocation(mptf);
    const [big, , small] = largest(before.budget, 'ILO');
    const move = (minor(small.amount) * 20n) / 100n;
    const revised = await requestRevision(mptf, {
      kind: 'budget-revision',
      justification: 'Workshops moved online',
      budget: withChange(before.budget, [
        ['ILO', big.category, -move],
        ['ILO', small.category, move],
      ]),
    }).expect(201);
    expect(revised.body).toMatchObject({ status: 'recorded', needsApprovalBecause: [], decision: null });
    const after = await allocation(mptf);
    expect(after.amount).toEqual(before.amount);
    expect(after.budget.find((l) => l.organisation === 'ILO' && l.category === small.category)!.amount).toEqual(
      dollars(minor(small.amount) + move),
    );
    await decide(mptf, revised.body.id, 'approve').expect(409);
  });

  it('RV1 a move of more than 20% waits for the approving authority, which approves it; RV5 decided once', async () => {
    const before = await allocation(mptf);
    const [, , small] = largest(before.budget, 'IOM');
    const move = (minor(small.amount) * 20n) / 100n + 1n;
    const pending = await requestRevision(
      mptf,
      {
        kind: 'budget-revision',
        justification: 'Grants to counterparts replace direct operations',
        budget: withChange(before.budget, [
          ['IOM', small.category, -move],
          ['IOM', 'transfers-and-grants', move],
        ]),
      },
      'finance-officer',
    ).expect(201);
    expect(pending.body.status).toBe('pending');
    expect(pending.body.needsApprovalBecause.join()).toMatch(/more than 20%/);
    expect(await allocation(mptf)).toEqual(before);
    await decide(mptf, pending.body.id, 'approve', 'fund-admin').expect(403);
    const approved = await decide(mptf, pending.body.id, 'approve').expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', decision: { decision: 'approved' } });
    const after = await allocation(mptf);
    expect(after.budget.find((l) => l.organisation === 'IOM' && l.category === small.category)!.amount).toEqual(
      dollars(minor(small.amount) - move),
    );
    const twice = await decide(mptf, pending.body.id, 'refuse').expect(409);
    expect(twice.body).toMatchObject({ code: 'REVISION.NOT_PENDING', errors: [{ rule: 'RV5' }] });
  });

  it('G5 refuses an increase above the window’s available balance, then commits one at it and releases a decrease', async () => {
    const before = await allocation(mptf);
    const free = await available('MIGRATION_MPTF', 'THEMATIC_4');
    const increase = (by: bigint) =>
      requestRevision(mptf, {
        kind: 'budget-revision',
        justification: 'A second phase of the programme',
        budget: withChange(before.budget, [['ILO', 'travel', by]]),
      }).expect(201);
    const above = await increase(free + 1n);
    expect(above.body.needsApprovalBecause[0]).toMatch(/the total changes/);
    const refused = await decide(mptf, above.body.id, 'approve').expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ rule: 'G5' })]);
    expect(await allocation(mptf)).toEqual(before);
    expect(await available('MIGRATION_MPTF', 'THEMATIC_4')).toBe(free);
    await decide(mptf, above.body.id, 'refuse').expect(200);

    const at = await increase(free);
    await decide(mptf, at.body.id, 'approve').expect(200);
    expect(await available('MIGRATION_MPTF', 'THEMATIC_4')).toBe(0n);
    expect(minor((await allocation(mptf)).amount)).toBe(minor(before.amount) + free);

    const back = await requestRevision(mptf, {
      kind: 'budget-revision',
      justification: 'The second phase is postponed',
      budget: { amount: before.amount, lines: before.budget },
    }).expect(201);
    await decide(mptf, back.body.id, 'approve').expect(200);
    expect(await available('MIGRATION_MPTF', 'THEMATIC_4')).toBe(free);
    expect(await allocation(mptf)).toEqual(before);
  });

  it('G5 two increases of two allocations decided at once: one is approved, the other refused, never over-committed', async () => {
    const free = await available('MIGRATION_MPTF', 'THEMATIC_4');
    const pending = await Promise.all(
      [mptf, second].map(async (id) => {
        const before = await allocation(id);
        const res = await requestRevision(id, {
          kind: 'budget-revision',
          justification: 'Scaled up',
          budget: withChange(before.budget, [['IOM', 'staff-and-other-personnel', free]]),
        }).expect(201);
        return [id, res.body.id as string] as const;
      }),
    );
    const answers = await Promise.all(pending.map(([id, revisionId]) => decide(id, revisionId, 'approve')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
    expect(await available('MIGRATION_MPTF', 'THEMATIC_4')).toBe(0n);
    const [approvedIn] = pending.filter((_, i) => answers[i].status === 200);
    const amounts = await Promise.all([mptf, second].map(async (id) => minor((await allocation(id)).amount)));
    expect(amounts).toEqual(
      approvedIn[0] === mptf ? [300_000_00n + free, 100_000_00n] : [300_000_00n, 100_000_00n + free],
    );
  });

  it('RV5 the same revision approved twice at once is approved once', async () => {
    const before = await allocation(second);
    const res = await requestRevision(second, {
      kind: 'no-cost-extension',
      newEndDate: '2029-06-30',
      justification: 'Elections postponed',
    }).expect(201);
    const answers = await Promise.all([1, 2, 3].map(() => decide(second, res.body.id, 'approve')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect((await allocation(second)).endDate).toBe('2029-06-30');
    expect(before.endDate).not.toBe('2029-06-30');
  });

  const revisionCount = async (id: string) =>
    (await f.db.query(`SELECT count(*)::int AS n FROM funds.allocation_revisions WHERE allocation_id = $1`, [id]))
      .rows[0].n as number;
  /** The cap of `baseMinor` in basis points, half up to the cent, as a problem's `limit`. */
  const capOf = (baseMinor: bigint, basisPoints: bigint) =>
    Money.ofMinor((baseMinor * basisPoints + 5_000n) / 10_000n, 'USD').toDecimalString();

  it('M4 refuses a revision moving ILO money into indirect support costs above 7% of its direct costs; nothing stored', async () => {
    const before = await allocation(mptf);
    const revisions = await revisionCount(mptf);
    const [big] = largest(before.budget, 'ILO');
    const budget = withChange(before.budget, [
      ['ILO', big.category, -1_000_00n],
      ['ILO', 'indirect-support-costs', 1_000_00n],
    ]);
    const direct = budget.lines
      .filter((l) => l.organisation === 'ILO' && l.category !== 'indirect-support-costs')
      .reduce((sum, l) => sum + minor(l.amount), 0n);
    const refused = await requestRevision(mptf, {
      kind: 'budget-revision',
      justification: 'More programme support',
      budget,
    }).expect(422);
    const line = budget.lines.findIndex((l) => l.organisation === 'ILO' && l.category === 'indirect-support-costs');
    expect(refused.body).toMatchObject({
      code: 'REVISION.BUDGET',
      errors: [
        {
          rule: 'M4',
          field: `budget.lines.${line}`,
          limit: capOf(direct, 700n),
          message: expect.stringMatching(/^ILO: indirect-support-costs \d+\.\d{2} above 7% of direct costs/),
        },
      ],
    });
    expect(await allocation(mptf)).toEqual(before);
    expect(await revisionCount(mptf)).toBe(revisions);
  });

  it('F7 refuses a Fund 1035 revision moving operational costs into staff above 30% of the total; nothing stored', async () => {
    const before = await allocation(line2);
    const revisions = await revisionCount(line2);
    const staffAndOffice = before.budget
      .filter((l) => l.category === 'staff' || l.category === 'office')
      .reduce((sum, l) => sum + minor(l.amount), 0n);
    const limit = capOf(minor(before.amount), 3_000n);
    const move = Money.parse(limit, 'USD').amountMinor - staffAndOffice + 1n;
    const budget = withChange(before.budget, [
      ['IOM', 'operational', -move],
      ['IOM', 'staff', move],
    ]);
    const refused = await requestRevision(line2, {
      kind: 'budget-revision',
      justification: 'A second project officer',
      budget,
    }).expect(422);
    expect(refused.body).toMatchObject({
      code: 'REVISION.BUDGET',
      errors: [{ rule: 'F7', field: `budget.lines.${budget.lines.findIndex((l) => l.category === 'staff')}`, limit }],
    });
    expect(refused.body.errors[0].message).toContain(`above 30% of the total ${before.amount.amount}`);
    expect(await allocation(line2)).toEqual(before);
    expect(await revisionCount(line2)).toBe(revisions);
  });

  it('F4.1 refuses an increase of a Line 2 national project above USD 200,000.00, approves one to it', async () => {
    const before = await allocation(line2);
    const to = async (total: bigint, status: number) => {
      const res = await requestRevision(line2, {
        kind: 'budget-revision',
        justification: 'More activities',
        budget: withChange(before.budget, [['IOM', 'operational', total - minor(before.amount)]]),
      }).expect(201);
      return decide(line2, res.body.id, 'approve').expect(status);
    };
    const refused = await to(200_000_01n, 422);
    expect(refused.body).toMatchObject({
      code: 'REVISION.NOT_APPROVABLE',
      errors: [{ rule: 'F4.1', limit: '200000.00' }],
    });
    expect(await allocation(line2)).toEqual(before);
    await to(200_000_00n, 200);
    expect((await allocation(line2)).amount.amount).toBe('200000.00');
  });

  it('M10 refuses a budget that takes a share below what was transferred; nothing changes', async () => {
    await allocationStep(funds(), second, 'transfers', {
      organisation: 'ILO',
      amount: usd('40000.00'),
      transferDate: '2026-12-15',
    });
    const before = await allocation(second);
    const ilo = before.shares.find((s) => s.organisation === 'ILO')!;
    const cut = minor(ilo.approved) - 40_000_00n + 1n;
    const [line] = largest(before.budget, 'ILO');
    // ILO's indirect support costs go first, so that its budget stays within M4 and M10 alone refuses.
    const indirect = minor(
      before.budget.find((l) => l.organisation === 'ILO' && l.category === 'indirect-support-costs')!.amount,
    );
    const refused = await requestRevision(second, {
      kind: 'budget-revision',
      justification: 'ILO hands over to IOM',
      budget: withChange(before.budget, [
        ['ILO', 'indirect-support-costs', -indirect],
        ['ILO', line.category, indirect - cut],
        ['IOM', 'staff-and-other-personnel', cut],
      ]),
    }).expect(422);
    expect(refused.body).toMatchObject({ code: 'REVISION.BUDGET', errors: [{ rule: 'M10', limit: '40000.00' }] });
    expect(await allocation(second)).toEqual(before);
  });

  it('F12 RV4 an approved extension moves the reports owed, in funds and in reporting; fulfilled ones stay', async () => {
    const { id } = await submitConcept(f.system, 'PHL', aCategorisedProjectProposal(), 'project-proposals');
    const short = await steps.approveEntry('FUND_1035', id, {
      amount: usd('100000.00'),
      creditLine: 2,
      startDate: '2026-12-01',
      endDate: '2027-10-31',
    } as Approval);
    const obligations = async () =>
      (await request(funds()).get(`/allocations/${short}/obligations`).set(bearer('fund-admin')).expect(200))
        .body as Array<{ id: string; kind: string; dueOn: string }>;
    const before = await obligations();
    expect(before.map((o) => o.kind)).not.toContain('interim-narrative-report');
    // A report delivered early fulfils its obligation: it stays as it was.
    const early = before.find((o) => o.kind === 'final-narrative-report')!;
    await uploadReport(funds(), short, early.id).expect(201);
    const res = await requestRevision(short, {
      kind: 'no-cost-extension',
      newEndDate: '2028-05-31',
      justification: 'Recruitment delays',
    }).expect(201);
    expect(res.body.status).toBe('pending');
    const pending = await obligations();
    await decide(short, res.body.id, 'approve').expect(200);
    const after = await obligations();
    const due = (list: Array<{ kind: string; dueOn: string }>) =>
      Object.fromEntries(list.map((o) => [o.kind, o.dueOn]).sort(([a], [b]) => a.localeCompare(b)));
    expect(due(pending)).toEqual(due(before));
    expect(due(after)).toEqual({
      'ex-post-evaluation': '2029-05-31',
      'final-financial-report': '2028-08-31',
      'final-narrative-report': '2028-01-31',
      'interim-narrative-report': '2027-12-01',
      'monitoring-framework': '2027-01-01',
    });
    // The same obligations moved (same ids), one added.
    expect(after.filter((o) => before.some((b) => b.id === o.id))).toHaveLength(before.length);
    expect(after).toHaveLength(before.length + 1);
    await eventually(
      async () => {
        const view = await request(f.system.http('reporting'))
          .get('/reports/obligations')
          .set(bearer('fund-admin'))
          .expect(200);
        const mine = (view.body.items as Array<{ allocationId: string; kind: string; dueOn: string }>).filter(
          (o) => o.allocationId === short,
        );
        return isDeepStrictEqual(due(mine), due(after)) ? true : undefined;
      },
      20_000,
      'the moved obligations in reporting',
    );
  });

  it('lets the owning government read its revisions, and answers another as if the allocation did not exist', async () => {
    const own = await request(funds())
      .get(`/allocations/${mptf}/revisions`)
      .set(bearer('government', 'PHL'))
      .expect(200);
    expect(own.body.length).toBeGreaterThan(0);
    expect(own.body[0]).toMatchObject({ allocationId: mptf, justification: expect.any(String) });
    await request(funds()).get(`/allocations/${mptf}/revisions`).set(bearer('government', 'SEN')).expect(404);
    await requestRevision(mptf, { kind: 'scope-change', scope: 'x', justification: 'y' })
      .set(bearer('government', 'PHL'))
      .expect(403);
  });

  describe('bad input is refused with its rule, and nothing changes', () => {
    const fingerprint = async (id: string) => ({
      allocation: await allocation(id),
      revisions: (
        await f.db.query(`SELECT count(*)::int AS n FROM funds.allocation_revisions WHERE allocation_id = $1`, [id])
      ).rows[0].n,
    });

    it.each([
      ['a missing justification', { kind: 'scope-change', scope: 'More' }, 400, 'justification'],
      ['a null justification', { kind: 'scope-change', scope: 'More', justification: null }, 400, 'justification'],
      ['a blank justification', { kind: 'scope-change', scope: 'More', justification: '  ' }, 400, 'justification'],
      ['an unknown kind', { kind: 'top-up', justification: 'More' }, 400, 'kind'],
      ['RV3 an extension without its end date', { kind: 'no-cost-extension', justification: 'x' }, 422, 'newEndDate'],
      [
        'RV3 an extension with a budget',
        {
          kind: 'no-cost-extension',
          newEndDate: '2030-01-01',
          justification: 'x',
          budget: { amount: usd('1.00'), lines: [{ organisation: 'ILO', category: 'travel', amount: usd('1.00') }] },
        },
        422,
        'budget',
      ],
      [
        'RV4 an end date not after the current one',
        { kind: 'no-cost-extension', newEndDate: '2027-01-01', justification: 'x' },
        422,
        'newEndDate',
      ],
    ])('%s', async (_title, body, status, field) => {
      const before = await fingerprint(mptf);
      const res = await requestRevision(mptf, body).expect(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.body.errors.every((e: { rule?: string }) => typeof e.rule === 'string')).toBe(true);
      expect(await fingerprint(mptf)).toEqual(before);
    });

    it.each([
      [
        'RV2 lines that do not add up to the total',
        (b: ReturnType<typeof withChange>) => ({ ...b, amount: dollars(minor(b.amount) + 1n) }),
        422,
        'RV2',
      ],
      [
        'a negative line',
        (b: ReturnType<typeof withChange>) => ({
          ...b,
          lines: [...b.lines, { organisation: 'ILO', category: 'equipment-vehicles-furniture', amount: usd('-1.00') }],
        }),
        400,
        'isNonNegativeDecimalAmount',
      ],
      [
        'a fraction of a cent',
        (b: ReturnType<typeof withChange>) => ({
          ...b,
          lines: [...b.lines, { organisation: 'ILO', category: 'equipment-vehicles-furniture', amount: usd('0.005') }],
        }),
        400,
        'isNonNegativeDecimalAmount',
      ],
      [
        'RV2 an unknown category',
        (b: ReturnType<typeof withChange>) => ({
          ...b,
          lines: [...b.lines, { organisation: 'ILO', category: 'catering', amount: usd('0.00') }],
        }),
        400,
        'RV2',
      ],
      [
        'RV2 an organisation that does not take part',
        (b: ReturnType<typeof withChange>) => ({
          ...b,
          lines: [...b.lines, { organisation: 'UNHCR', category: 'travel', amount: usd('0.00') }],
        }),
        400,
        'RV2',
      ],
      ['a null line', (b: ReturnType<typeof withChange>) => ({ ...b, lines: [...b.lines, null] }), 400, undefined],
    ])('%s', async (_title, change, status, rule) => {
      const before = await fingerprint(mptf);
      const budget = change(withChange(before.allocation.budget, []));
      const res = await requestRevision(mptf, { kind: 'budget-revision', justification: 'x', budget }).expect(status);
      if (rule) expect(res.body.errors.map((e: { rule: string }) => e.rule)).toContain(rule);
      expect(await fingerprint(mptf)).toEqual(before);
    });

    it('M12 refuses a revision of a closed allocation', async () => {
      await allocationStep(funds(), line2, 'close', { finalReportsReceivedOn: '2027-01-10' });
      const before = await fingerprint(line2);
      const refused = await requestRevision(line2, { kind: 'scope-change', scope: 'More', justification: 'x' }).expect(
        409,
      );
      expect(refused.body).toMatchObject({ code: 'ALLOCATION.CLOSED', errors: [{ rule: 'M12' }] });
      expect(await fingerprint(line2)).toEqual(before);
    });
  });
  it('M4 refuses to approve a pending revision once the cap in force on the decision day is lowered; nothing changes', async () => {
    const before = await allocation(mptf);
    const [, , small] = largest(before.budget, 'ILO');
    const [big] = largest(before.budget, 'ILO');
    // A move between direct costs of more than 20% of a line: within M4 when asked, it waits for a decision (RV1).
    const move = (minor(small.amount) * 30n) / 100n;
    const pending = await requestRevision(mptf, {
      kind: 'budget-revision',
      justification: 'Travel replaces contracted trainers',
      budget: withChange(before.budget, [
        ['ILO', big.category, -move],
        ['ILO', small.category, move],
      ]),
    }).expect(201);
    expect(pending.body.status).toBe('pending');

    const tomorrow = '2026-11-23';
    await request(f.system.http('concepts'))
      .put('/reference-data/fund-parameter/mptf.indirect-support-cost.cap-basis-points')
      .set(bearer('fund-admin'))
      .send({ effectiveFrom: tomorrow, value: { value: 600 } })
      .expect(200);
    await eventually(
      async () => {
        const { rows } = await f.db.query(
          `SELECT 1 FROM funds.reference_replica
           WHERE dataset = 'fund-parameter' AND key = 'mptf.indirect-support-cost.cap-basis-points' AND effective_from = $1`,
          [tomorrow],
        );
        return rows.length ? true : undefined;
      },
      20_000,
      'the lowered M4 cap in the funds replica',
    );
    f.system.clock.set(`${tomorrow}T09:00:00Z`);
    const refused = await decide(mptf, pending.body.id, 'approve').expect(422);
    expect(refused.body.code).toBe('REVISION.BUDGET');
    expect(refused.body.errors.map((e: { rule: string }) => e.rule)).toContain('M4');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain(
      `budget.lines.${before.budget.findIndex((l) => l.organisation === 'ILO' && l.category === 'indirect-support-costs')}`,
    );
    expect(refused.body.errors[0].message).toMatch(/above 6% of direct costs/);
    expect(await allocation(mptf)).toEqual(before);
    const revisions = await request(funds())
      .get(`/allocations/${mptf}/revisions`)
      .set(bearer('fund-admin'))
      .expect(200);
    expect(revisions.body.find((r: { id: string }) => r.id === pending.body.id)).toMatchObject({ status: 'pending' });
  });
});
