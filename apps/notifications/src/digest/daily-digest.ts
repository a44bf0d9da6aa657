import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { dayOf, startOfDay } from '@fundline/domain';
import { tableOf } from '@fundline/persistence';
import { DataSource } from 'typeorm';
import { Language, message } from '../messages/catalogue';
import { dayIn } from '../messages/formats';
import { NOTIFIER_CONFIG, NotifierConfig } from '../notifier-config';

/**
 * Fund staff receive one mail a day listing the notices of the previous days instead of one mail each (STAFF_DIGEST).
 * From `digestHourUtc` on, each staff contact's notices recorded before today are gathered into one digest
 * notification, keyed by contact and day so that a second scanner or a restart never sends it twice.
 */
@Injectable()
export class DailyDigest {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {}

  async send(now: Date): Promise<number> {
    if (!this.config.staffDigest || now.getUTCHours() < this.config.digestHourUtc) return 0;
    const today = dayOf(now);
    return this.dataSource.transaction(async (manager) => {
      const waiting: { contact_id: string; language: Language; name: string; subjects: string[]; ids: string[] }[] =
        await manager.query(
          `SELECT n.contact_id, c.language, c.name,
                  array_agg(n.subject ORDER BY n.created_at, n.notification_id) AS subjects,
                  array_agg(n.notification_id) AS ids
           FROM (SELECT * FROM ${tableOf(manager, 'notifications')}
                 WHERE delivery = 'digest' AND digest_id IS NULL AND created_at < $1
                 FOR UPDATE SKIP LOCKED) n
           JOIN ${tableOf(manager, 'contacts')} c ON c.contact_id = n.contact_id
           GROUP BY n.contact_id, c.language, c.name`,
          [startOfDay(today)],
        );
      let sent = 0;
      for (const w of waiting) {
        const language: Language = w.language ?? 'en';
        const params = {
          name: w.name,
          date: dayIn(language, today),
          count: w.subjects.length,
          items: w.subjects.map((s) => `- ${s}`).join('\n'),
        };
        const digestId = randomUUID();
        const rows: unknown[] = await manager.query(
          `INSERT INTO ${tableOf(manager, 'notifications')} (notification_id, dedupe_key, contact_id, kind, language,
             subject, body, delivery, status, created_at, next_attempt_at)
           VALUES ($1, $2, $3, 'digest', $4, $5, $6, 'mail', 'pending', $7, now())
           ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
          [
            digestId,
            `digest:${today}:${w.contact_id}`,
            w.contact_id,
            language,
            message(language, 'digest.subject', params),
            [message(language, 'greeting', params), message(language, 'digest.body', params)].join('\n\n'),
            now,
          ],
        );
        // A digest already sent today takes today's stragglers tomorrow.
        if (rows.length === 0) continue;
        await manager.query(
          `UPDATE ${tableOf(manager, 'notifications')} SET digest_id = $1, status = 'digested' WHERE notification_id = ANY($2)`,
          [digestId, w.ids],
        );
        sent++;
      }
      return sent;
    });
  }
}
