import { Actor } from '@fundline/contracts';
import { BUDGET_RULE_OF, SystemClock } from '@fundline/domain';
import { Money } from '@fundline/money';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { BudgetLine, legacyOrganisationLines, legacyProposalLines } from '../budget/budget.value';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import {
  BUDGET_CATEGORIES_FROM,
  F1035_BUDGET_CATEGORIES_SEED,
  MPTF_BUDGET_CATEGORIES_SEED,
} from '../reference-data/seed/budget-categories.seed';

type MoneyJson = { amount: string; currency: string };
type LegacyOrganisation = { organisation: string; directCosts: MoneyJson; indirectSupportCosts: MoneyJson };
type LegacyProposalBudget = {
  staffAndOfficeCosts: MoneyJson;
  includesOtherDonorFunding: boolean;
  includesProposalDevelopmentCosts: boolean;
};

const money = (m: MoneyJson) => Money.parse(m.amount, m.currency);
const json = (lines: BudgetLine[]) => lines.map((l) => ({ category: l.category, amount: l.amount.toJSON() }));

/** The content of a submission stored before budgets had categories, with its budget as lines; otherwise null. */
export function categorisedContent(
  kind: string,
  content: Record<string, unknown>,
  requested: Money,
): Record<string, unknown> | null {
  if (kind === 'concept-note') {
    const budget = content.budget as Array<LegacyOrganisation | { lines: unknown }>;
    if (budget.every((b) => 'lines' in b)) return null;
    return {
      ...content,
      budget: budget.map((b) =>
        'lines' in b
          ? b
          : {
              organisation: b.organisation,
              lines: json(legacyOrganisationLines(money(b.directCosts), money(b.indirectSupportCosts))),
            },
      ),
    };
  }
  const budget = content.budget as LegacyProposalBudget | { lines: unknown };
  if ('lines' in budget) return null;
  const { staffAndOfficeCosts, ...flags } = budget;
  return { ...content, budget: { lines: json(legacyProposalLines(money(staffAndOfficeCosts), requested)), ...flags } };
}

/**
 * Budgets by category (issue 14): the category lists become reference data (the UN harmonised categories of the
 * Migration MPTF, the IDF template lines of Fund 1035, each with the legacy categories), recorded through the outbox
 * like any version; and every stored budget written before categories gets its lines, so drafts saved before still
 * submit, re-screen and revise. Past verdicts and events keep what they said.
 */
export class BudgetCategories1766700000000 implements MigrationInterface {
  name = 'BudgetCategories1766700000000';

  async up(q: QueryRunner): Promise<void> {
    const referenceData = new ReferenceDataService(new SystemClock());
    const actor: Actor = { userId: 'reference-data-seed', role: 'system' };
    const lists = [
      [BUDGET_RULE_OF['concept-note'].list, MPTF_BUDGET_CATEGORIES_SEED],
      [BUDGET_RULE_OF['project-proposal'].list, F1035_BUDGET_CATEGORIES_SEED],
    ] as const;
    for (const [list, categories] of lists) {
      for (const [code, value] of categories) {
        await referenceData.record(
          q.manager,
          { dataset: 'budget-category', key: `${list}.${code}`, effectiveFrom: BUDGET_CATEGORIES_FROM, value },
          actor,
        );
      }
    }

    const rows = (await q.query(
      `SELECT id, kind, content, requested_minor::text AS "requestedMinor", currency
       FROM "concepts"."submissions" FOR UPDATE`,
    )) as Array<{
      id: string;
      kind: string;
      content: Record<string, unknown>;
      requestedMinor: string;
      currency: string;
    }>;
    for (const row of rows) {
      const content = categorisedContent(
        row.kind,
        row.content,
        Money.ofMinor(BigInt(row.requestedMinor), row.currency),
      );
      if (content) {
        await q.query(`UPDATE "concepts"."submissions" SET content = $2 WHERE id = $1`, [
          row.id,
          JSON.stringify(content),
        ]);
      }
    }
  }

  async down(): Promise<void> {
    throw new Error('BudgetCategories1766700000000 rewrites stored budgets as lines; restore from a backup');
  }
}
