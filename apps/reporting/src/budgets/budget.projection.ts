import {
  ALLOCATION_APPROVED_V2,
  ALLOCATION_REVISED_V2,
  AllocationBudgetLineV1,
  FundsTopicEvent,
  UNCATEGORISED,
} from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Money } from '@fundline/money';
import { tableOf } from '@fundline/persistence';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Issue 14: the budget of each allocation by organisation and category, one version per approval or revision in force.
 * An approval without a budget (before issue 14) has one `uncategorised` line per organisation's share.
 */
@Injectable()
export class BudgetProjection implements IntegrationEventHandler<FundsTopicEvent> {
  readonly handles = [ALLOCATION_APPROVED_V2, ALLOCATION_REVISED_V2];

  async handle(event: FundsTopicEvent, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case ALLOCATION_APPROVED_V2: {
        const { allocation, budget } = event.payload;
        const lines =
          budget ??
          allocation.shares.map((s) => ({ organisation: s.organisation, category: UNCATEGORISED, amount: s.amount }));
        await this.recordVersion(manager, allocation.allocationId, lines, event.occurredAt);
        return;
      }
      case ALLOCATION_REVISED_V2: {
        const { allocationId, budget } = event.payload;
        if (budget) await this.recordVersion(manager, allocationId, budget.lines, event.occurredAt);
      }
    }
  }

  private async recordVersion(
    manager: EntityManager,
    allocationId: string,
    lines: AllocationBudgetLineV1[],
    at: string,
  ): Promise<void> {
    const table = tableOf(manager, 'budget_lines');
    await manager.query(
      `INSERT INTO ${table} (allocation_id, version, organisation, category, amount_minor, recorded_at)
       SELECT $1, (SELECT coalesce(max(version), 0) + 1 FROM ${table} WHERE allocation_id = $1),
              l.organisation, l.category, sum(l.amount_minor), $2
       FROM jsonb_to_recordset($3::jsonb) AS l(organisation text, category text, amount_minor bigint)
       GROUP BY l.organisation, l.category`,
      [
        allocationId,
        at,
        JSON.stringify(
          lines.map((l) => ({
            organisation: l.organisation,
            category: l.category,
            amount_minor: Money.parse(l.amount.amount, l.amount.currency).amountMinor.toString(),
          })),
        ),
      ],
    );
  }
}
