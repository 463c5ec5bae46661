/**
 * Reader of one raw cable as plain text. A file in the cable-file layout (`key: value` lines,
 * `<<<HEADER>>>`, `<<<BODY>>>`) is read as such. Otherwise the whole text is the body, unless it
 * begins with a routing header block (`VZCZC...`, a precedence and date-time group line such as
 * `O 101526Z FEB 06`, or the partial-extract notice): that block, up to the classification line
 * that opens the body, becomes the header. The reference id comes from the file name when it is
 * one (`06MOSCOW1323.txt`), else from the text (station and serial of the classification or page
 * lines, year of the date-time group).
 */
import type { RawCable } from '../cable/record.ts';
import { isCableFile, readCableFile } from './cable-file.ts';

const HEADER_START =
  /^(?:VZCZC|This record is a partial extract|(?:[OPRZ] ){1,3}\d{6}Z [A-Z]{3} \d{2}\b|(?:NIACT )?IMMEDIATE \d{6}Z)/;
/**
 * The line that opens a body, at column 0: the classification (plain or letter-spaced), or in
 * media-partner versions a date line (`Wednesday, 29 November 2000, 13:59`) or a dump row.
 */
const BODY_START =
  /^(?:(?:C ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L|S ?E ?C ?R ?E ?T|U ?N ?C ?L ?A ?S|L I M I T E D)\b|UNCLASSIFIED\b|LIMITED OFFICIAL USE\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{1,2} [A-Z][a-z]+ \d{4}|id: \d+\n|\d+\t\d{4}-\d\d-\d\d)/i;
/** How far to look for the start of the body: a routing header is never this long. */
const HEADER_WINDOW = 16_384;

/** A published reference id as a file name: two-digit year, station, serial (`06MOSCOW1323`). */
const ID_FILE_NAME = /(?:^|[/\\])(\d{2}[A-Z][A-Z0-9-]*?\d+)(?:\.[A-Za-z]+)?$/;
/** `101526Z FEB 06`: the year of the cable. */
const DTG_YEAR = /\b\d{6}Z ?[A-Z]{3} ?(\d{2})\b/;
/** Page-break line `MOSCOW 00001323  002 OF 002`. */
const PAGE_LINE = /^([A-Z][A-Z .'-]*?[A-Z]) (\d{5,8}) +\d{3}(?:\.\d)? OF \d{3}/m;
/** The serial at the end of a classification line: `... SECTION 01 OF 02 HARARE 005461`. */
const LINE_END_SERIAL = /\s(\d{3,8})\s*$/;
/** Words that come before the station on a classification line, never part of it. */
const NOT_STATION = new Set(
  'UNCLAS UNCLASSIFIED CONFIDENTIAL SECRET LIMITED OFFICIAL USE ONLY FOR SENSITIVE EFTO NOFORN NODIS EXDIS LIMDIS SIPDIS SECTION'.split(
    ' ',
  ),
);
const STATION_WORD = /^[A-Z][A-Z.'-]+$/;
const MAX_STATION_WORDS = 4;
/** Splits a routing header block off the front of a raw cable text, when it has one. */
export function splitHeader(text: string): { header: string; body: string } {
  if (!HEADER_START.test(text)) return { header: '', body: text };
  let lineEnd = text.indexOf('\n');
  while (lineEnd >= 0 && lineEnd < HEADER_WINDOW) {
    if (BODY_START.test(text.slice(lineEnd + 1, lineEnd + 40))) {
      return { header: text.slice(0, lineEnd), body: text.slice(lineEnd + 1) };
    }
    lineEnd = text.indexOf('\n', lineEnd + 1);
  }
  return { header: '', body: text };
}

/** The published reference id a file name carries, or null. */
export function refIdFromFileName(path: string): string | null {
  return ID_FILE_NAME.exec(path)?.[1] ?? null;
}

/**
 * Station and serial at the end of the first line (`UNCLAS SAO PAULO 000348` -> `SAOPAULO`, 348):
 * the words before the serial, back to the first one that is a classification word, a single
 * letter of a spaced `C O N F I D E N T I A L` or a number.
 */
function stationFromClassificationLine(line: string): { station: string; serial: number } | null {
  const serial = LINE_END_SERIAL.exec(line);
  if (!serial) return null;
  const words = line.slice(0, serial.index).trim().split(/\s+/);
  const station: string[] = [];
  for (let i = words.length - 1; i >= 0 && station.length < MAX_STATION_WORDS; i--) {
    const word = words[i]!;
    if (!STATION_WORD.test(word) || NOT_STATION.has(word)) break;
    station.unshift(word);
  }
  return station.length ? { station: station.join(''), serial: Number(serial[1]) } : null;
}

/** A reference id put together from the text itself, or null when the text does not give all of it. */
export function refIdFromText(header: string, body: string): string | null {
  const year = DTG_YEAR.exec(header)?.[1] ?? DTG_YEAR.exec(body.slice(0, 2000))?.[1];
  if (!year) return null;
  const lineEnd = body.indexOf('\n');
  const fromLine = stationFromClassificationLine(body.slice(0, lineEnd < 0 ? 300 : Math.min(lineEnd, 300)));
  if (fromLine) return `${year}${fromLine.station.replace(/[.'-]/g, '')}${fromLine.serial}`;
  const page = PAGE_LINE.exec(body);
  if (page) return `${year}${page[1]!.replace(/[ .'-]/g, '')}${Number(page[2])}`;
  return null;
}

/** Reads one cable from its text (a plain cable, or a cable file). */
export function readCableText(text: string, path?: string): RawCable {
  if (isCableFile(text)) return readCableFile(text, path).cable;
  const { header, body } = splitHeader(text);
  const refId = (path ? refIdFromFileName(path) : null) ?? refIdFromText(header, body) ?? '';
  return {
    publishedRefId: refId,
    header,
    body,
    source: path === undefined ? { format: 'text' } : { format: 'text', path },
  };
}
