/**
 * cleanBody: the cable body with the telegram system's layout noise taken out, so that the other
 * field parsers and the paragraph reader see the text as its author wrote it.
 *
 * Removed: page-break marks of both styles (page-breaks.ts), with the sentence they split rejoined;
 * the header block that old cables repeat at the start of every section (`CONFIDENTIAL PTQ1865`,
 * `PAGE 01 ... ACTION`, `INFO ...`, the `-----A54E56` line, the DTG/FM/TO line, the repeated
 * classification and SECTION line, SIPDIS, addressee lines, E.O./TAGS/SUBJECT lines); later bare
 * classification lines (` CONFIDENTIAL` at page feet); later `SECTION 02 OF 03` lines; SIPDIS lines
 * and SIPDIS words inserted mid-sentence; backslash line continuations of dump rows; trailer junk
 * (`NNNN`, `> @@@OASYS@@@`, `> 2002ROME01196 - Classification: ...`).
 * Kept: the first occurrence of the preamble (classification line, E.O., TAGS, SUBJECT, REF,
 * Classified By), since the preamble parsers read it from this output.
 */
import {
  MODERN_BREAK_INLINE,
  MODERN_BREAK_LINE,
  OLD_PAGE_LINE,
  OLD_PAGE_ROUTING_LINE,
} from './page-breaks.ts';
import { readingStart, readingStartAt } from './reading-start.ts';
import { endsSentence, firstCharCode, firstCharIndex, Needle } from './text-lines.ts';

const CLASSIFICATION_WORD = /^(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|TOP|LIMITED|SENSITIVE|EFTO)$/;
/**
 * True when the line's text starts with the first two letters of UNCLASSIFIED, CONFIDENTIAL,
 * SECRET / SENSITIVE, TOP SECRET or LIMITED OFFICIAL USE (a cheap test before BARE_CLASSIFICATION).
 */
function mayBeClassification(line: string, at: number): boolean {
  const b = line.charCodeAt(at + 1);
  switch (line.charCodeAt(at)) {
    case 85: // U N
      return b === 78;
    case 67: // C O
    case 84: // T O
      return b === 79;
    case 83: // S E
      return b === 69;
    case 76: // L I
      return b === 73;
    default:
      return false;
  }
}
const BARE_CLASSIFICATION =
  /^[ \t]*(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE|SENSITIVE BUT UNCLASSIFIED)(?:[ \t]*\/\/[ \t]*[A-Z][A-Z /]*)?[ \t]*$/;
const FOOT_WORDS = ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'LIMITED OFFICIAL USE'];

/** The line without a classification printed at the foot of the page glued to its end (after 2+ spaces), or null. */
function withoutGluedClassification(line: string): string | null {
  const t = line.trimEnd();
  for (const word of FOOT_WORDS) {
    if (!t.endsWith(word)) continue;
    const head = t.slice(0, t.length - word.length);
    const a = head.charCodeAt(head.length - 1);
    const b = head.charCodeAt(head.length - 2);
    if ((a === 32 || a === 9) && (b === 32 || b === 9)) return head.trimEnd();
  }
  return null;
}
/** First line of the telegram header that old cables repeat for every section: ` CONFIDENTIAL PTQ1865`. */
const REPEATED_HEADER_START =
  /^[ \t]*(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)[ \t]+PT[A-Z]\d{3,}[ \t]*$/;
/** Lines of that repeated telegram header before the classification line. */
const TELEGRAM_HEADER_LINE =
  /^[ \t]*(?:PAGE[ \t]+\d|ACTION[ \t]|INFO[ \t]|-{6,}|[OPRZ][ \t]+\d{6}Z|FM[ \t]|TO[ \t]|[A-Z]{1,5}-\d\d[ \t])/;
/** `C O N F I D E N T I A L`: a word in spaced-out capitals. */
const SPACED_LETTERS = /^[ \t]*(?:[A-Z][ \t]){4,}[A-Z]\b/;
/** True when the line's text starts with a capital followed by a space or tab (cheap test before SPACED_LETTERS). */
function spacedLetter(line: string, at: number): boolean {
  const a = line.charCodeAt(at);
  const b = line.charCodeAt(at + 1);
  return a >= 65 && a <= 90 && (b === 32 || b === 9);
}
const SECTION_MARK = /\bSECTION[ \t]+\d{1,2}[ \t]+OF[ \t]+\d{1,2}\b/;
/** A classification line (plain or spaced-out letters) carrying a SECTION mark. */
const SECTION_LINE =
  /^[ \t]*(?:(?:[A-Z][ \t]){4,}[A-Z]|UNCLAS\w*|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|SENSITIVE)?[^a-z]{0,40}\bSECTION[ \t]+\d{1,2}[ \t]+OF[ \t]+\d{1,2}\b[^a-z]{0,40}$/;
/** Preamble lines that end a repeated section header. */
const REPEATED_PREAMBLE_LINE =
  /^[ \t]*(?:E\.?[ \t]?O\.?[ \t]*1\d{4}|EO[ \t]+1\d{4}|TAGS\b|SUBJ(?:ECT)?\b)|\bTAGS:/;
const SIPDIS_ONLY = /^[ \t]*SIPDIS(?:[ \t,]+SIPDIS)*[ \t,]*(?:\\[ \t]*)?$/;
const SIPDIS_WORD = /(^|[ \t])SIPDIS(?=[ \t,.]|$)/g;
const KEEP_SIPDIS_AFTER = /(?:caption|include|use|the|marked|slug)$/i;
const TRAILER_JUNK =
  /^[ \t]*(?:NNNN|>[ \t]*(?:@@@\w+@@@)?|>[ \t]*\d{4}[A-Z][A-Z ]*\d+[ \t]*-[ \t]*Classification:.*)[ \t]*$/;
const BACKSLASH_CONTINUATION = /[ \t]*\\[ \t]*$/;
const PARAGRAPH_START = /^[ \t]*(?:¶|\d{1,3}[ \t]*\.[ \t]*\(?[A-Z]|\(?[A-Z]{1,4}(?:\/[A-Z]{1,4})?\)|-{3,})/;

/** Station names the page-break marks of this body use (cut to 10 characters as the marks do). */
function stationsOf(lines: string[]): string[] {
  const found = new Set<string>();
  for (const line of lines) {
    if (line.length < 80 && line.includes(' OF ') && MODERN_BREAK_LINE.test(line))
      found.add(line.trim().replace(/[ \t]+\d{8}[\s\S]*$/, ''));
  }
  // The station on the classification line: `C O N F I D E N T I A L SECTION 01 OF 02 SAO PAULO 000123`.
  for (const line of lines.slice(0, 12)) {
    if (line.length > 150) continue;
    const m = /^(.*?)[ \t]0*\d{3,7}[ \t]*\\?[ \t]*$/.exec(line);
    if (!m || !/[A-Z]/.test(m[1]!)) continue;
    const words = m[1]!.trim().split(/[ \t]+/);
    const station: string[] = [];
    for (let k = words.length - 1; k >= 0; k--) {
      const w = words[k]!;
      if (!/^[A-Z][A-Z'.-]+$/.test(w) || CLASSIFICATION_WORD.test(w) || w === 'OF' || w === 'SECTION') break;
      station.unshift(w);
    }
    if (station.length > 0) found.add(station.join(' ').slice(0, 10).trim());
    break;
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** Removes modern page-break marks glued inside a line, with the station name in front of them. */
function removeInlineBreaks(line: string, stations: string[]): string {
  MODERN_BREAK_INLINE.lastIndex = 0;
  if (!MODERN_BREAK_INLINE.test(line)) return line;
  MODERN_BREAK_INLINE.lastIndex = 0;
  let result = '';
  let from = 0;
  for (let m = MODERN_BREAK_INLINE.exec(line); m; m = MODERN_BREAK_INLINE.exec(line)) {
    let before = line.slice(from, m.index).trimEnd();
    const station = stations.find((s) => before.endsWith(s));
    if (station) before = before.slice(0, before.length - station.length);
    // An unknown station: a whole station name alone in front of the mark, else its last word.
    else if (result === '' && /^[ \t]*[A-Z][A-Z .'-]{0,24}$/.test(before)) before = '';
    else before = before.replace(/(?:^|[ \t])[A-Z][A-Z'.-]{0,9}$/, '');
    result += before.trimEnd();
    from = m.index + m[0].length;
    const after = line.slice(from).trimStart();
    from = line.length - after.length;
    if (result && after) result += ' ';
  }
  return result + line.slice(from);
}

/** Drops SIPDIS words that the distribution system inserted into running text. */
function removeSipdisWords(line: string): string {
  if (!line.includes('SIPDIS')) return line;
  let out = '';
  let from = 0;
  SIPDIS_WORD.lastIndex = 0;
  for (let m = SIPDIS_WORD.exec(line); m; m = SIPDIS_WORD.exec(line)) {
    const at = m.index + m[1]!.length;
    if (KEEP_SIPDIS_AFTER.test(line.slice(Math.max(0, at - 12), at).trimEnd())) continue;
    out += line.slice(from, at);
    let next = at + 6;
    const c = line.charCodeAt(next);
    if (c === 32 || c === 9) next++;
    from = next;
  }
  return from === 0 ? line : out + line.slice(from);
}

/** Index of the last line of a repeated section header that starts at `start`. */
function endOfRepeatedHeader(lines: string[], start: number): number {
  let j = start + 1;
  const limit = Math.min(lines.length, start + 30);
  while (j < limit && (TELEGRAM_HEADER_LINE.test(lines[j]!) || lines[j]!.trim() === '')) j++;
  if (j >= limit || !SECTION_MARK.test(lines[j]!)) return j - 1;
  let end = j;
  const lookahead = Math.min(lines.length, j + 12);
  for (let k = j + 1; k < lookahead; k++) {
    const l = lines[k]!;
    if (REPEATED_PREAMBLE_LINE.test(l)) end = k;
    else if (SIPDIS_ONLY.test(l) && end === k - 1) end = k;
    else if (OLD_PAGE_LINE.test(l) || MODERN_BREAK_LINE.test(l) || /^[ \t]*¶?\d{1,3}\./.test(l)) break;
  }
  return end;
}

/** Removes a classification glued to, or standing after, the last text line (foot of a page). */
function dropPageFoot(out: string[]): void {
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    if (BARE_CLASSIFICATION.test(last) || last.trim() === '') {
      out.pop();
      continue;
    }
    const head = withoutGluedClassification(last);
    if (head !== null) out[out.length - 1] = head;
    break;
  }
}

/** Index of the last non-blank output line, or -1. */
function lastTextLine(out: string[]): number {
  for (let k = out.length - 1; k >= 0; k--) if (out[k]!.trim() !== '') return k;
  return -1;
}

/** CR LF, Unicode line/paragraph separators (pasted text) and no-break spaces, made plain. */
function normaliseBreaks(body: string): string {
  let text = body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
  if (text.includes('\u2028') || text.includes('\u2029')) text = text.replace(/[\u2028\u2029]/g, '\n');
  if (text.includes('\u00a0')) text = text.replace(/\u00a0/g, ' ');
  return text;
}

const DUMP_ROW = /^\d+\t\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?\t/;
const DUMP_HEADER_END = /^-{5,}[ \t]*header ends[ \t]*-{5,}[ \t]*$/m;

/** True when a run of 5+ dashes is followed by `header ends` (a cheap test before DUMP_HEADER_END). */
function hasHeaderEnds(text: string): boolean {
  for (let k = text.indexOf('-----'); k >= 0; k = text.indexOf('-----', k)) {
    k += 5;
    while (text.charCodeAt(k) === 45) k++;
    while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
    if (text.startsWith('header ends', k)) return true;
  }
  return false;
}

/**
 * Some pages hold a row of the cables dump instead of (or before) the cable: a tab-separated row
 * (`75837<TAB>2006-08-23 08:46:00<TAB>06BERN1553<TAB>...<TAB>header<TAB>body`), or a record
 * (`id: ...`, `refid: ...`, `header:`, `----- header ends -----`) after a truncated preview. The
 * cable text is what follows the header.
 */
function withoutDumpPrefix(text: string): string {
  if (DUMP_ROW.test(text)) {
    let at = -1;
    for (let k = 0; k < 7; k++) {
      at = text.indexOf('\t', at + 1);
      if (at < 0) return text;
    }
    return text.slice(at + 1);
  }
  const end = hasHeaderEnds(text) ? DUMP_HEADER_END.exec(text) : null;
  return end ? text.slice(end.index + end[0].length).replace(/^\n+/, '') : text;
}

const PREVIEW_END = /\S(?:\.\.\.|…)[ \t]*$/;
const COPY_START = /^[ \t]*(?:(?:[A-Z][ \t]){4,}[A-Z]\b|UNCLAS\w*\b|CONFIDENTIAL\b|SECRET\b)/;

/** False when the line, trimmed, cannot end in `...` or `…` (a cheap test before trimEnd and PREVIEW_END). */
function mayEndInEllipsis(line: string): boolean {
  let k = line.length - 1;
  while (k >= 0 && (line.charCodeAt(k) === 32 || line.charCodeAt(k) === 9)) k--;
  if (k < 0) return false;
  const c = line.charCodeAt(k);
  if (c === 8230) return true;
  if (c === 46) return line.charCodeAt(k - 1) === 46 && line.charCodeAt(k - 2) === 46;
  // Other white space at the end: leave the decision to trimEnd.
  return c <= 32 || c === 160 || c >= 0x1680;
}

/**
 * Some pages show a truncated preview (ending in `...`) followed by the whole cable again. Keeps
 * the preamble of the first copy (the second one is often reflowed and incomplete) and the reading
 * text of the second; when the preview breaks off inside the preamble, keeps the second copy only.
 */
function withoutPreview(out: string[]): string[] {
  const limit = Math.min(out.length, 200);
  for (let d = 0; d < limit; d++) {
    if (!mayEndInEllipsis(out[d]!)) continue;
    const end = out[d]!.trimEnd();
    if (!(end.endsWith('...') || end.endsWith('…')) || !PREVIEW_END.test(end)) continue;
    let c = d + 1;
    while (c < out.length && out[c]!.trim() === '') c++;
    if (c >= out.length || !COPY_START.test(out[c]!)) continue;
    const second = out.slice(c);
    const first = out.slice(0, d + 1);
    const r = readingStart(first);
    if (r > d) return second;
    const at = readingStartAt(second);
    const text = second.slice(at.line);
    if (at.column > 0) text[0] = text[0]!.slice(at.column);
    return [...first.slice(0, r), '', ...text];
  }
  return out;
}

/** Removes page breaks, repeated section headers, SIPDIS and later classification lines. */
export function cleanBody(body: string): string {
  return cleanBodyLines(body).join('\n');
}

/** cleanBody's text as its lines (no line holds a newline): what the paragraph reader takes. */
export function cleanBodyLines(body: string): string[] {
  const text = withoutDumpPrefix(normaliseBreaks(body));
  const lines = text.split('\n');
  // Fixed strings looked for in every line, found once in the whole text.
  const ofWord = new Needle(text, 'OF');
  const pt = new Needle(text, 'PT');
  const sipdis = new Needle(text, 'SIPDIS');
  const section = new Needle(text, 'SECTION');
  /** ` OF ` or a tab before `OF` in text[start, end). */
  const hasOf = (start: number, end: number): boolean => {
    for (let k = ofWord.next(start); k >= 0 && k + 2 <= end; k = ofWord.next(k + 1)) {
      const b = k > start ? text.charCodeAt(k - 1) : -1;
      if (b === 9 || (b === 32 && k + 3 <= end && text.charCodeAt(k + 2) === 32)) return true;
    }
    return false;
  };
  let stations: string[] | null = null;
  const out: string[] = [];
  let seenClassification = false;
  let afterBreak = false;
  let subjectTail: string | null = null;

  // Offset of line `atLine` in text, moved on as `i` goes forward (no array of offsets).
  let lineAt = 0;
  let atLine = 0;
  for (let i = 0; i < lines.length; i++) {
    while (atLine < i) lineAt += lines[atLine++]!.length + 1;
    let line = lines[i]!;
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 92)
      line = line.replace(BACKSLASH_CONTINUATION, '');
    // While `same`, the line is text[start, start + line.length) (a trailing backslash cut off is a prefix).
    const start = lineAt;
    let same = true;

    // Old cables: the whole telegram header again at the start of every section.
    const first = firstCharCode(line);
    const paged = first === 80 && line.includes('PAGE');
    const page = paged ? OLD_PAGE_LINE.exec(line) : null;
    if (
      (first !== 80 &&
        line.length < 60 &&
        pt.within(start, start + line.length) &&
        REPEATED_HEADER_START.test(line)) ||
      (page && /^ACTION\b/.test(page[1]!))
    ) {
      i = endOfRepeatedHeader(lines, i);
      dropPageFoot(out);
      afterBreak = true;
      continue;
    }
    if (page || (paged && OLD_PAGE_ROUTING_LINE.test(line))) {
      dropPageFoot(out);
      const rest = page ? removeSipdisWords(page[1]!.trim()) : '';
      const prev = lastTextLine(out);
      if (rest && rest === subjectTail) {
        // the subject's second line, printed again on page 2 of every section
      } else if (rest && prev >= 0 && !PARAGRAPH_START.test(rest)) {
        if (subjectTail === null && /^[ \t]*SUBJ/i.test(out[prev]!)) subjectTail = rest;
        out.length = prev + 1;
        out[prev] = `${out[prev]!.trimEnd()} ${rest}`;
      } else if (rest) {
        out.push(rest);
      }
      afterBreak = true;
      continue;
    }
    const of = hasOf(start, start + line.length);
    if (of && line.length < 80 && MODERN_BREAK_LINE.test(line)) {
      afterBreak = true;
      continue;
    }
    if (of) {
      MODERN_BREAK_INLINE.lastIndex = 0;
      if (stations === null && MODERN_BREAK_INLINE.test(line)) stations = stationsOf(lines);
      const unbroken = stations === null ? line : removeInlineBreaks(line, stations);
      if (unbroken !== line && unbroken.trim() === '') {
        afterBreak = true;
        continue;
      }
      if (unbroken !== line) same = false;
      line = unbroken;
    }
    if (same ? sipdis.within(start, start + line.length) : line.includes('SIPDIS')) {
      if (SIPDIS_ONLY.test(line)) continue;
      const kept = removeSipdisWords(line);
      if (kept !== line) same = false;
      line = kept;
    }
    const at = firstCharIndex(line);
    const lead = same ? first : firstCharCode(line);
    const blank = lead < 0;
    if (!blank && line.length < 100) {
      const hasSection = same ? section.within(start, start + line.length) : line.includes('SECTION');
      if ((lead === 78 || lead === 62) && TRAILER_JUNK.test(line)) continue;
      if (mayBeClassification(line, at) && BARE_CLASSIFICATION.test(line)) {
        if (seenClassification) continue;
        seenClassification = true;
      } else if (
        !seenClassification &&
        ((hasSection && SECTION_MARK.test(line)) || (spacedLetter(line, at) && SPACED_LETTERS.test(line)))
      ) {
        seenClassification = true;
      } else if (seenClassification && hasSection && SECTION_LINE.test(line)) {
        continue;
      }
    }

    if (afterBreak) {
      if (blank) {
        out.push(line);
        continue;
      }
      afterBreak = false;
      // A sentence broken by the page break goes on as if the break were not there.
      const prev = lastTextLine(out);
      if (prev >= 0 && prev < out.length - 1 && !endsSentence(out[prev]!) && !PARAGRAPH_START.test(line)) {
        out.length = prev + 1;
      }
    }
    out.push(line);
  }
  // A preview ends in `...` or `…`; cleaning never makes one (it joins pieces with a space).
  return text.includes('...') || text.includes('…') ? withoutPreview(out) : out;
}

/**
 * The start and the end of the cleaned text (`lines` joined with newlines) without joining all of
 * it: `head` is a prefix of it longer than `headChars` (or all of it), `tail` a suffix longer than
 * `tailChars` (or all of it). The preamble parsers read only the head, the signature only the tail.
 * `all`: the whole text when it was joined (a short text), else null.
 */
export function textEnds(
  lines: string[],
  headChars: number,
  tailChars: number,
): { head: string; tail: string; all: string | null } {
  let total = lines.length - 1;
  for (const line of lines) total += line.length;
  if (total <= headChars + tailChars + 2000) {
    const all = lines.join('\n');
    return { head: all, tail: all, all };
  }
  let n = 0;
  let size = -1;
  while (n < lines.length && size <= headChars) size += lines[n++]!.length + 1;
  let m = lines.length;
  size = -1;
  while (m > 0 && size <= tailChars) size += lines[--m]!.length + 1;
  return { head: lines.slice(0, n).join('\n'), tail: lines.slice(m).join('\n'), all: null };
}
