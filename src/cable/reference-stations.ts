/**
 * Station names as REF lists write them, mapped to the station part of a reference id: the
 * station table of refid.ts (`LA PAZ` -> `LAPAZ`, `SECSTATE` -> `STATE`, `HK` -> `HONGKONG`)
 * plus a few short forms only seen in REF lists (`BSAS` -> `BUENOSAIRES`).
 */
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

/** The station of a reference id for a name as written (`La Paz`, `SECSTATE`), or null. */
export function stationFor(written: string): string | null {
  const key = written.toUpperCase().replace(/[^A-Z]/g, '');
  return canonicalStation(key) ?? REF_ONLY_ALIASES[key] ?? null;
}
