import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FundPolicies } from '@fundline/domain';
import { tableOf } from '@fundline/persistence';
import { EntityManager } from 'typeorm';
import { Language, message } from '../messages/catalogue';
import { NOTIFIER_CONFIG, NotifierConfig } from '../notifier-config';
import { Party, Recipients } from './recipients';

/** The kinds a contact can receive; a kind is also the prefix of its two templates (`<kind>.subject`, `<kind>.body`). */
export const NOTICE_KINDS = [
  'obligation-reminder',
  'obligation-overdue',
  'screening-eligible',
  'screening-ineligible',
  'decision-approved',
  'decision-deferred',
  'decision-rejected',
  'transfer-disbursed',
  'allocation-revised',
  'revision-refused',
  'pipeline-expiry-warning',
  'pipeline-expired',
  'digest',
  'webhook-disabled',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Reports owed under an agreement (F12, M11): their reminders cannot be switched off. */
export const CONTRACTUAL_KINDS: readonly NoticeKind[] = ['obligation-reminder', 'obligation-overdue'];

export type NoticeParams = Readonly<Record<string, string | number>>;

export interface Notice {
  kind: NoticeKind;
  /** What it is about (an obligation and its offset, a decision…): with the kind and the contact, it is sent once. */
  about: string;
  fund: string;
  parties: readonly Party[];
  /** The template's parameters in the recipient's language (dates, amounts and rule names are written per language). */
  params: (language: Language) => NoticeParams;
  at: Date;
}

/**
 * Decides who receives a notice and records one notification per recipient, rendered in their language. Recording
 * happens in the caller's transaction (the consumer's, with the event's inbox row, or the scan's); sending happens
 * later, from the table (MailDispatch). The unique `dedupe_key` makes a second recording of the same notice a no-op,
 * whether it comes from a replay, a restart or a second scanner.
 */
@Injectable()
export class Notices {
  constructor(
    private readonly recipients: Recipients,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {}

  async record(manager: EntityManager, notice: Notice): Promise<number> {
    const contractual = CONTRACTUAL_KINDS.includes(notice.kind);
    const seen = new Set<string>();
    let recorded = 0;
    for (const party of notice.parties) {
      for (const recipient of await this.recipients.of(manager, party, notice.kind, contractual)) {
        if (seen.has(recipient.contactId)) continue;
        seen.add(recipient.contactId);
        const { subject, body } = this.render(notice, recipient.language, recipient.name, contractual);
        const digest = recipient.staff && this.config.staffDigest && notice.kind !== 'digest';
        const rows: unknown[] = await manager.query(
          `INSERT INTO ${tableOf(manager, 'notifications')} (notification_id, dedupe_key, contact_id, kind, language,
             subject, body, delivery, status, created_at, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, now())
           ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
          [
            randomUUID(),
            `${notice.kind}:${notice.about}:${recipient.contactId}`,
            recipient.contactId,
            notice.kind,
            recipient.language,
            subject,
            body,
            digest ? 'digest' : 'mail',
            notice.at,
          ],
        );
        recorded += rows.length;
      }
    }
    return recorded;
  }

  private render(notice: Notice, language: Language, name: string, contractual: boolean) {
    const params = { ...notice.params(language), fundName: FundPolicies.find(notice.fund)?.name ?? notice.fund, name };
    const body = [
      message(language, 'greeting', params),
      message(language, `${notice.kind}.body`, params),
      message(language, 'signature', params),
      message(language, contractual ? 'footer.contractual' : 'footer.opt-out'),
    ].join('\n\n');
    return { subject: message(language, `${notice.kind}.subject`, params), body };
  }
}
