import {
  ALLOCATION_RESULTS_FRAMEWORK_RECORDED_V1,
  FundlineEvent,
  isEventOf,
  RESULTS_PROGRESS_REPORTED_V1,
  SUBMITTED_TYPES,
} from '@fundline/contracts';
import { IntegrationEventHandler } from '@fundline/messaging';
import { tableOf } from '@fundline/persistence';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Projects results frameworks (from both topics: as submitted with the concept, as recorded by staff) and progress
 * reports. Every version is kept with its event's time; which one stands is decided when a view is drawn (staff's
 * over the submission's, the latest version), so the two topics may arrive in any order. Idempotent by the inbox and
 * by the keys, so a rebuild replays to the same rows.
 */
@Injectable()
export class ResultsProjection implements IntegrationEventHandler {
  readonly handles = [...SUBMITTED_TYPES, ALLOCATION_RESULTS_FRAMEWORK_RECORDED_V1, RESULTS_PROGRESS_REPORTED_V1];

  async handle(event: FundlineEvent, manager: EntityManager): Promise<void> {
    if (isEventOf(event, SUBMITTED_TYPES)) {
      const p = event.payload;
      if (!p.resultsFramework) return;
      await this.framework(manager, {
        conceptId: 'conceptNoteId' in p ? p.conceptNoteId : p.proposalId,
        source: 'submission',
        version: p.version,
        framework: p.resultsFramework,
        recordedAt: event.occurredAt,
      });
      return;
    }
    switch (event.type) {
      case ALLOCATION_RESULTS_FRAMEWORK_RECORDED_V1: {
        const p = event.payload;
        await this.framework(manager, { ...p, source: 'staff', recordedAt: event.occurredAt });
        return;
      }
      case RESULTS_PROGRESS_REPORTED_V1: {
        const p = event.payload;
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'results_progress')} (obligation_id, version, allocation_id, concept_id,
             obligation_kind, progress, reported_on, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
           ON CONFLICT DO NOTHING`,
          [
            p.obligationId,
            p.version,
            p.allocationId,
            p.conceptId,
            p.obligationKind,
            JSON.stringify(p.progress),
            p.reportedOn,
            event.occurredAt,
          ],
        );
      }
    }
  }

  private async framework(
    manager: EntityManager,
    f: { conceptId: string; source: string; version: number; framework: object; recordedAt: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${tableOf(manager, 'results_frameworks')} (concept_id, source, version, framework, recorded_at)
       VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING`,
      [f.conceptId, f.source, f.version, JSON.stringify(f.framework), f.recordedAt],
    );
  }
}
