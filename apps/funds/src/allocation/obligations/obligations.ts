import {
  Actor,
  OBLIGATION_OVERDUE_V1,
  OBLIGATION_REPORT_REPLACED_V1,
  OBLIGATION_SUBMITTED_V1,
  ObligationOverdueV1,
  ObligationReportReplacedV1,
  ObligationSubmittedV1,
} from '@fundline/contracts';
import { Clock, dayOf, DomainError } from '@fundline/domain';
import { DocumentStore, IncomingDocument, StoredDocument } from '@fundline/documents';
import { appendToOutbox, envelopeFor, OutboxRelay } from '@fundline/messaging';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { DataSource, IsNull, LessThan } from 'typeorm';
import { ObligationRecord } from '../allocation.entities';
import { submitted } from './obligation.rules';

/**
 * F12 / M11 reporting obligations: a report uploaded against one fulfils it on the day it arrives, the document stored
 * with the obligation in the same transaction (issue 13); nothing else does (docs/domain-decisions.md). Overdue ones raise
 * `obligation.overdue.v1` once each, from a scheduled job (injectable clock).
 */
@Injectable()
export class Obligations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Obligations.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly documents: DocumentStore,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    const every = Number(process.env.OBLIGATIONS_INTERVAL_MS ?? 3_600_000);
    if (every > 0) this.timer = setInterval(() => void this.raiseOverdue().catch((e) => this.logger.error(e)), every);
    this.timer?.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Whether the obligation exists: checked before an upload is read, so a wrong address reads no file. */
  async exists(allocationId: string, obligationId: string): Promise<boolean> {
    return this.dataSource.manager.exists(ObligationRecord, { where: { id: obligationId, allocationId } });
  }

  async submit(
    actor: Actor,
    correlationId: string,
    allocationId: string,
    obligationId: string,
    submittedOn: string,
    report: IncomingDocument,
  ) {
    const result = await this.dataSource.transaction(async (manager) => {
      const obligation = await manager.findOne(ObligationRecord, {
        where: { id: obligationId, allocationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!obligation) {
        report.discard();
        throw new DomainError('OBLIGATION.NOT_FOUND', `no obligation ${obligationId}`, 'not-found', [], {
          id: obligationId,
        });
      }
      let done: ReturnType<typeof submitted>;
      try {
        done = submitted(obligation, submittedOn);
      } catch (error) {
        report.discard();
        throw error;
      }
      const stored = await this.documents.put(
        manager,
        {
          ownerType: 'obligation',
          ownerId: obligationId,
          kind: report.fields.kind || obligation.kind,
          uploadedBy: { userId: actor.userId, role: actor.role },
        },
        report,
      );
      await manager.update(ObligationRecord, { id: obligationId }, { submittedOn });
      await appendToOutbox(manager, [
        envelopeFor<ObligationSubmittedV1>({
          type: OBLIGATION_SUBMITTED_V1,
          aggregateId: obligation.conceptId,
          actor,
          correlationId,
          occurredAt: this.clock.now(),
          payload: {
            obligationId,
            allocationId,
            conceptId: obligation.conceptId,
            kind: obligation.kind,
            submittedOn,
            report: { documentId: stored.documentId, sha256: stored.sha256 },
          },
        }),
      ]);
      return { ...done, report: stored };
    });
    this.relay?.nudge();
    return result;
  }

  /**
   * A corrected report: a new version of the report that fulfilled the obligation (G3: the earlier one stays). The
   * obligation keeps the day it was fulfilled; the read model and integrators learn which document now stands.
   */
  async replaceReport(actor: Actor, correlationId: string, previous: StoredDocument, report: IncomingDocument) {
    const result = await this.dataSource.transaction(async (manager) => {
      const obligation = await manager.findOne(ObligationRecord, {
        where: { id: previous.ownerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!obligation) {
        report.discard();
        throw new DomainError('OBLIGATION.NOT_FOUND', `no obligation ${previous.ownerId}`, 'not-found', [], {
          id: previous.ownerId,
        });
      }
      const stored = await this.documents.put(
        manager,
        {
          ownerType: 'obligation',
          ownerId: obligation.id,
          kind: previous.kind,
          supersedes: previous.documentId,
          uploadedBy: { userId: actor.userId, role: actor.role },
        },
        report,
      );
      await appendToOutbox(manager, [
        envelopeFor<ObligationReportReplacedV1>({
          type: OBLIGATION_REPORT_REPLACED_V1,
          aggregateId: obligation.conceptId,
          actor,
          correlationId,
          occurredAt: this.clock.now(),
          payload: {
            obligationId: obligation.id,
            allocationId: obligation.allocationId,
            conceptId: obligation.conceptId,
            kind: obligation.kind,
            report: { documentId: stored.documentId, sha256: stored.sha256 },
            replaces: { documentId: previous.documentId, sha256: previous.sha256 },
          },
        }),
      ]);
      return stored;
    });
    this.relay?.nudge();
    return result;
  }

  list(filter: { allocationId?: string; overdue?: boolean }): Promise<ObligationRecord[]> {
    const today = dayOf(this.clock.now());
    return this.dataSource.manager.find(ObligationRecord, {
      where: {
        ...(filter.allocationId ? { allocationId: filter.allocationId } : {}),
        ...(filter.overdue ? { submittedOn: IsNull(), dueOn: LessThan(today) } : {}),
      },
      order: { dueOn: 'ASC', kind: 'ASC' },
    });
  }

  /** Raises each newly overdue obligation once; returns how many. */
  async raiseOverdue(): Promise<number> {
    const today = dayOf(this.clock.now());
    const system: Actor = { userId: 'obligations', role: 'system' };
    const raised = await this.dataSource.transaction(async (manager) => {
      const due = await manager
        .createQueryBuilder(ObligationRecord, 'o')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('o.submitted_on IS NULL AND o.overdue_notified = false AND o.due_on < :today', { today })
        .limit(500)
        .getMany();
      if (due.length === 0) return 0;
      await manager.update(
        ObligationRecord,
        due.map((o) => o.id),
        { overdueNotified: true },
      );
      await appendToOutbox(
        manager,
        due.map((o) =>
          envelopeFor<ObligationOverdueV1>({
            type: OBLIGATION_OVERDUE_V1,
            aggregateId: o.conceptId,
            actor: system,
            correlationId: `obligations-${today}`,
            occurredAt: this.clock.now(),
            payload: {
              obligationId: o.id,
              allocationId: o.allocationId,
              conceptId: o.conceptId,
              kind: o.kind,
              dueOn: o.dueOn,
            },
          }),
        ),
      );
      return due.length;
    });
    if (raised) this.relay?.nudge();
    return raised;
  }
}
