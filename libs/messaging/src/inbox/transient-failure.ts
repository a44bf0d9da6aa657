/** PostgreSQL error classes that say "not now" rather than "never": the same event will succeed later. */
const TRANSIENT_SQLSTATES = [/^08/, /^57P0[123]$/, /^53300$/, /^40001$/, /^40P01$/];
const TRANSIENT_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH']);
const TRANSIENT_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|connection error|terminating connection|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * Whether a failure came from the infrastructure (the database restarting, a dropped connection, a deadlock) rather
 * than from the event. Such failures are retried for as long as they last and never dead-lettered: the dead-letter
 * topic is for messages that cannot be handled, not for minutes when PostgreSQL was down.
 */
export function isTransientFailure(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined,
      depth = 0;
    e && depth < 4;
    depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (TRANSIENT_SQLSTATES.some((p) => p.test(code)) || TRANSIENT_ERRNOS.has(code)) return true;
    if (typeof e.message === 'string' && TRANSIENT_MESSAGES.test(e.message)) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}
