/**
 * Days are ISO 'YYYY-MM-DD' strings in UTC: they compare as strings, sit in Postgres `date` columns unchanged and never
 * shift with the server's time zone. Adding months keeps the day of the month and falls back to the month's last day
 * when the target month is shorter (31 January + 1 month is 28 February), as a person counting months on a calendar
 * would; `Date.setUTCMonth` would overflow into March instead.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day of an instant. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The instant a day starts, 00:00 UTC. */
export function startOfDay(day: string): Date {
  const { year, month, date } = partsOf(day);
  return new Date(Date.UTC(year, month - 1, date));
}

/** The calendar year a day falls in. */
export function yearOf(day: string): number {
  return partsOf(day).year;
}

/** A day some months later (or earlier when negative), on the same day of the month or the month's last day. */
export function addMonths(day: string, months: number): string;
/** An instant some months later at the same time of day, on the same day of the month or the month's last day. */
export function addMonths(at: Date, months: number): Date;
export function addMonths(from: string | Date, months: number): string | Date {
  return shiftMonths(from, months);
}

/** Twelve months per year: 29 February plus one year is 28 February. */
export function addYears(day: string, years: number): string;
export function addYears(at: Date, years: number): Date;
export function addYears(from: string | Date, years: number): string | Date {
  return shiftMonths(from, years * 12);
}

/**
 * How many month boundaries lie between two days: the difference of their calendar months, whatever the days of the
 * month (2025-01-31 to 2025-02-01 is one month, 2025-01-01 to 2025-01-31 none). Durations such as "projects of twelve
 * months or more" are counted this way.
 */
export function monthsBetween(start: string, end: string): number {
  const from = partsOf(start);
  const to = partsOf(end);
  return (to.year - from.year) * 12 + (to.month - from.month);
}

function shiftMonths(from: string | Date, months: number): string | Date {
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  return typeof from === 'string' ? dayOf(shiftInstant(startOfDay(from), months)) : shiftInstant(from, months);
}

function shiftInstant(at: Date, months: number): Date {
  const target = new Date(at.getTime());
  const monthIndex = at.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(at.getUTCFullYear(), monthIndex + 1, 0)).getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(monthIndex);
  target.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  return target;
}

function partsOf(day: string): { year: number; month: number; date: number } {
  const match = DAY.exec(day);
  const parts = match && { year: Number(match[1]), month: Number(match[2]), date: Number(match[3]) };
  if (!parts || dayOf(new Date(Date.UTC(parts.year, parts.month - 1, parts.date))) !== day) {
    throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`);
  }
  return parts;
}
