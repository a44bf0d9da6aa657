import { Actor, RESULTS_PROGRESS_REPORTED_V1, ResultsProgressReportedV1 } from '@fundline/contracts';
import { Clock, dayOf, DomainError } from '@fundline/domain';
import { appendToOutbox, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ObligationRecord } from '../allocation/allocation.entities';
import { AllocationRepository } from '../allocation/allocation.repository';
import { AllocationResults, IndicatorProgress, plainProgress } from './results-framework';
import { ResultsRepository } from './results.repository';

/**
 * Progress per indicator with an interim or final narrative report (RF3, F12, M11): a new version for the obligation,
 * which replaces the earlier in every view while both stay stored (G3). It fulfils nothing: the report's upload does.
 */
@Injectable()
export class ReportProgress {
  constructor(
    private readonly dataSource: DataSource,
    private readonly allocations: AllocationRepository,
    private readonly results: ResultsRepository,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async report(
    actor: Actor,
    correlationId: string,
    allocationId: string,
    obligationId: string,
    entries: IndicatorProgress[],
  ) {
    const answer = await this.dataSource.transaction(async (manager) => {
      const allocation = await this.allocations.lock(manager, allocationId);
      const { conceptId, fundCode } = allocation.state;
      const obligation = await manager.findOne(ObligationRecord, { where: { id: obligationId, allocationId } });
      if (!obligation) {
        throw new DomainError('OBLIGATION.NOT_FOUND', `no obligation ${obligationId}`, 'not-found', [], {
          id: obligationId,
        });
      }
      const previous = await this.results.latestProgress(manager, obligationId);
      const progress = plainProgress(entries);
      const state = await this.results.stateOf(manager, allocation);
      const version = new AllocationResults(state).reportProgress(obligation, progress, previous);
      const base = { allocationId, obligationId, obligationKind: obligation.kind };
      if (previous && version === previous.version) {
        return { ...base, version, progress: previous.progress, reportedOn: previous.reportedOn };
      }
      const now = this.clock.now();
      const reportedOn = dayOf(now);
      await this.results.addProgress(manager, {
        obligationId,
        version,
        allocationId,
        progress,
        reportedOn,
        reportedAt: now,
        reportedBy: actor.userId,
      });
      await appendToOutbox(manager, [
        envelopeFor<ResultsProgressReportedV1>({
          type: RESULTS_PROGRESS_REPORTED_V1,
          aggregateId: conceptId,
          actor,
          correlationId,
          occurredAt: now,
          payload: {
            allocationId,
            conceptId,
            fund: fundCode,
            obligationId,
            obligationKind: obligation.kind,
            version,
            progress,
            reportedOn,
            reportedAt: now.toISOString(),
          },
        }),
      ]);
      return { ...base, version, progress, reportedOn };
    });
    this.relay?.nudge();
    return answer;
  }
}
