import { Inject, Injectable } from '@nestjs/common';
import {
  ALLOCATION_APPROVED_V2,
  ALLOCATION_DEFERRED_V2,
  ALLOCATION_REJECTED_V2,
  ALLOCATION_REVISED_V2,
  ALLOCATION_REVISION_DECIDED_V1,
  CONCEPT_NOTE_SUBMITTED_V1,
  EVENT_CONTRACTS,
  FundlineEvent,
  isEventOf,
  OBLIGATION_OVERDUE_V1,
  OBLIGATION_SUBMITTED_V1,
  PROJECT_PROPOSAL_SUBMITTED_V1,
  SCREENED_TYPES,
  STATUS_CHANGED_TYPES,
  SUBMITTED_TYPES,
  TRANSFER_DISBURSED_V1,
} from '@fundline/contracts';
import { Clock, FundPolicies } from '@fundline/domain';
import { IntegrationEventHandler } from '@fundline/messaging';
import { tableOf } from '@fundline/persistence';
import { EntityManager } from 'typeorm';
import { dayIn, moneyIn } from '../messages/formats';
import { hasMessage, Language, message } from '../messages/catalogue';
import { Notices } from '../notices/notices';
import { Party } from '../notices/recipients';
import { NOTIFIER_CONFIG, NotifierConfig } from '../notifier-config';
import { WebhookFanOut } from '../webhooks/webhook-fan-out';
import { ObligationNotices } from '../reminders/obligation-notices';

const DAY_MS = 86_400_000;

interface Submission {
  submission_id: string;
  fund: string;
  country: string;
  title: string;
  organisations: string[];
}

/** Funds events that speak of a submission: noticed only once the notifier knows the submission (title, country). */
const ABOUT_A_SUBMISSION = [
  ALLOCATION_APPROVED_V2,
  ALLOCATION_DEFERRED_V2,
  ALLOCATION_REJECTED_V2,
  TRANSFER_DISBURSED_V1,
  ALLOCATION_REVISED_V2,
  ALLOCATION_REVISION_DECIDED_V1,
] as const;

/**
 * Every event the notifier reads, in the consumer's transaction: it keeps what it needs to know of submissions,
 * allocations and reports owed, records the notices an event calls for, and queues its webhook deliveries. One handler
 * takes every type, because the consumer gives each type to one handler and webhooks may subscribe to any type.
 */
@Injectable()
export class NotifierEvents implements IntegrationEventHandler {
  readonly handles = Object.keys(EVENT_CONTRACTS);

  constructor(
    private readonly notices: Notices,
    private readonly obligations: ObligationNotices,
    private readonly webhooks: WebhookFanOut,
    private readonly clock: Clock,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {}

  async handle(event: FundlineEvent, manager: EntityManager): Promise<void> {
    await this.webhooks.enqueue(event, manager);
    await this.learn(event, manager);
    if (isEventOf(event, ABOUT_A_SUBMISSION) || isEventOf(event, [OBLIGATION_OVERDUE_V1])) {
      const submission = await this.submission(manager, event.payload.conceptId);
      if (!submission) return this.hold(manager, event.payload.conceptId, event);
      return this.notice(event, submission, manager);
    }
    if (isEventOf(event, SCREENED_TYPES) || isEventOf(event, STATUS_CHANGED_TYPES)) {
      const submission = await this.submission(manager, event.payload.submissionId);
      if (submission) await this.notice(event, submission, manager);
    }
    if (isEventOf(event, SUBMITTED_TYPES)) {
      const id = event.type === CONCEPT_NOTE_SUBMITTED_V1 ? event.payload.conceptNoteId : event.payload.proposalId;
      await this.releaseHeld(manager, id);
    }
  }

  /** What the notifier keeps of each event: enough to address and word later notices, nothing personal (G6). */
  private async learn(event: FundlineEvent, manager: EntityManager): Promise<void> {
    if (event.type === CONCEPT_NOTE_SUBMITTED_V1 || event.type === PROJECT_PROPOSAL_SUBMITTED_V1) {
      const p = event.payload;
      const [id, organisations] =
        event.type === CONCEPT_NOTE_SUBMITTED_V1
          ? [event.payload.conceptNoteId, event.payload.participatingOrganisations]
          : [event.payload.proposalId, []];
      await manager.query(
        `INSERT INTO ${tableOf(manager, 'submissions')} (submission_id, fund, form, country, title, organisations, status)
         VALUES ($1, $2, $3, $4, $5, $6, 'submitted')
         ON CONFLICT (submission_id) DO UPDATE SET title = $5, organisations = $6, status = 'submitted', expires_at = NULL`,
        [id, p.fund, event.type.split('.')[0], p.submittingCountry, p.title, organisations],
      );
    } else if (isEventOf(event, SCREENED_TYPES)) {
      const p = event.payload;
      await manager.query(
        `UPDATE ${tableOf(manager, 'submissions')} SET status = $2, expires_at = $3 WHERE submission_id = $1`,
        [p.submissionId, p.status, p.expiresAt ?? null],
      );
    } else if (isEventOf(event, STATUS_CHANGED_TYPES)) {
      const p = event.payload;
      await manager.query(
        `UPDATE ${tableOf(manager, 'submissions')} SET status = $2, expires_at = NULL WHERE submission_id = $1`,
        [p.submissionId, p.status],
      );
    } else if (event.type === ALLOCATION_APPROVED_V2) {
      const p = event.payload;
      const a = p.allocation;
      await manager.query(
        `INSERT INTO ${tableOf(manager, 'allocations')} (allocation_id, submission_id, fund, organisations)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [a.allocationId, p.conceptId, p.fund, a.shares.map((s) => s.organisation)],
      );
      await this.decided(manager, p.conceptId);
      for (const o of a.obligations ?? []) {
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'obligations')} (obligation_id, allocation_id, submission_id, kind, due_on)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [o.obligationId, a.allocationId, p.conceptId, o.kind, o.dueOn],
        );
      }
    } else if (event.type === ALLOCATION_REJECTED_V2) {
      await this.decided(manager, event.payload.conceptId);
    } else if (event.type === OBLIGATION_SUBMITTED_V1) {
      await manager.query(`UPDATE ${tableOf(manager, 'obligations')} SET submitted_on = $2 WHERE obligation_id = $1`, [
        event.payload.obligationId,
        event.payload.submittedOn,
      ]);
    } else if (event.type === ALLOCATION_REVISED_V2) {
      // A no-cost extension moves the reports owed: their reminders start over from the new due dates (issue 14).
      const p = event.payload;
      for (const o of p.movedObligations) {
        await manager.query(
          `UPDATE ${tableOf(manager, 'obligations')} SET due_on = $2, last_notice = NULL WHERE obligation_id = $1`,
          [o.obligationId, o.dueOn],
        );
      }
      for (const o of p.addedObligations) {
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'obligations')} (obligation_id, allocation_id, submission_id, kind, due_on)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [o.obligationId, p.allocationId, p.conceptId, o.kind, o.dueOn],
        );
      }
    }
  }

  private async decided(manager: EntityManager, submissionId: string): Promise<void> {
    await manager.query(
      `INSERT INTO ${tableOf(manager, 'decided_submissions')} (submission_id) VALUES ($1) ON CONFLICT DO NOTHING`,
      [submissionId],
    );
  }

  private async notice(event: FundlineEvent, s: Submission, manager: EntityManager): Promise<void> {
    // A replay or a first start over years of history updates what is known but mails nothing of the past.
    if (this.clock.now().getTime() - Date.parse(event.occurredAt) > this.config.noticeMaxAgeDays * DAY_MS) return;
    const government: Party = { type: 'government', country: s.country };
    const staff: Party = { type: 'fund-staff', fund: s.fund };
    const at = new Date(event.occurredAt);
    const base = { fund: s.fund, at };
    const approvingBody = (language: Language) =>
      message(
        language,
        FundPolicies.find(s.fund)?.form === 'project-proposal'
          ? 'decision.approving-authority'
          : 'decision.steering-committee',
      );
    if (isEventOf(event, SCREENED_TYPES)) {
      const p = event.payload;
      const failed = [...new Set(p.lines.filter((l) => !l.passed).map((l) => l.rule))];
      await this.notices.record(manager, {
        ...base,
        kind: p.eligible ? 'screening-eligible' : 'screening-ineligible',
        about: `${p.submissionId}:${p.version}:${p.screenedAt}`,
        parties: [government, staff],
        params: (language) => ({
          title: s.title,
          expiresOn: p.expiresAt ? dayIn(language, p.expiresAt) : '',
          failedRules: failed.map((rule) => `- ${rule}: ${ruleInWords(language, rule)}`).join('\n'),
        }),
      });
    } else if (isEventOf(event, STATUS_CHANGED_TYPES)) {
      if (event.payload.status !== 'expired') return;
      await this.notices.record(manager, {
        ...base,
        kind: 'pipeline-expired',
        about: `${s.submission_id}:${event.payload.version}`,
        parties: [government, staff],
        params: () => ({ title: s.title }),
      });
    } else if (event.type === ALLOCATION_APPROVED_V2) {
      const p = event.payload;
      await this.notices.record(manager, {
        ...base,
        kind: 'decision-approved',
        about: p.decisionId,
        parties: [
          government,
          { type: 'organisation', codes: p.allocation.shares.map((share) => share.organisation) },
          staff,
        ],
        params: (language) => ({
          title: s.title,
          approvingBody: approvingBody(language),
          decidedOn: dayIn(language, p.decidedAt),
          amount: moneyIn(language, p.allocation.amount.amount, p.allocation.amount.currency),
        }),
      });
    } else if (event.type === ALLOCATION_DEFERRED_V2 || event.type === ALLOCATION_REJECTED_V2) {
      const p = event.payload;
      await this.notices.record(manager, {
        ...base,
        kind: event.type === ALLOCATION_DEFERRED_V2 ? 'decision-deferred' : 'decision-rejected',
        about: p.decisionId,
        parties: [government, staff],
        params: (language) => ({
          title: s.title,
          approvingBody: approvingBody(language),
          decidedOn: dayIn(language, p.decidedAt),
          reasons: p.reasons,
        }),
      });
    } else if (event.type === TRANSFER_DISBURSED_V1) {
      const p = event.payload;
      await this.notices.record(manager, {
        ...base,
        kind: 'transfer-disbursed',
        about: p.transferId,
        parties: [government, { type: 'organisation', codes: [p.organisation] }, staff],
        params: (language) => ({
          title: s.title,
          organisation: p.organisation,
          amount: moneyIn(language, p.transferredToOrganisation.amount, p.transferredToOrganisation.currency),
          transferDate: dayIn(language, p.transferDate),
        }),
      });
    } else if (event.type === ALLOCATION_REVISED_V2) {
      const p = event.payload;
      await this.notices.record(manager, {
        ...base,
        kind: 'allocation-revised',
        about: event.eventId,
        parties: [government, await this.organisationsOf(manager, p.allocationId), staff],
        params: (language) => ({
          title: s.title,
          revision: message(language, `revision.${p.kind}`),
          revisedOn: dayIn(language, p.revisedAt),
          endDate: dayIn(language, p.endDate),
          previousEndDate: dayIn(language, p.previousEndDate),
          reason: p.justification,
        }),
      });
    } else if (event.type === ALLOCATION_REVISION_DECIDED_V1) {
      // An approval is told by the revision it puts in force (allocation.revised.v2); a refusal only here.
      const p = event.payload;
      if (p.decision !== 'refused') return;
      await this.notices.record(manager, {
        ...base,
        kind: 'revision-refused',
        about: p.revisionId,
        parties: [government, await this.organisationsOf(manager, p.allocationId), staff],
        params: (language) => ({
          title: s.title,
          approvingBody: approvingBody(language),
          revision: message(language, `revision.${p.kind}`),
          decidedOn: dayIn(language, p.decidedAt),
          reason: p.reason,
        }),
      });
    } else if (event.type === OBLIGATION_OVERDUE_V1) {
      await this.obligations.overdue(manager, event.payload.obligationId, at);
    }
  }

  private async organisationsOf(manager: EntityManager, allocationId: string): Promise<Party> {
    const rows: { organisations: string[] }[] = await manager.query(
      `SELECT organisations FROM ${tableOf(manager, 'allocations')} WHERE allocation_id = $1`,
      [allocationId],
    );
    return { type: 'organisation', codes: rows[0]?.organisations ?? [] };
  }

  private async submission(manager: EntityManager, id: string): Promise<Submission | undefined> {
    const rows: Submission[] = await manager.query(
      `SELECT submission_id, fund, country, title, organisations FROM ${tableOf(manager, 'submissions')}
       WHERE submission_id = $1`,
      [id],
    );
    return rows[0];
  }

  private async hold(manager: EntityManager, submissionId: string, event: FundlineEvent): Promise<void> {
    await manager.query(
      `INSERT INTO ${tableOf(manager, 'held_events')} (event_id, submission_id, event) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [event.eventId, submissionId, JSON.stringify(event)],
    );
  }

  private async releaseHeld(manager: EntityManager, submissionId: string): Promise<void> {
    const held: { event: FundlineEvent }[] = await manager.query(
      `SELECT event FROM ${tableOf(manager, 'held_events')} WHERE submission_id = $1 FOR UPDATE`,
      [submissionId],
    );
    if (held.length === 0) return;
    await manager.query(`DELETE FROM ${tableOf(manager, 'held_events')} WHERE submission_id = $1`, [submissionId]);
    const submission = await this.submission(manager, submissionId);
    if (!submission) return;
    for (const { event } of held.sort((a, b) => a.event.occurredAt.localeCompare(b.event.occurredAt))) {
      await this.notice(event, submission, manager);
    }
  }
}

/** A screening rule in plain words (F4.1 reads as F4, its family); a rule without words is named by its id. */
function ruleInWords(language: Language, rule: string): string {
  const key = `rule.${rule.split('.')[0]}`;
  return hasMessage(language, key) ? message(language, key) : message(language, 'rule.other', { rule });
}
