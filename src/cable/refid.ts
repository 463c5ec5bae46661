/**
 * Reference ids: the canonical form (two-digit year + station + serial without leading zeros,
 * `06MOSCOW1323`) and the repairs of malformed published ids that are certain:
 * - junk before the station that is a garbled `SECTION 01 OF 02` (`08ECTION01OF02MANAMA492`);
 * - a leading `EFTO` / `AMEMBASSY` / `EMBASSY` / `SIFIED` / `NOFORN` word glued to a known station;
 * - a doubled year (`7575LIBREVILLE1895`) or a four-digit year;
 * - junk after the serial (`90STATE255577TOSEC140323`, `07OSLO000160ZDK164`);
 * - hyphens and spaces (`06PORT-OF-SPAIN123`), and station spellings from cablemap's fix table
 *   (`SECSTATE` -> `STATE`, `HAGUE` -> `THEHAGUE`).
 * One-off typos in a single id (`06ANOI582` -> `06HANOI582`) cannot be derived by a rule; those come
 * from a small table of known corrections taken from cablemap's tables (data/stations.ts). Any other
 * id that looks wrong is kept as published, with a warning in plain words.
 */
import { KNOWN_ID_CORRECTIONS, STATION_FIXES, VALID_STATIONS } from './data/stations.ts';

export interface CanonicalId {
  refId: string;
  /** True when the published id was changed beyond upper-casing and dropping leading zeros. */
  repaired: boolean;
  /** Why the id could not be trusted, in words for a reader; null when fine. */
  warning: string | null;
}

/** Year: a doubled year (`7575`), a four-digit year, or two digits. */
const YEAR = /^(?:(\d\d)\1(?=[A-Z])|(?:19|20)(\d\d)(?=[A-Z])|(\d\d))/;
/** A garbled `SECTION01OF02` before the real station (`ECTION01OF02`, `SECTION01GF02`, `01OF02`). */
const SECTION_JUNK = /^([A-Z]{0,8}?)[0-9Q]{1,2}[A-Z]{0,2}[0-9]{1,2}(?=[A-Z]{2})/;
/** Words that got glued before the station. EMBASSY/AMEMBASSY are stripped even before unknown names. */
const GLUED_WORDS = /^(AMEMBASSY|EMBASSY|AMCONSUL|EFTO|SIFIED|NOFORN)(?=[A-Z]{2})/;
const ALWAYS_STRIP = new Set(['AMEMBASSY', 'EMBASSY', 'AMCONSUL']);
/** Station letters, serial digits, and optional junk after the serial (`TOSEC140323`, `ZDK164`). */
const STATION_SERIAL = /^([A-Z]+)(\d+)([A-Z]+\d*)?$/;

/** Levenshtein distance, for the short station names only (used for suggestions and `SECTION`). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The station as used in ids (`MOSCOW`), from a station spelling; null when not known. */
export function canonicalStation(name: string): string | null {
  const s = name.toUpperCase().replace(/[^A-Z]/g, '');
  if (VALID_STATIONS.has(s)) return s;
  return STATION_FIXES.get(s) ?? null;
}

/** The nearest known station, for a warning's suggestion; null when nothing is close. */
function nearestStation(name: string): string | null {
  let best: string | null = null;
  let bestDistance = name.length < 6 ? 2 : 3;
  for (const station of VALID_STATIONS) {
    if (Math.abs(station.length - name.length) >= bestDistance) continue;
    const d = editDistance(name, station);
    if (d < bestDistance) {
      bestDistance = d;
      best = station;
    }
  }
  return best;
}

interface Parsed {
  year: string;
  station: string;
  serial: string;
  repaired: boolean;
}

/** Applies the certain rule-based repairs; null when the text has no year+station+serial shape. */
function parseShape(compact: string): Parsed | null {
  const y = YEAR.exec(compact);
  if (!y) return null;
  const year = y[1] ?? y[2] ?? y[3]!;
  let repaired = y[0].length !== 2;
  let rest = compact.slice(y[0].length);
  const section = SECTION_JUNK.exec(rest);
  if (section && (section[1] === '' || editDistance(section[1]!, 'SECTION') <= 2)) {
    rest = rest.slice(section[0].length);
    repaired = true;
  }
  const m = STATION_SERIAL.exec(rest);
  if (!m) return null;
  let station = m[1]!;
  if (m[3]) repaired = true;
  const glued = GLUED_WORDS.exec(station);
  if (glued) {
    const after = station.slice(glued[1]!.length);
    if (ALWAYS_STRIP.has(glued[1]!) || canonicalStation(after)) {
      station = after;
      repaired = true;
    }
  }
  if (!VALID_STATIONS.has(station)) {
    const fixed = STATION_FIXES.get(station);
    if (fixed) {
      station = fixed;
      repaired = true;
    }
  }
  return { year, station, serial: m[2]!, repaired };
}

/** Canonical id of a published id (see the module comment), with a warning when it stays doubtful. */
export function canonicalRefId(published: string): CanonicalId {
  const compact = published.toUpperCase().replace(/[\s\-_.]+/g, '');
  const known = KNOWN_ID_CORRECTIONS.get(compact);
  if (known) {
    const fixed = parseShape(known);
    if (fixed)
      return { refId: fixed.year + fixed.station + Number(fixed.serial), repaired: true, warning: null };
  }
  const p = parseShape(compact);
  if (!p) {
    return {
      refId: compact || published.trim(),
      repaired: false,
      warning: `the reference id "${published.trim()}" does not have the usual form (year, station, serial number)`,
    };
  }
  const serial = String(Number(p.serial));
  const refId = p.year + p.station + serial;
  const repaired =
    p.repaired ||
    published
      .trim()
      .toUpperCase()
      .replace(/^(\d\d[A-Z]+)0+/, '$1') !== refId;
  if (!VALID_STATIONS.has(p.station)) {
    const near = nearestStation(p.station);
    const hint = near ? ` (perhaps ${near})` : '';
    return {
      refId,
      repaired,
      warning: `the reference id "${published.trim()}" names an unknown station "${p.station}"${hint}; the station was left as written`,
    };
  }
  return { refId, repaired, warning: null };
}

/** Splits a canonical id into its parts, or null when it does not have the YY+STATION+SERIAL shape. */
export function splitRefId(refId: string): { year: number; station: string; serial: number } | null {
  const m = /^(\d\d)([A-Z]+)(\d+)$/.exec(refId);
  if (!m) return null;
  const yy = Number(m[1]);
  return { year: yy > 60 ? 1900 + yy : 2000 + yy, station: m[2]!, serial: Number(m[3]) };
}
