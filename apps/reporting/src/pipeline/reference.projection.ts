import { EventEnvelope, REFERENCE_DATA_RECORDED_V1, ReferenceDataRecordedV1 } from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { tableOf } from '@fundline/persistence';

/** The reference data the reports weigh with (F10): countries and their regions, the Fund 1035 beneficiary list. */
const KEPT = ['country', 'fund1035-beneficiary'];

@Injectable()
export class ReferenceProjection implements IntegrationEventHandler {
  readonly handles = [REFERENCE_DATA_RECORDED_V1];

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const p = event.payload as ReferenceDataRecordedV1;
    if (!KEPT.includes(p.dataset)) return;
    await manager.query(
      `INSERT INTO ${tableOf(manager, 'reference_versions')} (dataset, key, effective_from, value) VALUES ($1, $2, $3, $4)
       ON CONFLICT (dataset, key, effective_from) DO UPDATE SET value = EXCLUDED.value`,
      [p.dataset, p.key, p.effectiveFrom, p.value ? JSON.stringify(p.value) : null],
    );
  }
}
