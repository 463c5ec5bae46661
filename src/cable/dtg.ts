/**
 * Date-time groups to ISO 8601 UTC at minute precision. Two shapes are read:
 * - the military DTG of cable headers, `310639Z AUG 06` (also `291359Z Nov 00`, `310639ZAUG06`,
 *   `310639Z AUG 2006`): day, hour, minute, `Z`, month, year;
 * - the date line of media-partner copies, `Thursday, 31 August 2006, 06:39`;
 * - the day-only group of old-format headers, `271458Z` (`PAGE 01 HARARE 05461 01 OF 02 271458Z`):
 *   month and year come from the hint (the month that puts the day nearest the hint); no hint, null.
 * A two-digit year gets the century that puts it nearest the hint (the source's Created value);
 * without a hint, 61-99 are 19xx and 00-60 are 20xx. Impossible dates (day 32, hour 25) give null.
 * Sanity check: a DTG more than a day away from the hint is taken to be mistyped and gives null, so
 * the caller falls back to the source's date. In the corpus the one such case (`101632Z NOV 08` on a
 * cable whose DE line and page both say 7 November) is indeed a typing error in the DTG.
 */
import { monthNumber } from './months.ts';

/** `310639Z AUG 06`: captures day, hour, minute, month name, year. */
export const MILITARY_DTG = /\b([0-3]\d)([0-2]\d)([0-5]\d)\s?Z\s?([A-Za-z]{3,4})\s?(\d{4}|\d\d)\b/;
/** `Thursday, 31 August 2006, 06:39`: captures day, month name, year, hour, minute. */
export const WRITTEN_DATE =
  /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(\d{1,2})\s+([A-Za-z]+)\s+(\d{4}),?\s+(\d{1,2}):(\d\d)\b/;

/** How far (ms) a DTG may be from the hint before it is distrusted. */
const MAX_HINT_DISTANCE = 26 * 3600 * 1000;

/** `271458Z` alone: captures day, hour, minute. */
export const DAY_ONLY_DTG = /^\s*([0-3]\d)([0-2]\d)([0-5]\d)Z\s*$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** Four-digit year from two digits, nearest to the hint year when there is one. */
function fullYear(yy: number, hintYear: number | null): number {
  if (hintYear === null) return yy > 60 ? 1900 + yy : 2000 + yy;
  const century = Math.floor(hintYear / 100) * 100;
  const candidates = [century - 100 + yy, century + yy, century + 100 + yy];
  return candidates.reduce((best, y) => (Math.abs(y - hintYear) < Math.abs(best - hintYear) ? y : best));
}

/** ISO string when the parts make a real date and time; else null. */
function iso(year: number, month: number, day: number, hour: number, minute: number): string | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00Z`;
}

/** A day-only group placed in the month (of the hint's, the one before or after) nearest the hint. */
function dayOnly(day: number, hour: number, minute: number, hintIso: string): string | null {
  const hint = Date.parse(hintIso);
  if (Number.isNaN(hint)) return null;
  const h = new Date(hint);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const shift of [-1, 0, 1]) {
    const first = new Date(Date.UTC(h.getUTCFullYear(), h.getUTCMonth() + shift, 1));
    const candidate = iso(first.getUTCFullYear(), first.getUTCMonth() + 1, day, hour, minute);
    if (!candidate) continue;
    const distance = Math.abs(Date.parse(candidate) - hint);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

/** A date-time group (either shape) to ISO 8601 UTC; null when it is not a possible date. */
export function dtgToIso(dtg: string, hintIso: string | null): string | null {
  const result = readDtg(dtg, hintIso);
  if (!result || !hintIso) return result;
  const hint = Date.parse(hintIso);
  return Number.isNaN(hint) || Math.abs(Date.parse(result) - hint) <= MAX_HINT_DISTANCE ? result : null;
}

/** The DTG as ISO without the sanity check against the hint. */
function readDtg(dtg: string, hintIso: string | null): string | null {
  const hintYear = hintIso && /^\d{4}/.test(hintIso) ? Number(hintIso.slice(0, 4)) : null;
  const m = MILITARY_DTG.exec(dtg);
  if (m) {
    const month = monthNumber(m[4]!);
    if (!month) return null;
    const y = m[5]!;
    const year = y.length === 4 ? Number(y) : fullYear(Number(y), hintYear);
    return iso(year, month, Number(m[1]), Number(m[2]), Number(m[3]));
  }
  const d = DAY_ONLY_DTG.exec(dtg);
  if (d) return hintIso ? dayOnly(Number(d[1]), Number(d[2]), Number(d[3]), hintIso) : null;
  const w = WRITTEN_DATE.exec(dtg);
  if (w) {
    const month = monthNumber(w[2]!);
    if (!month) return null;
    return iso(Number(w[3]), month, Number(w[1]), Number(w[4]), Number(w[5]));
  }
  return null;
}
