import {
  Actor,
  ALLOCATION_RESULTS_FRAMEWORK_RECORDED_V1,
  EventEnvelope,
  OBLIGATION_SUBMITTED_V1,
  ObligationSubmittedV1,
  ResultsFrameworkRecordedV1,
} from '@fundline/contracts';
import { Clock, dayOf } from '@fundline/domain';
import { appendToOutbox, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ObligationRecord } from '../allocation/allocation.entities';
import { AllocationRepository } from '../allocation/allocation.repository';
import { submitted } from '../allocation/obligations/obligation.rules';
import { plainResultsFramework } from '@fundline/http';
import { AllocationResults, Framework } from './results-framework';
import { ResultsRepository } from './results.repository';

/** The obligation a recorded framework fulfils (F12: the results monitoring framework, due in the first month). */
const MONITORING_FRAMEWORK = 'monitoring-framework';

/**
 * Staff record an allocation's results framework: a new version (RF2, RF4, M12), and, if the allocation still owes its
 * monitoring framework, that obligation fulfilled on the same day with no document (docs/domain-decisions.md: the
 * framework recorded in Fundline is the report). One transaction, the allocation's row locked against concurrent
 * changes; a repeat of the version staff recorded last records nothing.
 */
@Injectable()
export class RecordResultsFramework {
  constructor(
    private readonly dataSource: DataSource,
    private readonly allocations: AllocationRepository,
    private readonly results: ResultsRepository,
    private readonly clock: Clock,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async record(actor: Actor, correlationId: string, allocationId: string, body: Framework) {
    const answer = await this.dataSource.transaction(async (manager) => {
      const allocation = await this.allocations.lock(manager, allocationId);
      const { conceptId, fundCode } = allocation.state;
      const state = await this.results.stateOf(manager, allocation);
      const framework = plainResultsFramework(body);
      const version = new AllocationResults(state).record(framework);
      if (version === state.staffVersion) {
        return { allocationId, conceptId, source: 'staff', version, framework, fulfilled: null };
      }
      const now = this.clock.now();
      await this.results.addFramework(manager, {
        conceptId,
        source: 'staff',
        version,
        allocationId,
        framework,
        recordedAt: now,
        recordedBy: actor.userId,
      });
      const event = <T extends object>(type: string, payload: T) =>
        envelopeFor<T>({ type, aggregateId: conceptId, actor, correlationId, occurredAt: now, payload });
      const events: EventEnvelope[] = [
        event<ResultsFrameworkRecordedV1>(ALLOCATION_RESULTS_FRAMEWORK_RECORDED_V1, {
          allocationId,
          conceptId,
          fund: fundCode,
          version,
          framework,
          recordedAt: now.toISOString(),
        }),
      ];
      const fulfilled = await this.fulfilMonitoringFramework(manager, allocationId, dayOf(now));
      if (fulfilled) {
        events.push(
          event<ObligationSubmittedV1>(OBLIGATION_SUBMITTED_V1, {
            obligationId: fulfilled.id,
            allocationId,
            conceptId,
            kind: fulfilled.kind,
            submittedOn: fulfilled.submittedOn,
          }),
        );
      }
      await appendToOutbox(manager, events);
      return {
        allocationId,
        conceptId,
        source: 'staff',
        version,
        framework,
        fulfilled: fulfilled ? { obligationId: fulfilled.id, submittedOn: fulfilled.submittedOn } : null,
      };
    });
    this.relay?.nudge();
    return answer;
  }

  /** The allocation's monitoring-framework obligation, submitted today, if it is still owed (F12: once). */
  private async fulfilMonitoringFramework(manager: EntityManager, allocationId: string, today: string) {
    const owed = await manager.findOne(ObligationRecord, {
      where: { allocationId, kind: MONITORING_FRAMEWORK, submittedOn: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!owed) return null;
    const done = submitted(owed, today);
    await manager.update(ObligationRecord, { id: owed.id }, { submittedOn: done.submittedOn });
    return done;
  }
}
