/** English month names (`FEB`, `February`, `SEPT`) to month numbers, for date-time groups and DECL dates. */

const MONTHS: Readonly<Record<string, number>> = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  SEPT: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};

/** Month number from an English name or its first three letters, any case; 0 when unknown. */
export function monthNumber(name: string): number {
  const upper = name.toUpperCase();
  return MONTHS[upper] ?? MONTHS[upper.slice(0, 3)] ?? 0;
}
