/**
 * The REF list: what a cable refers to (`REF: A. 05 PARIS 5459 B. 06 PARIS 5733`, `REFTEL: HARARE
 * 6584`, `Refs: (A) State 348254`). Each reference keeps its list label and its text; when it
 * names a cable (`06 STATE 1234`, `LA PAZ 2974`, `09CAIRO0561`) its canonical id is given, with
 * the cable's own year when the reference has none. E-mails, telcons, reports keep `refId` null.
 */
import type { ParseContext } from './context.ts';
import { MODERN_BREAK_LINE, OLD_PAGE_LINE } from './page-breaks.ts';
import { preambleWindow, squeeze } from './preamble.ts';
import type { Reference } from './record.ts';
import { MAX_STATION_WORDS, mayStartStation, stationFor } from './reference-stations.ts';
import { canonicalRefId } from './refid.ts';
import { firstCharCode } from './text-lines.ts';

/** `REF:`, `REFS:`, `REFTEL:`, `Ref(s):`, `REF A)` at the start of a line (maybe after a label `A.`). */
const LABEL_AT_LINE =
  /^[ \t¶]*(?:([A-Z])[.)][ \t]+)?(?:REF(?:S|TEL|TELS)?(?![A-Z])|REFERENCES?\s*:|REF\(S\))[ \t]*[:.]?/im;
/** `REF:` after other text on the same line (a subject reflowed with its REF list). */
const LABEL_INLINE = /(?:REF(?:S|TEL|TELS)?|REF\(S\))\s*:/i;
/** The first numbered paragraph: a REF list comes before it. */
const FIRST_PARAGRAPH = /\n[ \t]*¶?[ \t]*1[ \t]*\.[ \t]*(?:\(|[A-Z])/;
/** A line that ends the REF list. */
const STOP_LINE =
  /^[ \t¶]*(?:ID:\s*\d|CLASSIFIED\s+BY|\d{1,2}\s*\.\s|\d{1,2}\s*\.\s*\(|\((?:U|C|S|SBU|C\/NF|S\/NF)\)|SUMMARY|SENSITIVE|THIS\s|SUBJECT|SIPDIS|E\.O\.|TAGS|-{3,})/i;
/** Where a REF list reflowed onto one line with what follows it ends. */
const INLINE_STOP =
  /\s(?:CLASSIFIED\s+BY\b|¶\s*1\s*\.|1\s*\.\s*\((?:U|C|S|SBU)\)|\s\((?:U|SBU|C\/NF|S\/NF)\)\s|SENSITIVE BUT UNCLASSIFIED|THIS MESSAGE|SUMMARY\s*[:.])/i;
/** Where a damaged page cut the list short or ran a raw dump row into it. */
const DAMAGE = /\.\.\.|\||VZCZC/;
/** A list label at the start of an item: `A.`, `A)`, `(A)`, `[A]`, `A:`, `A.)`. */
const ITEM_LABEL = /(?<=^|[\s;,])(?:\(([A-Z])\)|\[([A-Z])\]|([A-Z])(?:\.\)|[.):]))(?=\s|[A-Z0-9'])/g;
/** A label written again inside an item: `A. (A) PARIS`, `A. REF A STATE`, `A. A) ROME`. */
const REPEATED_LABEL = /^(?:REF\s+)?(?:\(([A-Z])\)\s*|([A-Z])[.):]\s*|([A-Z])\s+)/;
/** Words, numbers and punctuation of a REF item, with their positions. */
const STATION_PUNCTUATION = /[.'’]/;
const STATION_PUNCTUATION_ALL = /[.'’]/g;
const TOKEN = /[A-Z][A-Z.'’]*|\d+|[^\sA-Z\d]/g;

interface Token {
  text: string;
  start: number;
  end: number;
}

interface CableMention {
  refId: string;
  start: number;
  end: number;
}

/** True when a line that looks like a portion marking (`(C) BEIJING 18406`) is the list's next label. */
function continuesLabels(kept: string[], line: string): boolean {
  const m = /^[ \t¶]*\(([B-Z])\)/.exec(line);
  if (!m) return false;
  const previous = String.fromCharCode(m[1]!.charCodeAt(0) - 1);
  return kept.some((k) => k.includes(`(${previous})`));
}

/** The REF list text, from after its label to where it ends; null when the cable has none. */
function refListText(window: string): string | null {
  const paragraph = FIRST_PARAGRAPH.exec(window);
  const area = paragraph ? window.slice(0, paragraph.index + 1) : window;
  const label = LABEL_AT_LINE.exec(area) ?? LABEL_INLINE.exec(area);
  if (!label) return null;
  // `A. REF AMMAN 222`: the first item's label came before the word REF.
  const lead = label[1] ? ` ${label[1]}.` : '';
  const list = lead + listFrom(window, label.index + label[0].length);
  // A list cut short (`...`) or run into a raw dump row (`|`, `VZCZC`) on a damaged page.
  const damage = DAMAGE.exec(list);
  if (!damage) return list;
  const cut = damage.index;
  // A page that was cut short (`REF: DUSHANBE 16...`) sometimes repeats the whole cable further on.
  const later = LABEL_INLINE.exec(window.slice(label.index + label[0].length + cut));
  if (later) {
    const again = listFrom(window, label.index + label[0].length + cut + later.index + later[0].length);
    if (!DAMAGE.test(again)) return again;
  }
  return list.slice(0, cut).replace(/\S*$/, '');
}

/** The REF list that starts at `start`, up to where it ends. */
function listFrom(window: string, start: number): string {
  // Page-break lines inside the list (`TEGUCIGALP 00000526 001.2 OF 007`) are read as absent; an
  // old running head keeps only the text glued after it (`PAGE 02 ROME 01196 01 OF 02 082030Z  B. ...`).
  const lines: string[] = [];
  for (const line of window.slice(start, start + 2500).split('\n')) {
    // Cheap tests first: a modern mark starts with a capital and holds `OF`, an old head starts with PAGE.
    const first = firstCharCode(line);
    if (first >= 65 && first <= 90 && line.includes('OF') && MODERN_BREAK_LINE.test(line)) continue;
    lines.push(first === 80 && line.includes('PAGE') ? line.replace(OLD_PAGE_LINE, '$1') : line);
  }
  // `REF:` alone on its line, the list after a blank line.
  let first = 0;
  while (first < 2 && first + 1 < lines.length && !lines[first]!.trim()) first++;
  const kept = [lines[first]!];
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i]!.replace(/\\\s*$/, '');
    if (!line.trim()) {
      // A blank line inside the list: it goes on when the next line is another labelled item.
      const next = lines.slice(i + 1).find((l) => l.replace(/\\/g, '').trim());
      if (next && /^[ \t¶-]*(?:\(?[B-Zb-z][.):]|\[[B-Z]\])\s/.test(next)) continue;
      // An item broken over a blank line: `C) RIO` + `DE JANEIRO 1291`, `E)PARIS` + `3967, F)PARIS 3853`.
      const last = kept[kept.length - 1]!.trimEnd();
      if (next && /[A-Z]$/.test(last) && /^\s*(?:[A-Z][A-Z ]{1,30})?\d{1,7}\b/.test(next)) continue;
      break;
    }
    if (STOP_LINE.test(line) && !continuesLabels(kept, line)) break;
    kept.push(line);
  }
  let text = ` ${kept.join('\n').replace(/[¶\\]/g, ' ')}`;
  const stop = INLINE_STOP.exec(text);
  if (stop) text = text.slice(0, stop.index);
  return text;
}

/** Splits the list into labelled items; an unlabelled list is one item per `;`. */
function splitItems(text: string): { label: string | null; body: string }[] {
  const upper = text.toUpperCase();
  const starts: { label: string; at: number; bodyAt: number }[] = [];
  ITEM_LABEL.lastIndex = 0;
  let expected = 'A';
  for (let m = ITEM_LABEL.exec(upper); m; m = ITEM_LABEL.exec(upper)) {
    const letter = (m[1] ?? m[2] ?? m[3])!;
    const last = starts[starts.length - 1];
    if (letter === expected) {
      starts.push({ label: letter, at: m.index, bodyAt: m.index + m[0].length });
      expected = String.fromCharCode(letter.charCodeAt(0) + 1);
    } else if (last && letter === last.label && /[0-9]/.test(upper.slice(last.bodyAt, m.index))) {
      // The same label again after a reference (`B) LEE-GOLDSTEIN EMAIL ... B) TALLINN 347`).
      starts.push({ label: letter, at: m.index, bodyAt: m.index + m[0].length });
    }
  }
  if (starts.length === 0 || (starts.length === 1 && starts[0]!.at > 3)) {
    return text
      .split(';')
      .map((body) => ({ label: null, body }))
      .filter((item) => item.body.trim());
  }
  const items: { label: string | null; body: string }[] = [];
  if (text.slice(0, starts[0]!.at).trim()) items.push({ label: null, body: text.slice(0, starts[0]!.at) });
  for (let i = 0; i < starts.length; i++) {
    let body = text.slice(starts[i]!.bodyAt, i + 1 < starts.length ? starts[i + 1]!.at : text.length);
    const again = REPEATED_LABEL.exec(body.trimStart().toUpperCase());
    if (again && (again[1] ?? again[2] ?? again[3]) === starts[i]!.label)
      body = body.trimStart().slice(again[0].length);
    items.push({ label: starts[i]!.label, body });
  }
  return items;
}

const YEAR_TOKEN = /^(?:\d{2}|19\d{2}|20\d{2})$/;

/** Two-digit year of a year token (`05`, `2007`), or null. */
function twoDigitYear(token: string | undefined): string | null {
  if (!token || !YEAR_TOKEN.test(token)) return null;
  return token.slice(-2);
}

/** Normalises an item for scanning: glued ids split (`09CAIRO0561`), `O1512` -> `01512`, `10-OTTAWA-57`. */
function prepare(item: string): string {
  return item
    .toUpperCase()
    .replace(/(?<![A-Z0-9])(\d{2})(?=[A-Z]{3,})/g, '$1 ')
    .replace(/(?<=[A-Z]{2})(\d{3,})/g, ' $1')
    .replace(/(?<![A-Z0-9])O(\d{3,})/g, '0$1')
    .replace(/(\d)-(?=[A-Z])|([A-Z])-(?=\d)/g, '$1$2 ');
}

/** True at a page-break marker's serial (`MADRID 00000869 001.2 OF 004`): not a reference. */
function isPageMarker(tokens: Token[], k: number): boolean {
  const next = tokens[k + 1]?.text;
  if (!next || !/^\d{2,3}$/.test(next)) return false;
  return tokens[k + 2]?.text === 'OF' || (tokens[k + 2]?.text === '.' && tokens[k + 4]?.text === 'OF');
}

/** The cables an item names: station (with a year before it or not) and one or more serials. */
function findCables(item: string, ctx: ParseContext): CableMention[] {
  const prepared = prepare(item);
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(prepared); m; m = TOKEN.exec(prepared)) {
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  const ownYear = ctx.year === null ? null : String(ctx.year).slice(-2);
  const found: CableMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    let station: string | null = null;
    let after = i;
    if (/^[A-Z]/.test(tokens[i]!.text)) {
      const words: string[] = [];
      let letters = '';
      for (let j = i; j < tokens.length && words.length < MAX_STATION_WORDS; j++) {
        const t = tokens[j]!.text;
        if (t === '-' && words.length > 0) continue;
        if (!/^[A-Z]/.test(t)) break;
        words.push(t);
        // The letters stationFor compares: a word token is capitals with `.`, `'` or `’` in it.
        letters += t.length > 1 && STATION_PUNCTUATION.test(t) ? t.replace(STATION_PUNCTUATION_ALL, '') : t;
        if (!mayStartStation(letters)) break;
        const s = stationFor(words.join(''));
        if (s) {
          station = s;
          after = j + 1;
        }
      }
    }
    if (!station) {
      i++;
      continue;
    }
    // Before the serial: `#3565`, `(C)02293`, `STATE: 73097`, `PRAGUE, 1228`.
    let k = after;
    while (k < tokens.length && /^[#:,]$/.test(tokens[k]!.text)) k++;
    if (tokens[k]?.text === '(' && /^[A-Z]$/.test(tokens[k + 1]?.text ?? '') && tokens[k + 2]?.text === ')')
      k += 3;
    const first = tokens[k];
    const afterPage = tokens[i - 1]?.text === 'PAGE' || tokens[i - 2]?.text === 'PAGE';
    // An eight-digit serial after another cable in the same item is a page marker (`TRIPOLI 00000402`).
    const paddedMarker = first !== undefined && first.text.length === 8 && found.length > 0;
    // `INCSR BRAZIL 2008`: a year after a place named inside a title is not a serial.
    const yearInTitle =
      first !== undefined &&
      /^(?:19|20)\d\d$/.test(first.text) &&
      /^[A-Z]{2,}$/.test(tokens[i - 1]?.text ?? '') &&
      tokens[i - 1]!.text !== 'REF';
    if (
      !first ||
      !/^\d{1,8}$/.test(first.text) ||
      afterPage ||
      paddedMarker ||
      yearInTitle ||
      isPageMarker(tokens, k)
    ) {
      i = after;
      continue;
    }
    let year = twoDigitYear(tokens[i - 1]?.text);
    let begin = year ? tokens[i - 1]!.start : tokens[i]!.start;
    if (year && tokens[i - 2]?.text === "'") begin = tokens[i - 2]!.start;
    // A year in brackets before the station: `(08) SAO PAULO 497`.
    if (!year && tokens[i - 1]?.text === ')' && tokens[i - 3]?.text === '(') {
      year = twoDigitYear(tokens[i - 2]?.text);
      if (year) begin = tokens[i - 3]!.start;
    }
    const serials: Token[] = [first];
    let end = first.end;
    k++;
    // A year after the serial: `QUITO 4525-91`, `PANAMA 00789/08`, `ASUNCION 701 (08)`.
    let suffixYear: string | null = null;
    if (/^[-/]$/.test(tokens[k]?.text ?? '') && /^\d{2}$/.test(tokens[k + 1]?.text ?? '')) {
      suffixYear = tokens[k + 1]!.text;
      end = tokens[k + 1]!.end;
      k += 2;
    } else if (
      tokens[k]?.text === '(' &&
      /^(?:\d{2}|19\d\d|20\d\d)$/.test(tokens[k + 1]?.text ?? '') &&
      tokens[k + 2]?.text === ')'
    ) {
      suffixYear = tokens[k + 1]!.text.slice(-2);
      end = tokens[k + 2]!.end;
      k += 3;
    }
    // More serials of the same station: `KABUL 936/935`, `STATE 188314, 259032`, `PARIS 7472 AND 7677`.
    while (!suffixYear && k + 1 < tokens.length && /^(?:,|\/|AND|&)$/.test(tokens[k]!.text)) {
      const next = tokens[k + 1]!;
      const beyond = tokens[k + 2]?.text ?? '';
      // A two-digit number before a word is the year of the next reference (`230, 07 BSAS 1892`).
      if (
        !/^\d{2,7}$/.test(next.text) ||
        (/^[A-Z]/.test(beyond) && (stationFor(beyond) || next.text.length === 2))
      )
        break;
      serials.push(next);
      end = next.end;
      k += 2;
    }
    const yy = suffixYear ?? year ?? ownYear;
    if (yy !== null) {
      for (const serial of serials) {
        const refId = canonicalRefId(`${yy}${station}${Number(serial.text)}`).refId;
        found.push({ refId, start: begin, end });
      }
    }
    i = k;
  }
  return found;
}

/** The references of a cable body (or of a bare REF list); `ctx.year` fills a missing year. */
export function parseReferences(text: string, ctx: ParseContext): Reference[] {
  const list = refListText(preambleWindow(text));
  if (list === null) return [];
  const references: Reference[] = [];
  for (const item of splitItems(list)) {
    const body = squeeze(item.body).replace(/^[\s.,;:)-]+|[\s,;:(-]+$/g, '');
    if (!body) continue;
    const cables = findCables(body, ctx);
    if (cables.length === 0) {
      references.push({ label: item.label, text: body, refId: null });
      continue;
    }
    for (let c = 0; c < cables.length; c++) {
      // In an unlabelled list each cable gets its own words; a labelled item keeps its text.
      const own = item.label === null && cables.length > 1;
      const from = c === 0 ? 0 : cables[c]!.start;
      const to = c + 1 < cables.length ? cables[c + 1]!.start : body.length;
      const piece = own ? squeeze(body.slice(from, to)).replace(/[\s,;:(-]+$/, '') : body;
      references.push({ label: item.label, text: piece, refId: cables[c]!.refId });
    }
  }
  return references;
}
