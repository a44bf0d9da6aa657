import { REFERENCE_DATA_RECORDED_V1, ReferenceDataRecordedV1 } from '@fundline/contracts';
import { appendToOutbox, envelopeFor } from '@fundline/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data seeded by migrations never went through the outbox; other services that keep a copy (reporting:
 * countries and the Fund 1035 beneficiary list for F10) need it as events. Publishes every version once.
 */
export class PublishReferenceData1764300000000 implements MigrationInterface {
  name = 'PublishReferenceData1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const rows = (await q.query(
      `SELECT dataset, key, effective_from::text AS "effectiveFrom", value FROM "concepts"."reference_versions"
       ORDER BY dataset, key, effective_from`,
    )) as Array<{ dataset: string; key: string; effectiveFrom: string; value: Record<string, unknown> | null }>;
    const actor = { userId: 'reference-data-seed', role: 'system' as const };
    await appendToOutbox(
      q.manager,
      rows.map((r) =>
        envelopeFor<ReferenceDataRecordedV1>({
          type: REFERENCE_DATA_RECORDED_V1,
          aggregateId: `${r.dataset}/${r.key}`,
          actor,
          correlationId: 'reference-data-seed',
          occurredAt: new Date(),
          payload: {
            dataset: r.dataset,
            key: r.key,
            effectiveFrom: r.effectiveFrom,
            ...(r.value ? { value: r.value } : {}),
          },
        }),
      ),
    );
  }

  async down(): Promise<void> {
    // Published events cannot be taken back; consumers keep what they received.
  }
}
