/** What the notifier adds to a service's configuration, read once from the environment (12-factor) or given by a test. */
export interface NotifierConfig {
  /** Where mail goes: `smtp://host:port` or `smtps://user:pass@host:465` (SMTP_URL). */
  smtpUrl: string;
  /** The From address of every notification (MAIL_FROM). */
  mailFrom: string;
  /** Days before a report's due date on which its reminder is sent (REMINDER_OFFSETS_DAYS, "30,7,1"). */
  reminderOffsetsDays: number[];
  /** Days before a pipeline entry expires (M7) on which its government is warned (EXPIRY_WARNING_DAYS, 30). */
  expiryWarningDays: number;
  /** Whether fund staff get one daily digest instead of one mail per event (STAFF_DIGEST, on). */
  staffDigest: boolean;
  /** Hour of the day (UTC) from which the previous day's digest is sent (DIGEST_HOUR_UTC, 6). */
  digestHourUtc: number;
  /** How often due reminders, expiry warnings and digests are looked for (NOTIFIER_SCAN_EVERY_MS, 60 s). */
  scanEveryMs: number;
  /** How often pending mail and webhook deliveries are looked for when nothing wakes the sender (1 s). */
  sendEveryMs: number;
  /**
   * Events older than this many days update what the notifier knows but send nothing: a notifier deployed beside a
   * fund with years of history, or a replay, does not mail the past (NOTICE_MAX_AGE_DAYS, 7).
   */
  noticeMaxAgeDays: number;
  /** Attempts at one mail before it is parked for an operator (MAIL_MAX_ATTEMPTS, 10). */
  mailMaxAttempts: number;
}

function list(value: string | undefined, fallback: number[], name: string): number[] {
  if (value === undefined || value.trim() === '') return fallback;
  const days = value.split(',').map((d) => Number(d.trim()));
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 366)) {
    throw new Error(`${name} must be whole numbers of days between 1 and 366, separated by commas`);
  }
  return [...new Set(days)].sort((a, b) => b - a);
}

/** A whole number from the environment, within bounds, or the default when unset. */
export function whole(value: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

export function notifierConfigFromEnv(env: NodeJS.ProcessEnv): NotifierConfig {
  return {
    smtpUrl: env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
    mailFrom: env.MAIL_FROM ?? 'Fundline <no-reply@fundline.local>',
    reminderOffsetsDays: list(env.REMINDER_OFFSETS_DAYS, [30, 7, 1], 'REMINDER_OFFSETS_DAYS'),
    expiryWarningDays: whole(env.EXPIRY_WARNING_DAYS, 30, 'EXPIRY_WARNING_DAYS', 1, 366),
    staffDigest: env.STAFF_DIGEST !== 'off',
    digestHourUtc: whole(env.DIGEST_HOUR_UTC, 6, 'DIGEST_HOUR_UTC', 0, 23),
    scanEveryMs: whole(env.NOTIFIER_SCAN_EVERY_MS, 60_000, 'NOTIFIER_SCAN_EVERY_MS', 10, 86_400_000),
    sendEveryMs: whole(env.NOTIFIER_SEND_EVERY_MS, 1_000, 'NOTIFIER_SEND_EVERY_MS', 10, 600_000),
    noticeMaxAgeDays: whole(env.NOTICE_MAX_AGE_DAYS, 7, 'NOTICE_MAX_AGE_DAYS', 0, 3_650),
    mailMaxAttempts: whole(env.MAIL_MAX_ATTEMPTS, 10, 'MAIL_MAX_ATTEMPTS', 1, 1_000),
  };
}

export const NOTIFIER_CONFIG = Symbol('NOTIFIER_CONFIG');
