import { ConceptsTopicEvent, REFERENCE_DATA_RECORDED_V1 } from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { tableOf } from '@fundline/persistence';

/**
 * The reference data the reports weigh with: countries and their regions, the Fund 1035 beneficiary list (F10), and
 * the fund parameters (M13's capitalization target).
 */
const KEPT = ['country', 'fund1035-beneficiary', 'fund-parameter'];

@Injectable()
export class ReferenceProjection implements IntegrationEventHandler<ConceptsTopicEvent> {
  readonly handles = [REFERENCE_DATA_RECORDED_V1];

  async handle(event: ConceptsTopicEvent, manager: EntityManager): Promise<void> {
    if (event.type !== REFERENCE_DATA_RECORDED_V1) return;
    const p = event.payload;
    if (!KEPT.includes(p.dataset)) return;
    await manager.query(
      `INSERT INTO ${tableOf(manager, 'reference_versions')} (dataset, key, effective_from, value) VALUES ($1, $2, $3, $4)
       ON CONFLICT (dataset, key, effective_from) DO UPDATE SET value = EXCLUDED.value`,
      [p.dataset, p.key, p.effectiveFrom, p.value ? JSON.stringify(p.value) : null],
    );
  }
}
