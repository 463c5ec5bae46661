/**
 * Dates as the site shows them: ISO 8601 UTC values from the record (`2006-02-10T15:26:00Z`)
 * printed as `2006-02-10 15:26` or `10 February 2006`, and the parts browse links need.
 */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2006-02-10 15:26`, or an empty string for null. */
export function shortDateTime(iso: string | null): string {
  if (!iso) return '';
  return iso.length >= 16 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

/** `10 February 2006` from `2006-02-10...`; `February 2006` from `2006-02`; `2006` from `2006`. */
export function longDate(iso: string): string {
  const y = iso.slice(0, 4);
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (!m) return y;
  if (!d) return `${MONTHS[m - 1]} ${y}`;
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** True for a `YYYY-MM-DD` string that is a real calendar day. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d\d-\d\d$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Today's date (UTC) as `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
