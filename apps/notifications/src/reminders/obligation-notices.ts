import { Inject, Injectable } from '@nestjs/common';
import { dayOf } from '@fundline/domain';
import { tableOf } from '@fundline/persistence';
import { EntityManager } from 'typeorm';
import { dayIn } from '../messages/formats';
import { hasMessage, Language, message } from '../messages/catalogue';
import { Notices } from '../notices/notices';
import { NOTIFIER_CONFIG, NotifierConfig } from '../notifier-config';

const DAY_MS = 86_400_000;

interface OpenObligation {
  obligation_id: string;
  kind: string;
  due_on: string;
  last_notice: string | null;
  fund: string;
  country: string;
  title: string;
  organisations: string[];
}

/**
 * Reminders of reports owed (F12, M11): at each configured offset before the due date, then once overdue, to the
 * allocation's organisations, the submitting government and the fund's staff. Only the latest stage reached is sent:
 * a notifier that was down for a month sends the 7-day reminder, not the 30-day one as well. `last_notice` spares the
 * scan the obligations already told; the notification's unique key is what guarantees once.
 */
@Injectable()
export class ObligationNotices {
  constructor(
    private readonly notices: Notices,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {}

  /** The reminders due on `today`; returns how many notifications were recorded. */
  async remind(manager: EntityManager, now: Date): Promise<number> {
    const today = dayOf(now);
    const furthest = Math.max(...this.config.reminderOffsetsDays);
    const open = await this.open(
      manager,
      `o.due_on <= ($1::date + $2::int) AND o.last_notice IS DISTINCT FROM 'overdue'`,
      [today, furthest],
    );
    let recorded = 0;
    for (const o of open) {
      const stage = this.stageOf(o.due_on, today);
      if (stage === undefined || stage === o.last_notice) continue;
      recorded += await this.record(manager, o, stage, now);
    }
    return recorded;
  }

  /** The overdue notice of one obligation (on `obligation.overdue.v1`, or when the scan finds it past due). */
  async overdue(manager: EntityManager, obligationId: string, at: Date): Promise<void> {
    const [o] = await this.open(manager, `o.obligation_id = $1`, [obligationId]);
    if (o && o.last_notice !== 'overdue') await this.record(manager, o, 'overdue', at);
  }

  /** `overdue` after the due day; else the smallest offset whose window has opened (`"7"`); else none yet. */
  private stageOf(dueOn: string, today: string): string | undefined {
    const daysLeft = Math.round((Date.parse(dueOn) - Date.parse(today)) / DAY_MS);
    if (daysLeft < 0) return 'overdue';
    const reached = this.config.reminderOffsetsDays.filter((offset) => daysLeft <= offset);
    return reached.length ? String(Math.min(...reached)) : undefined;
  }

  private async record(manager: EntityManager, o: OpenObligation, stage: string, at: Date): Promise<number> {
    const key = reportKey(o.kind);
    const report = (language: Language) => (hasMessage(language, key) ? message(language, key) : o.kind);
    const daysLeft = Math.round((Date.parse(o.due_on) - Date.parse(dayOf(at))) / DAY_MS);
    const recorded = await this.notices.record(manager, {
      kind: stage === 'overdue' ? 'obligation-overdue' : 'obligation-reminder',
      about: stage === 'overdue' ? o.obligation_id : `${o.obligation_id}:${stage}`,
      fund: o.fund,
      at,
      parties: [
        { type: 'organisation', codes: o.organisations },
        { type: 'government', country: o.country },
        { type: 'fund-staff', fund: o.fund },
      ],
      params: (language) => ({
        title: o.title,
        report: report(language),
        dueOn: dayIn(language, o.due_on),
        days: Math.max(daysLeft, 0),
      }),
    });
    await manager.query(`UPDATE ${tableOf(manager, 'obligations')} SET last_notice = $2 WHERE obligation_id = $1`, [
      o.obligation_id,
      stage,
    ]);
    return recorded;
  }

  private open(manager: EntityManager, where: string, params: unknown[]): Promise<OpenObligation[]> {
    return manager.query(
      `SELECT o.obligation_id, o.kind, to_char(o.due_on, 'YYYY-MM-DD') AS due_on, o.last_notice,
              a.fund, s.country, s.title, a.organisations
       FROM ${tableOf(manager, 'obligations')} o
       JOIN ${tableOf(manager, 'allocations')} a ON a.allocation_id = o.allocation_id
       JOIN ${tableOf(manager, 'submissions')} s ON s.submission_id = o.submission_id
       WHERE o.submitted_on IS NULL AND ${where}
       ORDER BY o.due_on, o.obligation_id`,
      params,
    );
  }
}

/** `annual-expenditure-2027` is worded as the annual expenditure report; other kinds by their own key. */
function reportKey(kind: string): string {
  return kind.startsWith('annual-expenditure-') ? 'report.annual-expenditure' : `report.${kind}`;
}
