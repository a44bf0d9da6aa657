import { addMonths, dayOf } from '@fundline/domain';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUND_PARAMETERS_SEED } from '@fundline/contracts';
import { Money, shareOf } from '@fundline/money';
import { bearer, connect, eventually } from '@fundline/testing';
import { Client } from 'pg';
import request from 'supertest';
import { aConceptNote, aProjectProposal } from '../support/concept-note-builder';
import { FundlineSystem } from '../support/fundline-system';
import { aroundTheLimit, inTitle } from '../support/limits';
import { aDeposit, aDonor, financePost } from '../support/money-requests';
import { attachLetters } from '../support/endorsements';

/**
 * Every rule with a limit, at every stage a submission and its money go through, generated from the fund parameters
 * both services seed: at the limit, one cent (unit, day) under it and one cent over it. The table says for each rule
 * and stage whether the rule applies there and, when not, why; a test checks that no (rule, stage) pair is missing,
 * so that a rule checked at one stage and forgotten at another cannot hide. docs/rules-at-every-stage.md lists it.
 */
const P = FUND_PARAMETERS_SEED;
const RULES = ['F4.1', 'F4.2', 'F4.3', 'F4.4', 'M4', 'F7', 'M5', 'F3', 'M7', 'M10', 'M11', 'M8', 'G5'] as const;
const STAGES = [
  'submission',
  'approval',
  'revision of a concept',
  'revision of an allocation',
  'implementation',
] as const;
type Rule = (typeof RULES)[number];
type Stage = (typeof STAGES)[number];
interface Case {
  title: string;
  run: () => Promise<void>;
}
type Entry = { rule: Rule; stage: Stage } & (
  { applies: true; enforcedIn: string; cases: Case[] } | { applies: false; reason: string }
);

type Path = 'concept-notes' | 'project-proposals';
interface Submission {
  path: Path;
  country: string;
  body: Record<string, unknown>;
}
interface VerdictLine {
  rule: string;
  passed: boolean;
}
interface View {
  id: string;
  status: string;
  version: number;
  eligible: boolean;
  submittedAt: string;
  expiresAt: string | null;
  verdict: { lines: VerdictLine[] };
}

const usd = (amount: string) => ({ amount, currency: 'USD' });
const money = (amount: string) => Money.parse(amount, 'USD');
const REGION = ['PHL', 'IDN', 'VNM'];
const DAY_MS = 24 * 3600 * 1000;

/** A Fund 1035 proposal of one line and scope; staff and office costs at 20% of the request unless given. */
function proposal(
  line: 1 | 2,
  scope: 'national' | 'regional',
  requested: string,
  options: { country?: string; staff?: string } = {},
): Submission {
  const country = options.country ?? 'PHL';
  const countries = scope === 'regional' ? REGION : [country];
  return {
    path: 'project-proposals',
    country,
    body: aProjectProposal({
      creditLine: line,
      scope,
      countries,
      endorsements: countries.slice(0, 2).map((c) => ({ country: c, letterReference: `L-${c}` })),
      requested: usd(requested),
      budget: {
        staffAndOfficeCosts: usd(options.staff ?? shareOf(money(requested), 2_000).toDecimalString()),
        includesOtherDonorFunding: false,
        includesProposalDevelopmentCosts: false,
      },
    }),
  };
}

const note = (overrides: Record<string, unknown> = {}): Submission => ({
  path: 'concept-notes',
  country: 'PHL',
  body: aConceptNote(overrides),
});

/** A concept note whose ILO indirect support costs are `indirect` on direct costs of 700,000.00 (M4). */
function noteWithIndirectCosts(indirect: string): Submission {
  const direct = money('700000.00');
  const iom = shareOf(direct, P['mptf.indirect-support-cost.cap-basis-points']);
  return note({
    budget: [
      { organisation: 'ILO', directCosts: direct.toJSON(), indirectSupportCosts: usd(indirect) },
      { organisation: 'IOM', directCosts: direct.toJSON(), indirectSupportCosts: iom.toJSON() },
    ],
    requested: direct.plus(direct).plus(iom).plus(money(indirect)).toJSON(),
  });
}

/** The first version of a submission made ineligible by a rule other than the ones under test (F8, M6). */
function ineligibleFirstVersion(s: Submission): Submission {
  if (s.path === 'project-proposals') return { ...s, body: { ...s.body, focusArea: 'emergency-operations' } };
  const partners = s.body.partners as { government: unknown[]; society: unknown[] };
  return { ...s, body: { ...s.body, partners: { ...partners, government: partners.government.slice(0, 1) } } };
}

const ceilingKey = (line: 1 | 2, scope: 'national' | 'regional') => `f1035.line${line}.${scope}.ceiling-minor`;
const minimumKey = (scope: 'national' | 'regional') => `f1035.${scope}.minimum-minor`;

/** Pipeline entries the approval cases decide on, built in bulk before the first test. */
const FIXTURES = {
  f41a: proposal(2, 'national', aroundTheLimit(P[ceilingKey(2, 'national')]).at),
  f41b: proposal(2, 'national', aroundTheLimit(P[ceilingKey(2, 'national')]).at),
  f42a: proposal(2, 'regional', aroundTheLimit(P[ceilingKey(2, 'regional')]).at),
  f42b: proposal(2, 'regional', aroundTheLimit(P[ceilingKey(2, 'regional')]).at),
  // Line 2 requests approved on Line 1: F4.3 alone decides, the request (M8) is above the Line 1 ceiling.
  f43na: proposal(2, 'national', aroundTheLimit(P[ceilingKey(2, 'national')]).at),
  f43nb: proposal(2, 'national', aroundTheLimit(P[ceilingKey(2, 'national')]).at),
  f43ra: proposal(2, 'regional', aroundTheLimit(P[ceilingKey(2, 'regional')]).at),
  f43rb: proposal(2, 'regional', aroundTheLimit(P[ceilingKey(2, 'regional')]).at),
  f44na: proposal(2, 'national', '200000.00'),
  f44nb: proposal(2, 'national', '200000.00'),
  f44ra: proposal(2, 'regional', '300000.00'),
  f44rb: proposal(2, 'regional', '300000.00'),
  m8a: proposal(2, 'national', '150000.00'),
  m8b: proposal(2, 'national', '150000.00'),
  // F3 at approval: Article 4 status recorded after they entered the pipeline, in force from today, tomorrow, yesterday.
  f3today: proposal(2, 'national', '100000.00', { country: 'MLI' }),
  f3tomorrow: proposal(2, 'national', '100000.00', { country: 'TGO' }),
  f3yesterday: proposal(2, 'national', '100000.00', { country: 'SLE' }),
  m7a: proposal(2, 'national', '100000.00'),
  m7b: proposal(2, 'national', '100000.00'),
  g5a: note({ thematicArea: 5, gcmObjectives: [4, 14] }),
  g5b: note({ thematicArea: 5, gcmObjectives: [4, 14] }),
  g5c: note({ thematicArea: 5, gcmObjectives: [4, 14] }),
  m10: note(),
  implementation: note(),
  // Allocations revised at the revision stage (issue 14), approved below their ceilings.
  r41: proposal(2, 'national', '200000.00'),
  r42: proposal(2, 'regional', '300000.00'),
  r43: proposal(1, 'national', '100000.00'),
  r3: proposal(2, 'national', '100000.00', { country: 'SEN' }),
  rm: note(),
  rm4: note(),
  rf7: proposal(2, 'national', '200000.00'),
};
type Fixture = keyof typeof FIXTURES;
const fundOf = (f: Fixture) => (FIXTURES[f].path === 'project-proposals' ? 'FUND_1035' : 'MIGRATION_MPTF');

/** Article 4 for the screening cases, recorded before any of them is submitted (days from today). */
const SCREENING_ARTICLE4 = { today: 'MWI', tomorrow: 'MOZ', yesterday: 'NER' } as const;
const ARTICLE4_OFFSETS = { yesterday: -1, today: 0, tomorrow: 1 } as const;

const REVISION_PROOF = 'F3 F4 at revision of an allocation: a revision cannot change the line or the pocket';
const REVISION =
  'funds: DecideRevision (decide-revision.ts): Allocation.applyBudget holds an increase to the fund policy and posts it to the ledger';
const REVISED_BUDGET =
  'funds: RequestRevision and again DecideRevision (allocation-budget.ts budgetViolations, libs/domain budget-limits.ts), with the categories and the cap in force that day';

describe('every rule with a limit at every stage: submission, approval, revision, implementation', () => {
  let system: FundlineSystem;
  let db: Client;
  const concepts = () => system.http('concepts');
  const funds = () => system.http('funds');
  const ids = {} as Record<Fixture, string>;
  const sessions = {} as Record<'FUND_1035' | 'MIGRATION_MPTF', string>;
  let implementation: { allocationId: string };
  const allocations = {} as Record<Fixture, string>;
  let today: Date;

  async function submit(s: Submission): Promise<View> {
    const gov = bearer('government', s.country);
    const draft = await request(concepts()).post(`/${s.path}`).set(gov).send(s.body).expect(201);
    await attachLetters(concepts(), gov, draft.body.id);
    const res = await request(concepts()).post(`/concepts/${draft.body.id}/submit`).set(gov).expect(200);
    return res.body as View;
  }

  /**
   * Screens submissions at a stage. At a revision of a concept (POST /concepts/{id}/revise) each first version is
   * ineligible for another rule; an hour later it becomes a draft, is edited to the submission and submitted again.
   */
  async function screen(stage: Stage, submissions: Submission[]): Promise<View[]> {
    if (stage === 'submission') return Promise.all(submissions.map(submit));
    const firsts = await Promise.all(submissions.map((s) => submit(ineligibleFirstVersion(s))));
    expect(firsts.map((f) => f.eligible)).toEqual(submissions.map(() => false));
    system.clock.set(new Date(today.getTime() + 3600_000));
    try {
      return await Promise.all(
        submissions.map(async (s, i) => {
          const gov = bearer('government', s.country);
          await request(concepts()).post(`/concepts/${firsts[i].id}/revise`).set(gov).expect(200);
          await request(concepts()).put(`/${s.path}/${firsts[i].id}`).set(gov).send(s.body).expect(200);
          const res = await request(concepts()).post(`/concepts/${firsts[i].id}/submit`).set(gov).expect(200);
          expect(res.body.version).toBe(2);
          return res.body as View;
        }),
      );
    } finally {
      system.clock.set(today);
    }
  }

  function recordArticle4(country: string, effectiveFrom: string) {
    return request(concepts())
      .put(`/reference-data/article4/${country}`)
      .set(bearer('fund-admin'))
      .send({
        effectiveFrom,
        value: { subject: true, since: effectiveFrom, arrearsMinor: '50000000', dueTwoYearsMinor: '40000000' },
      })
      .expect(200);
  }

  function decide(fixture: Fixture, amount: string, extra: Record<string, unknown> = {}) {
    return request(funds())
      .post(`/committee-sessions/${sessions[fundOf(fixture)]}/decisions`)
      .set(bearer('steering-committee'))
      .set('Idempotency-Key', randomUUID())
      .send({ conceptId: ids[fixture], decision: 'approve', amount: usd(amount), reasons: 'limits table', ...extra });
  }

  /** An approval and what it must give: accepted (201), or refused (422) naming `rule` with its limit. */
  async function approval(
    fixture: Fixture,
    amount: string,
    expected: 'accepted' | { refused: string; limit?: string },
    extra: Record<string, unknown> = {},
  ) {
    const res = await decide(fixture, amount, extra);
    const seen = { fixture, amount, status: res.status, errors: res.status === 201 ? [] : res.body.errors };
    if (expected === 'accepted') {
      expect(seen).toEqual({ fixture, amount, status: 201, errors: [] });
    } else {
      expect(seen).toEqual({
        fixture,
        amount,
        status: 422,
        errors: expect.arrayContaining([
          expect.objectContaining({ rule: expected.refused, ...(expected.limit ? { limit: expected.limit } : {}) }),
        ]),
      });
    }
  }

  /** A screened rule gives a passing or a failing verdict line, and no other rule fails. */
  function expectVerdict(label: string, view: View, rule: string, passes: boolean) {
    const failing = view.verdict.lines.filter((l) => !l.passed).map((l) => l.rule);
    expect({ label, screened: view.verdict.lines.some((l) => l.rule === rule), failing }).toEqual({
      label,
      screened: true,
      failing: passes ? [] : [rule],
    });
    expect(view.status).toBe(passes ? 'in-pipeline' : 'screened-ineligible');
  }

  /** The three screening cases of an upper (ceiling) or lower (minimum) money limit, at both screening stages. */
  function screenedMoneyLimit(
    rule: Rule,
    enforcedIn: string,
    limits: Array<{
      what: string;
      limitMinor: number | bigint;
      bound: 'ceiling' | 'minimum';
      make: (a: string) => Submission;
    }>,
  ): Entry[] {
    return (['submission', 'revision of a concept'] as const).map((stage) => ({
      rule,
      stage,
      applies: true,
      enforcedIn,
      cases: limits.map(({ what, limitMinor, bound, make }) => {
        const { under, at, over } = aroundTheLimit(limitMinor);
        const [fails, passes] = bound === 'ceiling' ? [over, under] : [under, over];
        return {
          title: `${what}: ${inTitle(at)} and ${inTitle(passes)} pass, ${inTitle(fails)} fails`,
          run: async () => {
            const [atView, passView, failView] = await screen(stage, [at, passes, fails].map(make));
            expectVerdict(`at ${at}`, atView, rule, true);
            expectVerdict(`${passes}`, passView, rule, true);
            expectVerdict(`${fails}`, failView, rule, false);
          },
        };
      }),
    }));
  }

  /**
   * The approval cases of an amount limit: entry `a` is first refused beyond the limit, then approved at it; entry
   * `b` is approved on the other side of it.
   */
  function approvedMoneyLimit(
    what: string,
    refusedBy: string,
    limitMinor: number | bigint,
    bound: 'ceiling' | 'minimum',
    [a, b]: [Fixture, Fixture],
    extra: Record<string, unknown> = {},
  ): Case {
    const { under, at, over } = aroundTheLimit(limitMinor);
    const [refused, accepted] = bound === 'ceiling' ? [over, under] : [under, over];
    return {
      title: `${what}: ${inTitle(at)} and ${inTitle(accepted)} accepted, ${inTitle(refused)} refused`,
      run: async () => {
        await approval(a, refused, { refused: refusedBy, limit: at }, extra);
        await approval(a, at, 'accepted', extra);
        await approval(b, accepted, 'accepted', extra);
      },
    };
  }

  const yes = (rule: Rule, stage: Stage, enforcedIn: string, ...cases: Case[]): Entry => ({
    rule,
    stage,
    applies: true,
    enforcedIn,
    cases,
  });
  const no = (rule: Rule, stage: Stage, reason: string): Entry => ({ rule, stage, applies: false, reason });
  /** A rule on the amount or shares: not at a revision of an allocation (proof below), not at implementation. */
  const fixedAfterApproval = (rule: Rule, atImplementation: string, atRevision: Entry): Entry[] => [
    atRevision,
    no(rule, 'implementation', atImplementation),
  ];

  /**
   * Requests a budget revision to `total` (the difference on the largest line, which counts as neither indirect support
   * nor staff and office costs) and approves it, as the case expects.
   */
  async function revision(
    fixture: Fixture,
    total: string,
    expected: 'approved' | { refused: string; limit?: string; atRequest?: boolean },
    lines?: (current: Array<{ organisation: string; category: string; amount: { amount: string } }>) => unknown[],
  ) {
    const current = (
      await request(funds()).get(`/allocations/${allocations[fixture]}`).set(bearer('fund-admin')).expect(200)
    ).body;
    const delta = money(total).amountMinor - money(current.amount.amount).amountMinor;
    type Line = { organisation: string; category: string; amount: { amount: string } };
    const largest = (current.budget as Line[]).reduce((a, b) =>
      money(b.amount.amount).amountMinor > money(a.amount.amount).amountMinor ? b : a,
    );
    const budget = lines
      ? lines(current.budget)
      : (current.budget as Line[]).map((l) =>
          l === largest
            ? { ...l, amount: usd(Money.ofMinor(money(l.amount.amount).amountMinor + delta, 'USD').toDecimalString()) }
            : l,
        );
    const requested = await request(funds())
      .post(`/allocations/${allocations[fixture]}/revisions`)
      .set(bearer('fund-admin'))
      .set('Idempotency-Key', randomUUID())
      .send({ kind: 'budget-revision', justification: 'limits table', budget: { amount: usd(total), lines: budget } });
    const res =
      requested.status === 201
        ? await request(funds())
            .post(`/allocations/${allocations[fixture]}/revisions/${requested.body.id}/decision`)
            .set(bearer('steering-committee'))
            .set('Idempotency-Key', randomUUID())
            .send({ decision: 'approve', reason: 'limits table' })
        : requested;
    const seen = { fixture, total, status: res.status, errors: res.status === 200 ? [] : res.body.errors };
    if (expected === 'approved') {
      expect(seen).toEqual({ fixture, total, status: 200, errors: [] });
    } else {
      expect(requested.status).toBe(expected.atRequest ? 422 : 201);
      expect(seen).toEqual({
        fixture,
        total,
        status: 422,
        errors: expect.arrayContaining([
          expect.objectContaining({ rule: expected.refused, ...(expected.limit ? { limit: expected.limit } : {}) }),
        ]),
      });
    }
  }

  /** The revision cases of a ceiling: an allocation approved below it is raised beyond it (refused), to it, and under. */
  function revisedCeiling(rule: Rule, what: string, fixture: Fixture, limitMinor: bigint, extra = {}): Entry {
    const { under, at, over } = aroundTheLimit(limitMinor);
    return yes(rule, 'revision of an allocation', REVISION, {
      title: `${what} raised by a revision: ${inTitle(at)} and ${inTitle(under)} approved, ${inTitle(over)} refused`,
      run: async () => {
        const approved = await decide(fixture, Money.ofMinor(limitMinor / 2n, 'USD').toDecimalString(), extra).expect(
          201,
        );
        allocations[fixture] = approved.body.allocation.allocationId;
        await revision(fixture, over, { refused: rule, limit: at });
        await revision(fixture, at, 'approved');
        await revision(fixture, under, 'approved');
      },
    });
  }
  const SCREENING = 'concepts: screenProjectProposal (project-proposal.screening.ts)';
  const SCREENING_NOTE = 'concepts: screenConceptNote (concept-note.screening.ts)';
  const APPROVAL = 'funds: Allocation.approve (allocation.aggregate.ts, the fund policy) in DecideOnEntry';
  const PAID_WITHIN_SHARES =
    'transfers pay out the approved shares (M10), which add up to the amount checked at approval';
  const NOTHING_APPROVED = 'nothing is approved at screening: the request is the limit M8 later holds an approval to';
  const NO_MONEY_YET = 'nothing is committed, transferred or spent before approval';
  const NO_BUDGET_IN_DECISION =
    'a decision states the amount and, for the Migration MPTF, each organisation’s share; it carries no budget lines, which are screened with the request';
  const ceiling = (line: 1 | 2, scope: 'national' | 'regional') => P[ceilingKey(line, scope)];

  const TABLE: Entry[] = [
    ...screenedMoneyLimit('F4.1', SCREENING, [
      {
        what: 'a Line 2 national request',
        limitMinor: ceiling(2, 'national'),
        bound: 'ceiling',
        make: (a) => proposal(2, 'national', a),
      },
    ]),
    yes(
      'F4.1',
      'approval',
      APPROVAL,
      approvedMoneyLimit('Line 2 national (beyond it M8 refuses too)', 'F4.1', ceiling(2, 'national'), 'ceiling', [
        'f41a',
        'f41b',
      ]),
    ),
    ...fixedAfterApproval(
      'F4.1',
      PAID_WITHIN_SHARES,
      revisedCeiling('F4.1', 'a Line 2 national project', 'r41', BigInt(ceiling(2, 'national')), { creditLine: 2 }),
    ),

    ...screenedMoneyLimit('F4.2', SCREENING, [
      {
        what: 'a Line 2 regional request',
        limitMinor: ceiling(2, 'regional'),
        bound: 'ceiling',
        make: (a) => proposal(2, 'regional', a),
      },
    ]),
    yes(
      'F4.2',
      'approval',
      APPROVAL,
      approvedMoneyLimit('Line 2 regional (beyond it M8 refuses too)', 'F4.2', ceiling(2, 'regional'), 'ceiling', [
        'f42a',
        'f42b',
      ]),
    ),
    ...fixedAfterApproval(
      'F4.2',
      PAID_WITHIN_SHARES,
      revisedCeiling('F4.2', 'a Line 2 regional project', 'r42', BigInt(ceiling(2, 'regional')), { creditLine: 2 }),
    ),

    ...screenedMoneyLimit(
      'F4.3',
      SCREENING,
      (['national', 'regional'] as const).map((scope) => ({
        what: `a Line 1 ${scope} request`,
        limitMinor: ceiling(1, scope),
        bound: 'ceiling' as const,
        make: (a: string) => proposal(1, scope, a),
      })),
    ),
    yes(
      'F4.3',
      'approval',
      APPROVAL,
      approvedMoneyLimit(
        'a Line 2 national request approved on Line 1',
        'F4.3',
        ceiling(1, 'national'),
        'ceiling',
        ['f43na', 'f43nb'],
        { creditLine: 1 },
      ),
      approvedMoneyLimit(
        'a Line 2 regional request approved on Line 1',
        'F4.3',
        ceiling(1, 'regional'),
        'ceiling',
        ['f43ra', 'f43rb'],
        { creditLine: 1 },
      ),
    ),
    ...fixedAfterApproval(
      'F4.3',
      PAID_WITHIN_SHARES,
      revisedCeiling('F4.3', 'a Line 1 national project', 'r43', BigInt(ceiling(1, 'national')), { creditLine: 1 }),
    ),

    ...screenedMoneyLimit(
      'F4.4',
      SCREENING,
      (['national', 'regional'] as const).map((scope) => ({
        what: `a Line 2 ${scope} request`,
        limitMinor: P[minimumKey(scope)],
        bound: 'minimum' as const,
        make: (a: string) => proposal(2, scope, a),
      })),
    ),
    yes(
      'F4.4',
      'approval',
      APPROVAL,
      approvedMoneyLimit('Line 2 national', 'F4.4', P[minimumKey('national')], 'minimum', ['f44na', 'f44nb']),
      approvedMoneyLimit('Line 2 regional', 'F4.4', P[minimumKey('regional')], 'minimum', ['f44ra', 'f44rb']),
    ),
    ...fixedAfterApproval(
      'F4.4',
      PAID_WITHIN_SHARES,
      no(
        'F4.4',
        'revision of an allocation',
        'a decrease decided by the approving authority is not held to the minimum (docs/domain-decisions.md, "Revisions (issue 14)"); an increase cannot go below it',
      ),
    ),

    ...screenedMoneyLimit('M4', SCREENING_NOTE, [
      {
        what: `ILO indirect support costs on direct costs of ${inTitle('700000.00')}`,
        limitMinor: shareOf(money('700000.00'), P['mptf.indirect-support-cost.cap-basis-points']).amountMinor,
        bound: 'ceiling',
        make: noteWithIndirectCosts,
      },
    ]),
    no('M4', 'approval', NO_BUDGET_IN_DECISION),
    yes('M4', 'revision of an allocation', REVISED_BUDGET, {
      title: `ILO indirect support costs on direct costs of ${inTitle('100000.00')}: ${inTitle('7000.00')} and ${inTitle('6999.99')} approved, ${inTitle('7000.01')} refused`,
      run: async () => {
        const approved = await decide('rm4', '200000.00', {
          pocketCode: 'THEMATIC_4',
          shares: [
            { organisation: 'ILO', amount: usd('100000.00') },
            { organisation: 'IOM', amount: usd('100000.00') },
          ],
        }).expect(201);
        allocations.rm4 = approved.body.allocation.allocationId;
        // ILO keeps 100,000.00 of direct costs and adds `indirect`; IOM takes the rest: the total stays 200,000.00.
        const indirect = (amount: string) => () => [
          { organisation: 'ILO', category: 'staff-and-other-personnel', amount: usd('100000.00') },
          { organisation: 'ILO', category: 'indirect-support-costs', amount: usd(amount) },
          {
            organisation: 'IOM',
            category: 'staff-and-other-personnel',
            amount: usd(money('100000.00').minus(money(amount)).toDecimalString()),
          },
        ];
        const limitMinor = shareOf(money('100000.00'), P['mptf.indirect-support-cost.cap-basis-points']).amountMinor;
        const { under, at, over } = aroundTheLimit(limitMinor);
        await revision('rm4', '200000.00', { refused: 'M4', limit: at, atRequest: true }, indirect(over));
        await revision('rm4', '200000.00', 'approved', indirect(under));
        await revision('rm4', '200000.00', 'approved', indirect(at));
      },
    }),
    no('M4', 'implementation', 'transfers and expenditure carry no split of direct and indirect costs'),

    ...screenedMoneyLimit('F7', SCREENING, [
      {
        what: `staff and office costs of a ${inTitle('200000.00')} request`,
        limitMinor: shareOf(money('200000.00'), P['f1035.staff-office.cap-basis-points']).amountMinor,
        bound: 'ceiling',
        make: (staff) => proposal(2, 'national', '200000.00', { staff }),
      },
    ]),
    no('F7', 'approval', NO_BUDGET_IN_DECISION),
    yes('F7', 'revision of an allocation', REVISED_BUDGET, {
      title: `staff and office costs of a ${inTitle('200000.00')} project revised: ${inTitle('60000.00')} and ${inTitle('59999.99')} approved, ${inTitle('60000.01')} refused`,
      run: async () => {
        const approved = await decide('rf7', '200000.00', { creditLine: 2 }).expect(201);
        allocations.rf7 = approved.body.allocation.allocationId;
        // Each revision puts the costs in a new line, so that each waits for a decision (RV1) and is approved.
        const costs = (category: 'staff' | 'office', amount: string) => () => [
          { organisation: 'IOM', category, amount: usd(amount) },
          {
            organisation: 'IOM',
            category: 'operational',
            amount: usd(money('200000.00').minus(money(amount)).toDecimalString()),
          },
        ];
        const limitMinor = shareOf(money('200000.00'), P['f1035.staff-office.cap-basis-points']).amountMinor;
        const { under, at, over } = aroundTheLimit(limitMinor);
        await revision('rf7', '200000.00', { refused: 'F7', limit: at, atRequest: true }, costs('staff', over));
        await revision('rf7', '200000.00', 'approved', costs('staff', under));
        await revision('rf7', '200000.00', 'approved', costs('office', at));
      },
    }),
    no('F7', 'implementation', 'transfers and expenditure carry no budget lines'),

    ...(['submission', 'revision of a concept'] as const).map((stage): Entry =>
      yes('M5', stage, SCREENING_NOTE, {
        title: `gender marker ${P['mptf.marker.minimum']} and ${P['mptf.marker.minimum'] + 1} pass, ${P['mptf.marker.minimum'] - 1} fails`,
        run: async () => {
          const min = P['mptf.marker.minimum'];
          const views = await screen(
            stage,
            [min, min + 1, min - 1].map((gender) => note({ markers: { gender, humanRights: 3 } })),
          );
          expectVerdict(`gender ${min}`, views[0], 'M5', true);
          expectVerdict(`gender ${min + 1}`, views[1], 'M5', true);
          expectVerdict(`gender ${min - 1}`, views[2], 'M5', false);
        },
      }),
    ),
    no('M5', 'approval', 'markers are fixed once submitted (only a draft is edited) and a decision carries none'),
    no('M5', 'revision of an allocation', 'a revision carries no markers'),
    no('M5', 'implementation', 'transfers and expenditure carry no markers'),

    ...(['submission', 'revision of a concept'] as const).map((stage): Entry =>
      yes('F3', stage, SCREENING, {
        title:
          'a Line 2 request of a state under Article 4 from the next day passes, from the day itself or the day before fails',
        run: async () => {
          const views = await screen(
            stage,
            (['tomorrow', 'today', 'yesterday'] as const).map((when) =>
              proposal(2, 'national', '100000.00', { country: SCREENING_ARTICLE4[when] }),
            ),
          );
          expectVerdict('in force tomorrow', views[0], 'F3', true);
          expectVerdict('in force today', views[1], 'F3', false);
          expectVerdict('in force since yesterday', views[2], 'F3', false);
        },
      }),
    ),
    yes('F3', 'approval', APPROVAL, {
      title:
        'Article 4 status recorded after the entry joined the pipeline: in force from the next day accepted, from the day itself or the day before refused',
      run: async () => {
        await approval('f3today', '100000.00', { refused: 'F3' });
        await approval('f3yesterday', '100000.00', { refused: 'F3' });
        await approval('f3tomorrow', '100000.00', 'accepted');
      },
    }),
    yes('F3', 'revision of an allocation', REVISION, {
      title:
        'a Line 2 project whose state came under Article 4 after approval: an increase refused, a decrease approved',
      run: async () => {
        const approved = await decide('r3', '80000.00', { creditLine: 2 }).expect(201);
        allocations.r3 = approved.body.allocation.allocationId;
        await recordArticle4('SEN', dayOf(today));
        await eventually(
          async () => {
            const { rows } = await db.query(
              `SELECT 1 FROM funds.reference_replica WHERE dataset = 'article4' AND key = 'SEN'`,
            );
            return rows.length ? true : undefined;
          },
          20_000,
          'the Article 4 replica',
        );
        await revision('r3', '80000.01', { refused: 'F3' });
        await revision('r3', '79999.99', 'approved');
      },
    }),
    no(
      'F3',
      'implementation',
      'rules.md checks Article 4 at submission and again at approval; a transfer pays an approved allocation',
    ),

    ...(['submission', 'revision of a concept'] as const).map((stage): Entry =>
      yes('M7', stage, 'concepts: Submission.applyVerdict, validity from pipeline.validity-months', {
        title: `the entry is valid ${P['pipeline.validity-months']} months from its ${stage === 'submission' ? 'submission' : 'resubmission'}, to the day`,
        run: async () => {
          const [view] = await screen(stage, [proposal(2, 'national', '100000.00')]);
          const submittedAt = new Date(view.submittedAt);
          expect(submittedAt.getTime()).toBe(today.getTime() + (stage === 'submission' ? 0 : 3600_000));
          expect(view.expiresAt).toBe(addMonths(submittedAt, P['pipeline.validity-months']).toISOString());
        },
      }),
    ),
    yes('M7', 'approval', APPROVAL, {
      title: 'approved the day before the entry expires, refused on the day it expires and the day after',
      run: async () => {
        const { rows } = await db.query(`SELECT expires_at FROM funds.pipeline_replica WHERE concept_id = $1`, [
          ids.m7b,
        ]);
        const expiresAt = rows[0].expires_at as Date;
        // Every fixture was submitted today (the clock stands still).
        expect(expiresAt.toISOString()).toBe(addMonths(today, P['pipeline.validity-months']).toISOString());
        try {
          system.clock.set(new Date(expiresAt.getTime() - DAY_MS));
          await approval('m7a', '100000.00', 'accepted');
          system.clock.set(expiresAt);
          await approval('m7b', '100000.00', { refused: 'M7' });
          system.clock.set(new Date(expiresAt.getTime() + DAY_MS));
          await approval('m7b', '100000.00', { refused: 'M7' });
        } finally {
          system.clock.set(today);
        }
      },
    }),
    no(
      'M7',
      'revision of an allocation',
      'an approved allocation has left the pipeline; a no-cost extension moves its end date, not a validity',
    ),
    no('M7', 'implementation', 'an approved allocation has left the pipeline; its validity no longer runs'),

    no('M10', 'submission', `${NO_MONEY_YET}; the split of the request per organisation is M4's budget`),
    yes('M10', 'approval', 'funds: DecideOnEntry.approve (shares add up to the amount)', {
      title: `shares adding up to the approved ${inTitle('200000.00')} accepted, one cent more or less refused`,
      run: async () => {
        const shares = (iom: string) => ({
          pocketCode: 'THEMATIC_4',
          shares: [
            { organisation: 'ILO', amount: usd('100000.00') },
            { organisation: 'IOM', amount: usd(iom) },
          ],
        });
        const { under, at, over } = aroundTheLimit(100_000_00);
        await approval('m10', '200000.00', { refused: 'M10', limit: '200000.00' }, shares(over));
        await approval('m10', '200000.00', { refused: 'M10', limit: '200000.00' }, shares(under));
        await approval('m10', '200000.00', 'accepted', shares(at));
      },
    }),
    no('M10', 'revision of a concept', `${NO_MONEY_YET}; the split of the request per organisation is M4's budget`),
    yes('M10', 'revision of an allocation', `${REVISION}; RequestRevision checks the shares at the request`, {
      title: `ILO's share after ${inTitle('40000.00')} transferred: ${inTitle('40000.00')} and ${inTitle('40000.01')} approved, ${inTitle('39999.99')} refused`,
      run: async () => {
        const approved = await decide('rm', '200000.00', {
          pocketCode: 'THEMATIC_4',
          shares: [
            { organisation: 'ILO', amount: usd('100000.00') },
            { organisation: 'IOM', amount: usd('100000.00') },
          ],
        }).expect(201);
        allocations.rm = approved.body.allocation.allocationId;
        await request(funds())
          .post(`/allocations/${allocations.rm}/transfers`)
          .set(bearer('finance-officer'))
          .set('Idempotency-Key', randomUUID())
          .send({ organisation: 'ILO', amount: usd('40000.00'), transferDate: '2026-12-01' })
          .expect(200);
        // ILO keeps `share` in one line, IOM takes the rest: the total stays 200,000.00.
        const sharing = (share: string) => () => [
          { organisation: 'ILO', category: 'staff-and-other-personnel', amount: usd(share) },
          {
            organisation: 'IOM',
            category: 'staff-and-other-personnel',
            amount: usd(money('200000.00').minus(money(share)).toDecimalString()),
          },
        ];
        const { under, at, over } = aroundTheLimit(40_000_00);
        await revision('rm', '200000.00', { refused: 'M10', limit: at, atRequest: true }, sharing(under));
        await revision('rm', '200000.00', 'approved', sharing(over));
        await revision('rm', '200000.00', 'approved', sharing(at));
      },
    }),
    yes('M10', 'implementation', 'funds: Allocation.transfer (allocation.aggregate.ts)', {
      title: `cumulative transfers to ILO of ${inTitle('99999.99')} and ${inTitle('100000.00')} accepted, ${inTitle('100000.01')} refused (share ${inTitle('100000.00')})`,
      run: async () => {
        const { under } = aroundTheLimit(100_000_00);
        await allocationChange('transfers', {
          organisation: 'ILO',
          amount: usd(under),
          transferDate: '2026-12-01',
        }).expect(200);
        const over = await allocationChange('transfers', {
          organisation: 'ILO',
          amount: usd('0.02'),
          transferDate: '2026-12-02',
        }).expect(422);
        expect(over.body.errors[0]).toMatchObject({ rule: 'M10', limit: '0.01' });
        await allocationChange('transfers', {
          organisation: 'ILO',
          amount: usd('0.01'),
          transferDate: '2026-12-03',
        }).expect(200);
      },
    }),

    no('M11', 'submission', NO_MONEY_YET),
    no('M11', 'approval', NO_MONEY_YET),
    no('M11', 'revision of a concept', NO_MONEY_YET),
    no('M11', 'revision of an allocation', 'a revision records no expenditure'),
    yes('M11', 'implementation', 'funds: Allocation.reportExpenditure (allocation.aggregate.ts)', {
      title: `IOM’s expenditure of ${inTitle('100000.00')} and ${inTitle('99999.99')} accepted, ${inTitle('100000.01')} refused (transferred ${inTitle('100000.00')})`,
      run: async () => {
        const { under, at, over } = aroundTheLimit(100_000_00);
        await allocationChange('transfers', {
          organisation: 'IOM',
          amount: usd(at),
          transferDate: '2026-12-01',
        }).expect(200);
        const refused = await allocationChange('expenditures', {
          organisation: 'IOM',
          year: 2027,
          amount: usd(over),
        }).expect(422);
        expect(refused.body.errors[0]).toMatchObject({ rule: 'M11', limit: at });
        await allocationChange('expenditures', { organisation: 'IOM', year: 2027, amount: usd(under) }).expect(200);
        await allocationChange('expenditures', { organisation: 'IOM', year: 2027, amount: usd(at) }).expect(200);
      },
    }),

    no('M8', 'submission', NOTHING_APPROVED),
    yes(
      'M8',
      'approval',
      APPROVAL,
      approvedMoneyLimit('the request of USD 150,000.00', 'M8', 150_000_00, 'ceiling', ['m8a', 'm8b']),
    ),
    no('M8', 'revision of a concept', `${NOTHING_APPROVED}; the new version's request is the new limit`),
    ...fixedAfterApproval(
      'M8',
      PAID_WITHIN_SHARES,
      no(
        'M8',
        'revision of an allocation',
        'the request bounds the approval; an increase is a new decision of the approving authority, held to the ceilings (F4) and the balance (G5)',
      ),
    ),

    no('G5', 'submission', 'a submission commits no money: demand may exceed funds (F10 defers, it does not refuse)'),
    yes('G5', 'approval', 'funds: LedgerService.post of the commitment (the pocket row locked)', {
      title:
        'exactly the available balance of a thematic window accepted, one cent more refused, one cent less accepted',
      run: async () => {
        const available = await availableIn('MIGRATION_MPTF', 'THEMATIC_5');
        const { under, over } = aroundTheLimit(available);
        const on = (amount: string) => ({
          pocketCode: 'THEMATIC_5',
          shares: [{ organisation: 'IOM', amount: usd(amount) }],
        });
        await approval('g5a', over, { refused: 'G5' }, on(over));
        await approval('g5a', under, 'accepted', on(under));
        // One cent is left: exactly the available balance.
        await approval('g5b', '0.01', 'accepted', on('0.01'));
        await approval('g5c', '0.01', { refused: 'G5' }, on('0.01'));
        expect(await availableIn('MIGRATION_MPTF', 'THEMATIC_5')).toBe(0n);
      },
    }),
    no(
      'G5',
      'revision of a concept',
      'a submission commits no money: demand may exceed funds (F10 defers, it does not refuse)',
    ),
    yes(
      'G5',
      'revision of an allocation',
      `${REVISION}; LedgerService.post of the further commitment (the pocket row locked)`,
      {
        title: 'an increase of exactly the available balance of a thematic window approved, one cent more refused',
        run: async () => {
          const available = await availableIn('MIGRATION_MPTF', 'THEMATIC_4');
          const current = money(
            (
              await request(funds())
                .get(`/allocations/${allocations.implementation}`)
                .set(bearer('fund-admin'))
                .expect(200)
            ).body.amount.amount,
          ).amountMinor;
          const to = (by: bigint) => Money.ofMinor(current + by, 'USD').toDecimalString();
          await revision('implementation', to(available + 1n), { refused: 'G5' });
          await revision('implementation', to(available), 'approved');
          expect(await availableIn('MIGRATION_MPTF', 'THEMATIC_4')).toBe(0n);
          await revision('implementation', to(0n), 'approved');
          expect(await availableIn('MIGRATION_MPTF', 'THEMATIC_4')).toBe(available);
        },
      },
    ),
    no(
      'G5',
      'implementation',
      'a transfer pays out money committed at approval; it does not draw on the available balance',
    ),
  ];

  function allocationChange(path: string, body: object) {
    return request(funds())
      .post(`/allocations/${implementation.allocationId}/${path}`)
      .set(bearer(path === 'revisions' ? 'fund-admin' : 'finance-officer'))
      .set('Idempotency-Key', randomUUID())
      .send(body);
  }

  async function availableIn(fundCode: string, pocketCode: string): Promise<bigint> {
    const res = await request(funds()).get(`/funds/${fundCode}/balances`).set(bearer('finance-officer')).expect(200);
    const pocket = (res.body as Array<{ pocketCode: string; available: string }>).find(
      (p) => p.pocketCode === pocketCode,
    )!;
    return money(pocket.available).amountMinor;
  }

  beforeAll(async () => {
    system = await FundlineSystem.start();
    db = await connect(system.db.url);
    today = system.clock.now();
    const day = (offset: number) => dayOf(new Date(today.getTime() + offset * DAY_MS));

    const donor = await aDonor(funds());
    for (const [pocketCode, amount] of [
      ['THEMATIC_4', '1000000.00'],
      ['THEMATIC_5', '100000.00'],
    ]) {
      await financePost(
        funds(),
        '/contributions/deposits',
        aDeposit(donor, { pocketCode, amount: usd(amount) }),
      ).expect(201);
    }
    await financePost(funds(), '/funds/FUND_1035/credit-line-funding', {
      year: 2026,
      line1AnnualAllocation: usd('1400000.00'),
      discretionaryIncome: usd('40000000.00'),
      miscellaneousIncome: usd('20000000.00'),
      directVoluntaryContributions: usd('0.00'),
    }).expect(201);
    for (const [when, country] of Object.entries(SCREENING_ARTICLE4)) {
      await recordArticle4(country, day(ARTICLE4_OFFSETS[when as keyof typeof ARTICLE4_OFFSETS]));
    }

    const views = await Promise.all(Object.values(FIXTURES).map(submit));
    Object.keys(FIXTURES).forEach((name, i) => (ids[name as Fixture] = views[i].id));
    expect(views.filter((v) => v.status !== 'in-pipeline').map((v) => v.verdict.lines)).toEqual([]);
    const all = Object.values(ids);
    await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM funds.pipeline_replica WHERE concept_id = ANY($1) AND status = 'in-pipeline'`,
          [all],
        );
        return rows[0].n === all.length ? true : undefined;
      },
      30_000,
      'every fixture in the funds replica',
    );

    await recordArticle4('MLI', day(0));
    await recordArticle4('TGO', day(1));
    await recordArticle4('SLE', day(-1));
    await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM funds.reference_replica WHERE dataset = 'article4' AND key IN ('MLI', 'TGO', 'SLE')`,
        );
        return rows[0].n === 3 ? true : undefined;
      },
      20_000,
      'the Article 4 replica',
    );

    for (const fundCode of ['FUND_1035', 'MIGRATION_MPTF'] as const) {
      const agenda = (Object.keys(FIXTURES) as Fixture[]).filter((f) => fundOf(f) === fundCode).map((f) => ids[f]);
      const res = await request(funds())
        .post('/committee-sessions')
        .set(bearer('fund-admin'))
        .send({ fundCode, quorum: 1, members: [{ memberId: 'chair', name: 'Chair', represents: 'donor' }], agenda })
        .expect(201);
      sessions[fundCode] = res.body.id;
      for (const conceptId of agenda) {
        await request(funds())
          .post(`/committee-sessions/${res.body.id}/positions`)
          .set(bearer('steering-committee'))
          .send({ conceptId, memberId: 'chair', position: 'support' })
          .expect(200);
      }
    }
    const approved = await decide('implementation', '200000.00', {
      pocketCode: 'THEMATIC_4',
      shares: [
        { organisation: 'ILO', amount: usd('100000.00') },
        { organisation: 'IOM', amount: usd('100000.00') },
      ],
    }).expect(201);
    implementation = approved.body.allocation;
    allocations.implementation = implementation.allocationId;
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  it('the table has exactly one entry for every rule with a limit at every stage, and the doc lists each', () => {
    const key = (rule: string, stage: string) => `${rule} @ ${stage}`;
    const expected = RULES.flatMap((rule) => STAGES.map((stage) => key(rule, stage))).sort();
    expect(TABLE.map((e) => key(e.rule, e.stage)).sort()).toEqual(expected);
    expect(TABLE.filter((e) => (e.applies ? e.cases.length === 0 : e.reason.trim() === ''))).toEqual([]);
    const doc = readFileSync(join(__dirname, '../../docs/rules-at-every-stage.md'), 'utf8');
    const rows = doc
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map(([, rule, stage, applies]) => `${key(rule, stage)}: ${applies}`);
    expect(rows).toEqual(
      expect.arrayContaining(TABLE.map((e) => `${key(e.rule, e.stage)}: ${e.applies ? 'yes' : 'no'}`)),
    );
  });

  it('F4 F7 M4 M5 M7 the limits of the table are the fund parameters in force in concepts and in funds', async () => {
    const res = await request(concepts()).get('/reference-data/fund-parameter').set(bearer('fund-admin')).expect(200);
    const inConcepts = Object.fromEntries(
      (res.body.items as Array<{ key: string; value: number }>).map((i) => [i.key, i.value]),
    );
    const { rows } = await db.query(
      `SELECT DISTINCT ON (key) key, (value->>'value')::bigint AS value FROM funds.reference_replica
       WHERE dataset = 'fund-parameter' AND effective_from <= $1::date ORDER BY key, effective_from DESC`,
      [dayOf(today)],
    );
    const inFunds = Object.fromEntries(rows.map((r: { key: string; value: string }) => [r.key, Number(r.value)]));
    // The seed holds amounts as bigint; the services' records hold JSON numbers: compared as whole numbers.
    const whole = (o: Readonly<Record<string, number | bigint | string>>) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, BigInt(v)]));
    expect(whole(inConcepts)).toMatchObject(whole(P));
    expect(whole(inFunds)).toMatchObject(whole(P));
  });

  for (const entry of TABLE) {
    if (!entry.applies) continue;
    for (const c of entry.cases) it(`${entry.rule} at ${entry.stage}: ${c.title}`, c.run);
  }

  it(REVISION_PROOF, async () => {
    const before = await request(funds())
      .get(`/allocations/${implementation.allocationId}`)
      .set(bearer('fund-admin'))
      .expect(200);
    for (const field of [{ creditLine: 1 }, { pocketCode: 'UNEARMARKED' }, { amount: usd('1.00') }]) {
      const refused = await allocationChange('revisions', {
        kind: 'scope-change',
        scope: 'moves to another pocket',
        justification: 'limits table',
        ...field,
      }).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: Object.keys(field)[0] })]);
    }
    const after = await request(funds())
      .get(`/allocations/${implementation.allocationId}`)
      .set(bearer('fund-admin'))
      .expect(200);
    expect(after.body).toEqual(before.body);
  });
});
