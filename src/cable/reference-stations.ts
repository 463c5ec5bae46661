/**
 * Station names as REF lists write them, mapped to the station part of a reference id: the
 * station table of refid.ts (`LA PAZ` -> `LAPAZ`, `SECSTATE` -> `STATE`, `HK` -> `HONGKONG`)
 * plus a few short forms only seen in REF lists (`BSAS` -> `BUENOSAIRES`).
 */
import { STATION_FIXES, VALID_STATIONS } from './data/stations.ts';
import { memoize } from './memo.ts';
import { canonicalStation } from './refid.ts';

/** Short forms drafters write in REF lists that the id table does not know. */
const REF_ONLY_ALIASES: Record<string, string> = {
  AIT: 'AITTAIPEI',
  RPO: 'RPODUBAI',
  BSAS: 'BUENOSAIRES',
  STPETERSBERG: 'STPETERSBURG',
  USOSCEVIENNA: 'USOSCE',
  USNATOBRUSSELS: 'USNATO',
  DARESSALAM: 'DARESSALAAM',
};

/** Longest station name, in words, that a REF list spells out (`BANDAR SERI BEGAWAN`, `HO CHI MINH CITY`). */
export const MAX_STATION_WORDS = 4;

/** Every beginning of a station key (letters only): a run of words that is none cannot become a station. */
const KEY_PREFIXES = new Set<string>();
for (const key of [...VALID_STATIONS, ...STATION_FIXES.keys(), ...Object.keys(REF_ONLY_ALIASES)]) {
  for (let n = 1; n <= key.length; n++) KEY_PREFIXES.add(key.slice(0, n));
}

/**
 * False when no station name starts with these letters (upper case A-Z only, as stationFor
 * compares them), so neither they nor any longer run of words is a station.
 */
export function mayStartStation(letters: string): boolean {
  return KEY_PREFIXES.has(letters);
}

/** The station of a reference id for a name as written (`La Paz`, `SECSTATE`), or null. */
function stationOf(written: string): string | null {
  const key = written.toUpperCase().replace(/[^A-Z]/g, '');
  return canonicalStation(key) ?? REF_ONLY_ALIASES[key] ?? null;
}

/** stationFor, remembered: REF lists try every run of up to four words, mostly the same words. */
export const stationFor: (written: string) => string | null = memoize(stationOf, 20000);
