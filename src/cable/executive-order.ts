/**
 * The E.O. line: which executive order governs the classification (`E.O. 12958: DECL: 02/10/2016`)
 * and the declassification date it gives, as an ISO date. `N/A`, `OADR`, `NGDS`, `25X1`-style
 * exemptions and dates that are not real calendar days give null: nothing is invented.
 */
import { monthNumber } from './months.ts';
import { preambleWindow } from './preamble.ts';

/** `E.O. 12958`, `EO 12958`, `E.o. 12958:`, `E. O. 11652`, `E.O.12958`. */
const EO_LINE = /(?:E\.\s?O\.|(?:^|[^A-Z0-9])E\.?\s?O\.?)\s*(\d{4,5})(?!\d)[^\n]*(?:\n[^\n]*)?/gi;
/** A `DECL:` / `DECLASSIFY ON:` line when there is no E.O. number before it. */
const DECL_LINE = /\bDECL(?:ASSIFY)?(?:\s+ON)?\s*:[^\n]*/i;
/** Where the E.O. line's own content ends when TAGS or SUBJECT follow on the same line. */
const LINE_END = /(?:TAGS?|SUBJECT)\b|\n(?!\s*DECL)/i;
const NOT_APPLICABLE = /^\W*(?:DECL\w*\W*)?N\/?A\b/i;
/** Downgrading instructions (`DNG: CO 01/26/2021`) are not a declassification date. */
const DOWNGRADE = /^\W*DNG\b/i;
/** What is left of the line when it says nothing yet (`E.O. 12958:` then `DECL: ...` on the next line). */
const EMPTY_REST = /^[\s:.;-]*(?:DE\w*)?[\s:.;-]*$/i;

const YEAR_FIRST = /\b(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)/;
const MONTH_FIRST = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/;
const DAY_MONTH_NAME =
  /\b(\d{1,2})[\s-]*(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?[\s,-]*(\d{4}|\d{2})(?!\d)/i;
const MONTH_NAME_DAY =
  /\b(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)/i;

function fullYear(text: string): number {
  const n = Number(text);
  if (text.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

/** ISO date from year/month/day when they make a real calendar day, else null. */
function isoDay(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first date written in `text` (`06/30/2019`, `6/3/08`, `2020/02/24`, `30 JUN 2019`, `June 30, 2019`). */
export function parseDeclassDate(text: string): string | null {
  let m = YEAR_FIRST.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = MONTH_FIRST.exec(text);
  if (m) return isoDay(fullYear(m[3]!), Number(m[1]), Number(m[2]));
  m = DAY_MONTH_NAME.exec(text);
  if (m) return isoDay(fullYear(m[3]!), monthNumber(m[2]!), Number(m[1]));
  m = MONTH_NAME_DAY.exec(text);
  if (m) return isoDay(fullYear(m[3]!), monthNumber(m[1]!), Number(m[2]));
  return null;
}

/** The rest of an E.O. or DECL line, cut where TAGS or SUBJECT follow on the same line. */
function lineRest(text: string): string {
  const end = LINE_END.exec(text);
  return end ? text.slice(0, end.index) : text;
}

/** The executive order number and declassification date of a cable body (or an E.O. line alone). */
export function parseExecutiveOrder(text: string): {
  executiveOrder: string | null;
  declassifyOn: string | null;
} {
  const window = preambleWindow(text, 4000);
  EO_LINE.lastIndex = 0;
  let executiveOrder: string | null = null;
  for (let eo = EO_LINE.exec(window); eo; eo = EO_LINE.exec(window)) {
    executiveOrder ??= eo[1]!;
    const rest = lineRest(eo[0].slice(eo[0].indexOf(eo[1]!) + eo[1]!.length));
    if (EMPTY_REST.test(rest)) continue;
    if (NOT_APPLICABLE.test(rest) || DOWNGRADE.test(rest)) return { executiveOrder, declassifyOn: null };
    return { executiveOrder, declassifyOn: parseDeclassDate(rest) };
  }
  if (executiveOrder) return { executiveOrder, declassifyOn: null };
  const decl = DECL_LINE.exec(window);
  if (!decl) return { executiveOrder: null, declassifyOn: null };
  const rest = lineRest(decl[0]);
  return { executiveOrder: null, declassifyOn: NOT_APPLICABLE.test(rest) ? null : parseDeclassDate(rest) };
}
