import { EventEnvelope, REFERENCE_DATA_RECORDED_V1, ReferenceDataRecordedV1 } from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The funds service keeps the reference data it decides with (F3 Article 4 status, F4 fund parameters). */
const KEPT = ['article4', 'fund-parameter'];

@Injectable()
export class ReferenceReplicator implements IntegrationEventHandler {
  readonly handles = [REFERENCE_DATA_RECORDED_V1];

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const p = event.payload as ReferenceDataRecordedV1;
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
