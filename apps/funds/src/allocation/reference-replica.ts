import { ConceptsTopicEvent, REFERENCE_DATA_RECORDED_V1 } from '@fundline/contracts';
import {
  Article4Status,
  BeneficiaryStatus,
  BUDGET_RULE_OF,
  BudgetCategory,
  Fund1035Lists,
  FundPolicies,
  FundParameters,
  ListSourceInForce,
  sourcesInForce,
} from '@fundline/domain';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The funds service keeps the reference data it decides with: F4 fund parameters, the budget categories a revised
 * budget may name (issue 14), and for F3 every list the
 * screening's Line 2 eligibility reads (Article 4 status, the published Line 2 list and its source, and what makes a
 * state a Fund 1035 beneficiary: IOM membership and the income classification).
 */
const KEPT = [
  'article4',
  'fund-parameter',
  'fund1035-line2',
  'list-source',
  'country',
  'fund1035-beneficiary',
  'budget-category',
];

@Injectable()
export class ReferenceReplicator implements IntegrationEventHandler<ConceptsTopicEvent> {
  readonly handles = [REFERENCE_DATA_RECORDED_V1];

  async handle(event: ConceptsTopicEvent, manager: EntityManager): Promise<void> {
    if (event.type !== REFERENCE_DATA_RECORDED_V1) return;
    const p = event.payload;
    if (!KEPT.includes(p.dataset)) return;
    await manager.query(
      `INSERT INTO "funds"."reference_replica" (dataset, key, effective_from, value) VALUES ($1, $2, $3, $4)
       ON CONFLICT (dataset, key, effective_from) DO UPDATE SET value = EXCLUDED.value`,
      [p.dataset, p.key, p.effectiveFrom, p.value ? JSON.stringify(p.value) : null],
    );
  }
}

/** The values of a dataset in force on a date, by key. */
export async function replicaAsOf(manager: EntityManager, dataset: string, date: string) {
  const rows = (await manager.query(
    `SELECT DISTINCT ON (key) key, value FROM "funds"."reference_replica"
     WHERE dataset = $1 AND effective_from <= $2::date ORDER BY key, effective_from DESC`,
    [dataset, date],
  )) as Array<{ key: string; value: Record<string, unknown> | null }>;
  return new Map(rows.filter((r) => r.value !== null).map((r) => [r.key, r.value as Record<string, unknown>]));
}

/** The fund parameters in force on a date (F4 ceilings at approval, the RV1 threshold at a revision). */
export async function fundParametersAsOf(manager: EntityManager, date: string): Promise<FundParameters> {
  return FundParameters.of(
    [...(await replicaAsOf(manager, 'fund-parameter', date))].map(([key, v]) => [key, v.value] as const),
  );
}

/** The lists Line 2 eligibility (F3) reads, as in force on a date: the same datasets concepts screened with. */
export async function fund1035ListsAsOf(manager: EntityManager, date: string): Promise<Fund1035Lists> {
  const of = async <T>(dataset: string) => (await replicaAsOf(manager, dataset, date)) as Map<string, T>;
  return {
    date,
    countries: await of<{ iomMember: boolean }>('country'),
    beneficiaries: await of<BeneficiaryStatus>('fund1035-beneficiary'),
    article4: await of<Article4Status>('article4'),
    line2: await of<unknown>('fund1035-line2'),
    sources: sourcesInForce((await of<ListSourceInForce>('list-source')).values()),
  };
}

/**
 * M4 / F7 on a revised budget: the fund's budget rule, its category list (by code) and the fund parameters (the cap),
 * as in force on a date, as a submission to the fund is screened.
 */
export async function budgetLimitsAsOf(manager: EntityManager, fundCode: string, date: string) {
  const form = FundPolicies.of(fundCode).form;
  const prefix = `${BUDGET_RULE_OF[form].list}.`;
  const list = new Map<string, BudgetCategory>();
  for (const [key, value] of await replicaAsOf(manager, 'budget-category', date)) {
    if (key.startsWith(prefix)) list.set(key.slice(prefix.length), value as unknown as BudgetCategory);
  }
  return { form, list, parameters: await fundParametersAsOf(manager, date) };
}
