import { randomUUID } from 'node:crypto';
import { BudgetLineV1, CONCEPT_NOTE_SUBMITTED_V1, PROJECT_PROPOSAL_SUBMITTED_V1 } from '@fundline/contracts';
import { Money } from '@fundline/money';
import fc from 'fast-check';
import { ensureSchema } from '@fundline/persistence';
import { bearer, connect, createTestDatabase, startService, TestClock, testConfig } from '@fundline/testing';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CONCEPTS_SCHEMA, ConceptsModule } from '../../apps/concepts/src/concepts.module';
import { CONCEPTS_ENTITIES, CONCEPTS_MIGRATIONS } from '../../apps/concepts/src/concepts.migrations';
import { Documents1766400000000 } from '../../apps/concepts/src/migrations/1766400000000-documents';
import { aCategorisedProjectProposal, aConceptNote, aProjectProposal } from '../support/concept-note-builder';
import { attachLetters } from '../support/endorsements';
import { fundlineForThisFile } from '../support/fundline-system';

/**
 * Budgets by category (issue 14): the Migration MPTF's UN harmonised categories per organisation (M4) and the Fund
 * 1035 IDF template lines (F7), as reference data with effective dates; the old request shapes still accepted; bad
 * budgets refused with the rule id and nothing stored; the submitted events carrying the lines; budgets stored before
 * categories migrated to lines.
 */
const TODAY = '2026-11-22T10:00:00Z';
const usd = (amount: string) => ({ amount, currency: 'USD' });
const owner = bearer('government', 'PHL');
type Line = { category: string; amount: { amount: string; currency: string } };
type Verdict = { eligible: boolean; lines: Array<{ rule: string; passed: boolean; detail: string }> };

const line = (category: string, amount: string): Line => ({ category, amount: usd(amount) });
const ruleOf = (verdict: Verdict, rule: string) => verdict.lines.find((l) => l.rule === rule);
const sum = (lines: BudgetLineV1[]) =>
  lines.reduce((total, l) => total.plus(Money.parse(l.amount.amount, l.amount.currency)), Money.zero('USD'));

/** A concept note of ILO and UNDP: ILO within M4, UNDP's indirect support costs `undpIsc` on direct costs of 1,000,000.00. */
function noteWithUndpIsc(undpIsc: string, undpLines: Line[] = []) {
  const budget = [
    {
      organisation: 'ILO',
      lines: [
        line('staff-and-other-personnel', '500000.00'),
        line('travel', '200000.00'),
        line('indirect-support-costs', '49000.00'),
      ],
    },
    {
      organisation: 'UNDP',
      lines: undpLines.length
        ? undpLines
        : [
            line('contractual-services', '600000.00'),
            line('transfers-and-grants', '400000.00'),
            line('indirect-support-costs', undpIsc),
          ],
    },
  ];
  const requested = Money.parse('1749000.00', 'USD').plus(Money.parse(undpIsc, 'USD'));
  return aConceptNote({ budget, requested: requested.toJSON() });
}

/** A Fund 1035 proposal of USD 200,000.00 whose staff and office lines are `staff` and `office`. */
function proposalWith(staff: string, office: string) {
  const rest = Money.parse('200000.00', 'USD').minus(Money.parse(staff, 'USD')).minus(Money.parse(office, 'USD'));
  const { budget } = aCategorisedProjectProposal() as { budget: Record<string, unknown> };
  return aCategorisedProjectProposal({
    budget: {
      ...budget,
      lines: [line('staff', staff), line('office', office), line('operational', rest.toDecimalString())],
    },
  });
}

describe('budgets by category (issue 14)', () => {
  const live = fundlineForThisFile();
  const concepts = () => live.system.http('concepts');

  afterEach(() => live.system.clock.set(TODAY));

  async function stored(): Promise<string> {
    const { rows } = await live.db.query(
      `SELECT (SELECT count(*) FROM concepts.submissions) || '/' || (SELECT count(*) FROM concepts.outbox) AS n`,
    );
    return rows[0].n as string;
  }

  async function submitted(path: 'concept-notes' | 'project-proposals', body: object) {
    const draft = await request(concepts()).post(`/${path}`).set(owner).send(body).expect(201);
    await attachLetters(concepts(), owner, draft.body.id);
    const answer = await request(concepts()).post(`/concepts/${draft.body.id}/submit`).set(owner).expect(200);
    return {
      id: draft.body.id as string,
      draft: draft.body,
      submitted: answer.body as { status: string; verdict: Verdict },
    };
  }

  async function submittedBudget(id: string, type: string): Promise<BudgetLineV1[]> {
    const { rows } = await live.db.query(
      `SELECT envelope -> 'payload' -> 'budget' AS budget FROM concepts.outbox WHERE message_key = $1 AND type = $2`,
      [id, type],
    );
    expect(rows).toHaveLength(1);
    return rows[0].budget as BudgetLineV1[];
  }

  /** A refusal: problem+json with the status, naming the field and the rule, and nothing stored. */
  async function refused(
    path: 'concept-notes' | 'project-proposals',
    body: object,
    status: number,
    violation: { field: string; rule: string } & Record<string, unknown>,
  ) {
    const before = await stored();
    const res = await request(concepts()).post(`/${path}`).set(owner).send(body).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining(violation)]);
    expect(await stored()).toBe(before);
    return res.body as { code: string; detail: string };
  }

  describe('Migration MPTF: lines per organisation (M4)', () => {
    it('M4 accepts a budget by category, shows it, and publishes its lines with their organisation, summing to the request', async () => {
      const { id, draft, submitted: answer } = await submitted('concept-notes', aConceptNote());
      expect(draft.budget[0]).toEqual({
        organisation: 'ILO',
        lines: [
          line('staff-and-other-personnel', '400000.00'),
          line('contractual-services', '200000.00'),
          line('travel', '100000.00'),
          line('indirect-support-costs', '49000.00'),
        ],
      });
      expect(answer.status).toBe('in-pipeline');
      expect(ruleOf(answer.verdict, 'M4')).toEqual({
        rule: 'M4',
        passed: true,
        detail:
          'ILO: indirect-support-costs 49000.00 within 7% of direct costs 700000.00 (limit 49000.00); ' +
          'IOM: indirect-support-costs 49000.00 within 7% of direct costs 700000.00 (limit 49000.00)',
      });
      const budget = await submittedBudget(id, CONCEPT_NOTE_SUBMITTED_V1);
      expect(budget).toHaveLength(8);
      expect(budget[0]).toEqual({
        category: 'staff-and-other-personnel',
        organisation: 'ILO',
        amount: usd('400000.00'),
      });
      expect(sum(budget).toDecimalString()).toBe('1498000.00');
    });

    it('M4 accepts the budget before categories: an uncategorised line and an indirect-support-costs line per organisation', async () => {
      const budget = ['ILO', 'IOM'].map((organisation) => ({
        organisation,
        directCosts: usd('700000.00'),
        indirectSupportCosts: usd('49000.00'),
      }));
      const { id, draft, submitted: answer } = await submitted('concept-notes', aConceptNote({ budget }));
      expect(draft.budget[1]).toEqual({
        organisation: 'IOM',
        lines: [line('uncategorised', '700000.00'), line('indirect-support-costs', '49000.00')],
      });
      expect(answer.status).toBe('in-pipeline');
      expect(await submittedBudget(id, CONCEPT_NOTE_SUBMITTED_V1)).toEqual([
        { category: 'uncategorised', organisation: 'ILO', amount: usd('700000.00') },
        { category: 'indirect-support-costs', organisation: 'ILO', amount: usd('49000.00') },
        { category: 'uncategorised', organisation: 'IOM', amount: usd('700000.00') },
        { category: 'indirect-support-costs', organisation: 'IOM', amount: usd('49000.00') },
      ]);
    });

    it('M4 screens the indirect support costs per organisation from its lines, naming the line and the limit', async () => {
      const { submitted: answer } = await submitted('concept-notes', noteWithUndpIsc('80000.00'));
      expect(answer).toMatchObject({ status: 'screened-ineligible', verdict: { eligible: false } });
      expect(ruleOf(answer.verdict, 'M4')).toEqual({
        rule: 'M4',
        passed: false,
        detail: 'UNDP: indirect-support-costs 80000.00 above 7% of direct costs 1000000.00 (limit 70000.00)',
      });
      const atTheLimit = await submitted('concept-notes', noteWithUndpIsc('70000.00'));
      expect(ruleOf(atTheLimit.submitted.verdict, 'M4')?.passed).toBe(true);
    });

    it('M4 re-screens a revision of the draft: an ineligible budget recategorised becomes eligible', async () => {
      const { id } = await submitted('concept-notes', noteWithUndpIsc('70000.01'));
      await request(concepts()).post(`/concepts/${id}/revise`).set(owner).expect(200);
      const moved = [
        line('contractual-services', '600000.00'),
        line('transfers-and-grants', '400000.01'),
        line('indirect-support-costs', '70000.00'),
      ];
      await request(concepts())
        .put(`/concept-notes/${id}`)
        .set(owner)
        .send(noteWithUndpIsc('70000.01', moved))
        .expect(200);
      const again = await request(concepts()).post(`/concepts/${id}/submit`).set(owner).expect(200);
      expect(again.body).toMatchObject({ version: 2, status: 'in-pipeline' });
      expect(ruleOf(again.body.verdict, 'M4')?.detail).toMatch(
        /^ILO: .*; UNDP: indirect-support-costs 70000.00 within 7% of direct costs 1000000.01 \(limit 70000.00\)$/,
      );
    });

    describe('M4 bad input: problem+json with the rule, nothing stored', () => {
      const withIlo = (lines: unknown[]) => {
        const body = aConceptNote();
        const budget = (body.budget as Array<Record<string, unknown>>).map((b, i) => (i === 0 ? { ...b, lines } : b));
        return { ...body, budget };
      };
      const ilo = (aConceptNote().budget as Array<{ lines: Line[] }>)[0].lines;

      it('M4 refuses (422) lines that do not sum to the request', async () => {
        const problem = await refused(
          'concept-notes',
          withIlo([...ilo.slice(0, 3), line('indirect-support-costs', '48999.99')]),
          422,
          {
            field: 'budget',
            rule: 'M4',
            limit: '1498000.00',
          },
        );
        expect(problem.code).toBe('CONCEPT_NOTE.RULE_BROKEN');
      });

      it('M4 refuses (400) an unknown category, saying which are allowed on the list in force', async () => {
        const problem = await refused('concept-notes', withIlo([line('catering', '400000.00'), ...ilo.slice(1)]), 400, {
          field: 'budget.0.lines.0.category',
          rule: 'M4',
          message:
            'catering is not a budget category in force; allowed: contractual-services, ' +
            'equipment-vehicles-furniture, general-operating-costs, indirect-support-costs, staff-and-other-personnel, ' +
            'supplies-commodities-materials, transfers-and-grants, travel',
        });
        expect(problem.code).toBe('CONCEPT_NOTE.UNKNOWN_REFERENCE');
      });

      it('M4 refuses (422) a category twice for one organisation', async () => {
        const twice = [
          line('travel', '50000.00'),
          line('travel', '50000.00'),
          ...ilo.filter((l) => l.category !== 'travel'),
        ];
        await refused('concept-notes', withIlo(twice), 422, { field: 'budget.0.lines.1.category', rule: 'M4' });
      });

      it.each([
        ['a negative amount', '-400000.00'],
        ['a fraction of a cent', '399999.995'],
      ])('M4 refuses (400) %s, naming the line’s amount', async (_, amount) => {
        await refused('concept-notes', withIlo([line('staff-and-other-personnel', amount), ...ilo.slice(1)]), 400, {
          field: 'budget.0.lines.0.amount.amount',
          rule: 'isPositiveDecimalAmount',
        });
      });

      it.each([
        ['category', null, 'isString'],
        ['category', undefined, 'isString'],
        ['amount', null, 'isDefined'],
        ['amount', undefined, 'isDefined'],
      ])('M4 refuses (400) a line whose %s is %s', async (field, value, rule) => {
        const broken = { ...ilo[0], [field]: value };
        const res = await request(concepts())
          .post('/concept-notes')
          .set(owner)
          .send(withIlo([broken, ...ilo.slice(1)]))
          .expect(400);
        expect(new Set(res.body.errors.map((e: { field: string }) => e.field))).toEqual(
          new Set([`budget.0.lines.0.${field}`]),
        );
        expect(res.body.errors.map((e: { rule: string }) => e.rule)).toContain(rule);
      });

      it('M4 refuses (400) both shapes at once, the legacy category in a categorised budget, and no budget at all', async () => {
        const body = aConceptNote();
        const [first, ...others] = body.budget as Array<Record<string, unknown>>;
        const both = { ...first, directCosts: usd('700000.00'), indirectSupportCosts: usd('49000.00') };
        await refused('concept-notes', { ...body, budget: [both, ...others] }, 400, {
          field: 'budget.0.lines',
          rule: 'M4',
        });
        await refused('concept-notes', withIlo([line('uncategorised', '400000.00'), ...ilo.slice(1)]), 400, {
          field: 'budget.0.lines.0.category',
          rule: 'M4',
        });
        await refused('concept-notes', { ...body, budget: [{ organisation: 'ILO' }, ...others] }, 400, {
          field: 'budget.0.lines',
          rule: 'M4',
        });
      });
    });
  });

  describe('Fund 1035: IDF template lines (F7)', () => {
    it('F7 computes staff and office costs from the lines and publishes them without organisation, summing to the request', async () => {
      const { id, draft, submitted: answer } = await submitted('project-proposals', aCategorisedProjectProposal());
      expect(draft.budget).toEqual({
        lines: [line('staff', '30000.00'), line('office', '15000.00'), line('operational', '155000.00')],
        includesOtherDonorFunding: false,
        includesProposalDevelopmentCosts: false,
      });
      expect(answer.status).toBe('in-pipeline');
      expect(ruleOf(answer.verdict, 'F7')?.detail).toBe(
        'staff and office costs 45000.00 (staff 30000.00, office 15000.00) within 30% of the total 200000.00 (limit 60000.00)',
      );
      const budget = await submittedBudget(id, PROJECT_PROPOSAL_SUBMITTED_V1);
      expect(budget).toEqual([
        { category: 'staff', amount: usd('30000.00') },
        { category: 'office', amount: usd('15000.00') },
        { category: 'operational', amount: usd('155000.00') },
      ]);
      expect(sum(budget).toDecimalString()).toBe('200000.00');
    });

    it('F7 accepts declared staff and office costs as before categories: a staff-and-office line and the rest uncategorised', async () => {
      const { id, draft, submitted: answer } = await submitted('project-proposals', aProjectProposal());
      expect(draft.budget.lines).toEqual([line('staff-and-office', '45000.00'), line('uncategorised', '155000.00')]);
      expect(ruleOf(answer.verdict, 'F7')).toMatchObject({
        passed: true,
        detail: expect.stringMatching(/^staff and office costs 45000.00 \(staff-and-office 45000.00\) within/),
      });
      expect(sum(await submittedBudget(id, PROJECT_PROPOSAL_SUBMITTED_V1)).toDecimalString()).toBe('200000.00');
    });

    it('F7 screens staff and office lines above 30% of the total ineligible, naming the lines and the limit', async () => {
      const { submitted: answer } = await submitted('project-proposals', proposalWith('40000.00', '20000.01'));
      expect(answer.status).toBe('screened-ineligible');
      expect(ruleOf(answer.verdict, 'F7')).toEqual({
        rule: 'F7',
        passed: false,
        detail:
          'staff and office costs 60000.01 (staff 40000.00, office 20000.01) above 30% of the total 200000.00 (limit 60000.00)',
      });
    });

    it('F7 re-screens a revision of the draft: a cent moved to operational costs makes it eligible', async () => {
      const { id } = await submitted('project-proposals', proposalWith('40000.00', '20000.01'));
      await request(concepts()).post(`/concepts/${id}/revise`).set(owner).expect(200);
      await request(concepts())
        .put(`/project-proposals/${id}`)
        .set(owner)
        .send(proposalWith('40000.00', '20000.00'))
        .expect(200);
      const again = await request(concepts()).post(`/concepts/${id}/submit`).set(owner).expect(200);
      expect(again.body).toMatchObject({ version: 2, status: 'in-pipeline' });
      expect(ruleOf(again.body.verdict, 'F7')?.passed).toBe(true);
    });

    describe('F7 bad input: problem+json with the rule, nothing stored', () => {
      const withLines = (lines: unknown[], extra: object = {}) => {
        const body = aCategorisedProjectProposal();
        return { ...body, budget: { ...(body.budget as object), lines, ...extra } };
      };

      it('F7 refuses (422) lines that do not sum to the request', async () => {
        const problem = await refused(
          'project-proposals',
          withLines([line('staff', '45000.00'), line('operational', '154999.99')]),
          422,
          {
            field: 'budget.lines',
            rule: 'F7',
            limit: '200000.00',
          },
        );
        expect(problem.code).toBe('PROJECT_PROPOSAL.RULE_BROKEN');
      });

      it('F7 refuses (400) a category of another fund’s list, saying which are allowed', async () => {
        await refused('project-proposals', withLines([line('staff', '45000.00'), line('travel', '155000.00')]), 400, {
          field: 'budget.lines.1.category',
          rule: 'F7',
          message: 'travel is not a budget category in force; allowed: office, operational, staff',
        });
      });

      it('F7 refuses (400) declared staff and office costs beside lines: they are computed from the lines', async () => {
        const body = withLines([line('staff', '45000.00'), line('operational', '155000.00')], {
          staffAndOfficeCosts: usd('45000.00'),
        });
        await refused('project-proposals', body, 400, { field: 'budget.staffAndOfficeCosts', rule: 'F7' });
      });

      it('F7 refuses (422) a category twice and (400) a negative line', async () => {
        const twice = [line('staff', '45000.00'), line('operational', '100000.00'), line('operational', '55000.00')];
        await refused('project-proposals', withLines(twice), 422, { field: 'budget.lines.2.category', rule: 'F7' });
        await refused(
          'project-proposals',
          withLines([line('staff', '-45000.00'), line('operational', '245000.00')]),
          400,
          {
            field: 'budget.lines.0.amount.amount',
            rule: 'isPositiveDecimalAmount',
          },
        );
      });
    });
  });

  describe('hostile budgets: always a 201 or a 4xx problem, never a 5xx', () => {
    const hostile = fc.oneof(
      fc.constantFrom(null, undefined, '', 'travel', 'uncategorised', 'staff', '__proto__', 0, -1, 1e21, true),
      fc.constantFrom(usd('-1.00'), usd('1.001'), usd('0.00'), { amount: 5, currency: 'USD' }, { amount: '1.00' }),
      fc.constantFrom(usd('999999999999999.99'), { amount: '1.00', currency: 'EUR' }, [], [{}], {}),
      fc.string({ maxLength: 70 }),
    );
    const cases: Array<[string, 'concept-notes' | 'project-proposals', (value: unknown, at: number) => object]> = [
      [
        'a concept note’s line',
        'concept-notes',
        (value, at) => {
          const body = aConceptNote();
          const [first, ...others] = body.budget as Array<{ lines: Line[] }>;
          const field = (['category', 'amount', 'lines', 'directCosts'] as const)[at % 4];
          const broken =
            field === 'lines' || field === 'directCosts'
              ? { ...first, [field]: value }
              : { ...first, lines: [{ ...first.lines[0], [field]: value }, ...first.lines.slice(1)] };
          return { ...body, budget: [broken, ...others] };
        },
      ],
      [
        'a proposal’s budget',
        'project-proposals',
        (value, at) => {
          const body = aCategorisedProjectProposal();
          const budget = body.budget as { lines: Line[] };
          const field = (['category', 'amount', 'lines', 'staffAndOfficeCosts'] as const)[at % 4];
          const broken =
            field === 'lines' || field === 'staffAndOfficeCosts'
              ? { ...budget, [field]: value }
              : { ...budget, lines: [{ ...budget.lines[0], [field]: value }, ...budget.lines.slice(1)] };
          return { ...body, budget: broken };
        },
      ],
    ];

    it.each(cases)('%s', async (_, path, make) => {
      await fc.assert(
        fc.asyncProperty(hostile, fc.nat(), async (value, at) => {
          const res = await request(concepts()).post(`/${path}`).set(owner).send(make(value, at));
          if (res.status === 201) return;
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }),
        { numRuns: 150 },
      );
    });
  });

  describe('categories and limits are reference data with effective dates', () => {
    const admin = bearer('fund-admin');
    const recordVersion = (dataset: string, key: string, value: object | null) =>
      request(concepts())
        .put(`/reference-data/${dataset}/${key}`)
        .set(admin)
        .send({ effectiveFrom: '2026-12-01', value })
        .expect(200);

    it('lists each fund’s categories in force, with what they count as', async () => {
      const res = await request(concepts()).get('/reference-data/budget-category').set(owner).expect(200);
      const keys = res.body.items.map((i: { key: string }) => i.key);
      expect(keys).toEqual(
        expect.arrayContaining([
          'mptf.travel',
          'mptf.indirect-support-costs',
          'mptf.uncategorised',
          'f1035.staff',
          'f1035.office',
          'f1035.operational',
        ]),
      );
      expect(res.body.items).toContainEqual({ key: 'f1035.office', name: 'Office costs', counts: 'staff-and-office' });
    });

    it('M4 uses the list in force: a category retired from a date refuses new drafts and fails a re-screen of an entry using it', async () => {
      const { id, submitted: answer } = await submitted('concept-notes', aConceptNote());
      expect(answer.status).toBe('in-pipeline');
      await recordVersion('budget-category', 'mptf.travel', null);

      // Before its effective date the list still has it.
      await request(concepts()).post(`/concepts/${id}/screenings`).set(bearer('fund-admin')).expect(200);
      live.system.clock.set('2026-12-01T09:00:00Z');
      const rescreened = await request(concepts())
        .post(`/concepts/${id}/screenings`)
        .set(bearer('fund-admin'))
        .expect(200);
      expect(rescreened.body.status).toBe('screened-ineligible');
      expect(ruleOf(rescreened.body.verdict, 'M4')).toMatchObject({
        passed: false,
        detail: 'ILO: travel not budget categories in force on 2026-12-01',
      });
      await refused('concept-notes', aConceptNote(), 400, {
        field: 'budget.0.lines.2.category',
        rule: 'M4',
        message: expect.not.stringContaining('travel,'),
      });
    });

    it('F7 uses the cap in force: lowered from a date, a re-screen of the same lines fails', async () => {
      const { id, submitted: answer } = await submitted('project-proposals', proposalWith('30000.00', '20000.00'));
      expect(answer.status).toBe('in-pipeline');
      await recordVersion('fund-parameter', 'f1035.staff-office.cap-basis-points', { value: 2000 });
      live.system.clock.set('2026-12-01T09:00:00Z');
      const rescreened = await request(concepts())
        .post(`/concepts/${id}/screenings`)
        .set(bearer('fund-admin'))
        .expect(200);
      expect(ruleOf(rescreened.body.verdict, 'F7')).toMatchObject({
        passed: false,
        detail:
          'staff and office costs 50000.00 (staff 30000.00, office 20000.00) above 20% of the total 200000.00 (limit 40000.00)',
      });
    });
  });
});

describe('budgets stored before categories (migration BudgetCategories1766700000000)', () => {
  const clock = new TestClock(new Date(TODAY));
  let url: string;
  let drop: () => Promise<void>;
  let db: Client;
  let app: INestApplication | undefined;
  const ids = { note: randomUUID(), proposal: randomUUID(), ineligible: randomUUID() };

  const focalPoint = { name: 'Maria Santos', email: 'm.santos@example.gov.ph' };
  /** The content of a concept note as the concepts service stored it before issue 14. */
  const oldNote = {
    budget: ['ILO', 'IOM'].map((organisation) => ({
      organisation,
      directCosts: usd('700000.00'),
      indirectSupportCosts: usd('49000.00'),
    })),
    markers: { gender: 2, humanRights: 3 },
    partners: {
      government: [
        { name: 'Department of Migrant Workers', type: 'line-ministry' },
        { name: 'City of Cebu', type: 'local-government' },
      ],
      society: [{ name: 'Migrant Forum in Asia', type: 'migrant-organisation' }],
    },
    durationMonths: 24,
    endorsement: { letterReference: 'DFA-2026-0412', dated: '2026-10-30' },
  };
  const oldProposal = {
    endorsements: [{ country: 'PHL', letterReference: 'DFA-2026-0413' }],
    budget: {
      staffAndOfficeCosts: usd('45000.00'),
      includesOtherDonorFunding: false,
      includesProposalDevelopmentCosts: false,
    },
    durationMonths: 18,
  };

  beforeAll(async () => {
    const database = await createTestDatabase();
    url = database.url;
    drop = () => database.drop();
    await ensureSchema(url, CONCEPTS_SCHEMA);
    // The schema as it was before issue 14: every concepts migration up to the one before it.
    const before = new DataSource({
      type: 'postgres',
      url,
      schema: CONCEPTS_SCHEMA,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      entities: CONCEPTS_ENTITIES,
      migrations: CONCEPTS_MIGRATIONS.slice(0, CONCEPTS_MIGRATIONS.indexOf(Documents1766400000000) + 1),
    });
    await before.initialize();
    await before.runMigrations();
    await before.destroy();
    db = await connect(url);
    const insert = (id: string, kind: string, status: string, columns: Record<string, unknown>) =>
      db.query(
        `INSERT INTO concepts.submissions (id, kind, fund, status, version, submitting_country, owner_user_id, title,
           scope, countries, thematic_area, gcm_objectives, participating_organisations, focus_area, credit_line,
           requested_minor, currency, content, focal_point, eligible, submitted_at, row_version)
         VALUES ($1, $2, $3, $4, 1, 'PHL', 'government-PHL', $5, 'national', '{PHL}', $6, $7, $8, $9, $10, $11, 'USD',
           $12, $13, $14, $15, 1)`,
        [
          id,
          kind,
          columns.fund,
          status,
          columns.title,
          columns.thematicArea ?? null,
          columns.gcmObjectives ?? [],
          columns.organisations ?? [],
          columns.focusArea ?? null,
          columns.creditLine ?? null,
          columns.requestedMinor,
          JSON.stringify(columns.content),
          JSON.stringify(focalPoint),
          columns.eligible ?? null,
          columns.submittedAt ?? null,
        ],
      );
    const note = {
      fund: 'MIGRATION_MPTF',
      title: 'Safe and regular labour migration pathways',
      thematicArea: 4,
      gcmObjectives: [5, 6],
      organisations: ['ILO', 'IOM'],
      requestedMinor: '149800000',
      content: oldNote,
    };
    await insert(ids.note, 'concept-note', 'draft', note);
    await insert(ids.ineligible, 'concept-note', 'screened-ineligible', {
      ...note,
      content: { ...oldNote, markers: { gender: 1, humanRights: 1 } },
      eligible: false,
      submittedAt: '2026-11-01T10:00:00Z',
    });
    await insert(ids.proposal, 'project-proposal', 'draft', {
      fund: 'FUND_1035',
      title: 'Labour migration governance capacity',
      focusArea: 'labour-migration',
      creditLine: 2,
      requestedMinor: '20000000',
      content: oldProposal,
    });
    app = await startService(
      CONCEPTS_SCHEMA,
      CONCEPTS_SCHEMA,
      ConceptsModule.forRoot(testConfig(url), clock),
      testConfig(url),
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.end();
    await drop?.();
  });

  const http = () => app!.getHttpServer();

  it('M4 gives each organisation’s stored budget an uncategorised line and an indirect-support-costs line', async () => {
    const { rows } = await db.query(`SELECT content -> 'budget' AS budget FROM concepts.submissions WHERE id = $1`, [
      ids.note,
    ]);
    expect(rows[0].budget).toEqual(
      ['ILO', 'IOM'].map((organisation) => ({
        organisation,
        lines: [line('uncategorised', '700000.00'), line('indirect-support-costs', '49000.00')],
      })),
    );
  });

  it('F7 gives a stored proposal budget a staff-and-office line and the rest uncategorised, keeping its declarations', async () => {
    const { rows } = await db.query(`SELECT content -> 'budget' AS budget FROM concepts.submissions WHERE id = $1`, [
      ids.proposal,
    ]);
    expect(rows[0].budget).toEqual({
      lines: [line('staff-and-office', '45000.00'), line('uncategorised', '155000.00')],
      includesOtherDonorFunding: false,
      includesProposalDevelopmentCosts: false,
    });
  });

  it('M4 and F7: drafts saved before submit and are screened from their lines, their events carrying the lines', async () => {
    // M14 (issue 14): a concept note saved before results frameworks gets one, as its government edits it, to submit.
    const incomplete = await request(http()).post(`/concepts/${ids.note}/submit`).set(owner).expect(422);
    expect(incomplete.body.errors).toEqual([expect.objectContaining({ field: 'resultsFramework', rule: 'M14' })]);
    await request(http()).put(`/concept-notes/${ids.note}`).set(owner).send(aConceptNote(oldNote)).expect(200);
    for (const [id, rule, type] of [
      [ids.note, 'M4', CONCEPT_NOTE_SUBMITTED_V1],
      [ids.proposal, 'F7', PROJECT_PROPOSAL_SUBMITTED_V1],
    ] as const) {
      await attachLetters(http(), owner, id);
      const answer = await request(http()).post(`/concepts/${id}/submit`).set(owner).expect(200);
      expect(answer.body).toMatchObject({ status: 'in-pipeline', eligible: true });
      expect(answer.body.verdict.lines.find((l: { rule: string }) => l.rule === rule).passed).toBe(true);
      const { rows } = await db.query(
        `SELECT envelope -> 'payload' AS payload FROM concepts.outbox WHERE message_key = $1 AND type = $2`,
        [id, type],
      );
      expect(sum(rows[0].payload.budget).toDecimalString()).toBe(
        Money.ofMinor(BigInt(id === ids.note ? 149800000 : 20000000), 'USD').toDecimalString(),
      );
    }
  });

  it('M4: a submission screened before re-screens and revises, and its revision is written by category', async () => {
    const rescreened = await request(http())
      .post(`/concepts/${ids.ineligible}/screenings`)
      .set(bearer('fund-admin'))
      .expect(200);
    expect(rescreened.body.verdict.lines.find((l: { rule: string }) => l.rule === 'M4').passed).toBe(true);
    await request(http()).post(`/concepts/${ids.ineligible}/revise`).set(owner).expect(200);
    await request(http()).put(`/concept-notes/${ids.ineligible}`).set(owner).send(aConceptNote()).expect(200);
    await attachLetters(http(), owner, ids.ineligible);
    const answer = await request(http()).post(`/concepts/${ids.ineligible}/submit`).set(owner).expect(200);
    expect(answer.body).toMatchObject({ version: 2, status: 'in-pipeline' });
  });
});
