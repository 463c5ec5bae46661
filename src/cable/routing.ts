/**
 * The routing header of a cable: transmission id (`VZCZCXRO9862`), precedence and date-time group
 * (`P 310639Z AUG 06`), sender's routing indicator and serial (`DE RUEHMO #9533/01 2430639`), and
 * the FM / TO / INFO addressees without routing indicators, precedence words and serial numbers.
 * Reads modern AUTODIN headers, old-format ones (`PAGE 01 ... ACTION ... INFO LOG-00 ... FM`),
 * partial extracts whose header is only `291359Z Nov 00`, and empty headers; when the header has
 * no full date-time group, the first lines of the body are searched (media-partner copies begin with
 * `Thursday, 31 August 2006, 06:39`), and last the day-only group of old-format headers (`271458Z`).
 */
import { ROUTE_NAMES } from './data/routes.ts';
import { MILITARY_DTG, WRITTEN_DATE } from './dtg.ts';
import { singleSpaced } from './preamble.ts';
import type { RoutingHeader } from './record.ts';

/** Only the head of a long header is read for the transmission id / DE / DTG lines. */
const HEAD_WINDOW = 2000;
/** How much of the body is searched for a date-time group when the header has none. */
const BODY_WINDOW = 600;

const TRANSMISSION_ID = /^\s*(VZCZC[A-Z0-9]+)/m;
/** `P 310639Z AUG 06`, `P R 221403Z NOV 06`, `O 201405Z DEC 89`: precedence letters + DTG. */
const PRECEDENCE_DTG = new RegExp(
  String.raw`^[ \t]*((?:NIACT|[OPRZN]{1,2})(?:[ \t]+[OPRZN]{1,2})?)[ \t]+(${MILITARY_DTG.source})`,
  'm',
);
/** The precedence + routing line before DE: `PP RUEHDBU`, `OO RUEHWEB`. */
const PRECEDENCE_ROUTING = /^[ \t]*([OPRZ])\1?[ \t]+R[A-Z]{3,6}\b/m;
const DE_LINE = /^[ \t]*DE[ \t]+([A-Z]{4,7})[ \t]+#?[ \t]*(\d{1,7})/m;
/** Old-format headers give only day and time: `PAGE 01  HARARE  05461  01 OF 02  271458Z`. (The
 * stamp line `------------------8A8E0D  271459Z /38` is the time of receipt, not the DTG.) */
const OLD_FORMAT_DTG = /^[ \t]*PAGE[ \t]+0*1\b[^\n]*?[ \t](\d{6}Z)[ \t]*$/m;
const FM_LINE = /^[ \t]*FM[ \t]+(.+?)[ \t]*$/m;

const PRECEDENCE_WORDS: Readonly<Record<string, string>> = {
  O: 'IMMEDIATE',
  P: 'PRIORITY',
  R: 'ROUTINE',
  Z: 'FLASH',
  N: 'NIACT IMMEDIATE',
  NIACT: 'NIACT IMMEDIATE',
};

/** Routing indicator before an addressee: `RUEHC/`, `RUEKJCS/`, `ZEN/`. */
const ROUTE_PREFIX = /^[A-Z]{3,8}\//;
/**
 * An addressee line split into name, trailing precedence word(s) and message serial (MCN):
 * `SECSTATE WASHDC PRIORITY 1394`, `AMEMBASSY TOKYO PRIORITY 1256-1257`, `SPECIAL EMBASSY PROGRAM NIACT IMMEDIATE`.
 */
const ADDRESS_PARTS =
  /^(.*?)(\s+(?:NIACT\s+IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE|FLASH|NIACT))?(\s+\d{1,6}(?:-\d{1,6})?)?\s*$/;
/** Lines inside the address list that are not addressees: page breaks, separators, office codes (`LOG-00`). */
const NOT_ADDRESSEE =
  /^(?:PAGE\s+\d+\b|[A-Z0-9]{1,6}-\d\d(?:\s|$)|BT\b|NNNN|ZFR\b|ZEN\b$|[-=_]{3,}|\d{6}Z\b|E\.O\.|SUBJECT\b|TAGS\b)/;
/** Header lines that end the address block. */
const BLOCK_END = /^(?:BT|NNNN|ZFR|CONFIDENTIAL|SECRET|UNCLAS|C O N|S E C|E\.O\.)\b/;

/** Addressee name from one address line; null when the line names nobody. */
function addressee(line: string): string | null {
  const text = line.trim();
  if (!text || NOT_ADDRESSEE.test(text)) return null;
  const parts = ADDRESS_PARTS.exec(text.replace(ROUTE_PREFIX, ''))!;
  let name = singleSpaced(parts[1]!);
  // A number after a one-word name without precedence belongs to the name (`CTF 72`), not an MCN.
  if (parts[3] && !parts[2] && name && !name.includes(' ')) name += ` ${parts[3].trim()}`;
  return name && !/^\d+$/.test(name) ? name : null;
}

/** TO and INFO addressees, read from the lines after FM (or from the start when there is no FM). */
function addressees(header: string, fmEnd: number): { to: string[]; info: string[] } {
  const to: string[] = [];
  const info: string[] = [];
  let list: string[] | null = null;
  for (const raw of header.slice(fmEnd).split('\n')) {
    let line = raw.trim();
    const key = /^(TO|INFO|XMT)(?:\s+|$)/.exec(line);
    if (key) {
      // XMT lists posts excluded from a collective: they are not addressees.
      list = key[1] === 'TO' ? to : key[1] === 'INFO' ? info : null;
      line = line.slice(key[0].length);
      if (/^XMT\b/.test(line)) {
        list = null;
        continue;
      }
    } else if (BLOCK_END.test(line) || /^FM\s/.test(line)) {
      if (list && (to.length || info.length)) break;
      continue;
    }
    if (!list) continue;
    const name = addressee(line);
    if (name) list.push(name);
  }
  return { to, info };
}

/** In the body only whole-line dates count: a media-partner date line, or a DTG line of a header
 * that was pasted into the body. A DTG inside text (`REF: ... 101526Z FEB 06`) is a reference's. */
const BODY_WRITTEN = new RegExp(String.raw`^[ \t]*(${WRITTEN_DATE.source})`, 'm');
const BODY_MILITARY = new RegExp(
  String.raw`^[ \t]*(?:[OPRZ]{1,2}[ \t]+)?(${MILITARY_DTG.source})[ \t]*$`,
  'm',
);

/** The first whole-line date in the first lines of the body, as written. */
function bodyDtg(body: string): string | null {
  const head = body.slice(0, BODY_WINDOW);
  return BODY_WRITTEN.exec(head)?.[1] ?? BODY_MILITARY.exec(head)?.[1] ?? null;
}

/** Decodes the routing header; fields that the text does not give are null or empty. */
export function parseRoutingHeader(header: string, body: string): RoutingHeader {
  const head = header.slice(0, HEAD_WINDOW);
  let precedence: string | null = null;
  let dtg: string | null = null;
  const line = PRECEDENCE_DTG.exec(head);
  if (line) {
    const letters = line[1]!.split(/[ \t]+/)[0]!;
    precedence = PRECEDENCE_WORDS[letters] ?? PRECEDENCE_WORDS[letters[0]!] ?? null;
    dtg = line[2]!;
  } else {
    const anywhere = MILITARY_DTG.exec(head);
    if (anywhere) dtg = anywhere[0];
  }
  if (!precedence) {
    const routing = PRECEDENCE_ROUTING.exec(head);
    if (routing) precedence = PRECEDENCE_WORDS[routing[1]!] ?? null;
  }
  if (!dtg) dtg = bodyDtg(body);
  if (!dtg) dtg = OLD_FORMAT_DTG.exec(head)?.[1] ?? null;

  const de = DE_LINE.exec(head);
  const station = de ? de[1]! : null;
  const fm = FM_LINE.exec(header);
  const from = fm ? singleSpaced(fm[1]!.replace(ROUTE_PREFIX, '')) : null;
  const { to, info } = addressees(header, fm ? fm.index + fm[0].length : 0);
  return {
    transmissionId: TRANSMISSION_ID.exec(head)?.[1] ?? null,
    precedence,
    dtg: dtg ? dtg.trim() : null,
    station,
    stationName: station ? (ROUTE_NAMES.get(station) ?? null) : null,
    serial: de ? Number(de[2]) : null,
    from,
    to,
    info,
  };
}
