/**
 * The SUBJECT of a cable: the text after `SUBJECT:` (or `SUBJ:`, `SUBJECT` without a colon, the
 * slip `UBJECT:`), continuation lines joined by one space, the portion marking (`(C)`, `(SBU)`,
 * `(C/NF)`) taken off the front and trailing classification markers off the end. It stops at a
 * blank line, a REF list, the "Classified By" line, the first paragraph or another field.
 */
import { MODERN_BREAK_INLINE } from './page-breaks.ts';
import { preambleWindow, squeeze } from './preamble.ts';
import { stationFor } from './reference-stations.ts';

/** The label at the start of a line, or after other preamble text on a reflowed line (`... Subject: x`). */
const LABEL_AT_LINE = /^[ \t¶]*S?UBJ(?:ECT)?(?![A-Z0-9])[ \t]*[:.]?[ \t]*/im;
const LABEL_INLINE = /\bSUBJ(?:ECT)?\s*:\s*/i;
/** A line that is not part of the subject any more. */
const STOP_LINE = new RegExp(
  [
    String.raw`^[ \t¶]*(?:REF\w*|Ref\(s\))\b`,
    String.raw`^[ \t¶]*CLASSIFIED\s+BY\b`,
    String.raw`^[ \t¶]*\d{1,2}\s*[.)]`,
    String.raw`^[ \t¶]*\((?:U|C|S|SBU|TS|C\/NF|S\/NF)\)`,
    String.raw`^[ \t]*[-=_*]{3,}`,
    String.raw`^[ \t¶]*(?:SUMMARY|SIPDIS|NOFORN|E\.?\s?O\.?\s*\d|TAGS?\b|PAGE \d|SECTION \d)`,
    String.raw`^[ \t]*(?:UNCLAS\b|C O N|S E C|CONFIDENTIAL\s+(?:SECTION|[A-Z]+ \d)|SECRET\s+(?:SECTION|[A-Z]+ \d))`,
    String.raw`^[ \t]*(?:SENSITIVE BUT|THIS (?:IS|MESSAGE|CABLE)|PLEASE|ACTION REQUEST)`,
  ].join('|'),
  'i',
);
/** Where a subject reflowed onto one line with what follows it ends: a word that starts another field ... */
const INLINE_STOP =
  /(?:\s(?:REF(?:S|TEL|TELS)?|Refs?|Ref\(s\))\s*:|REFS?:|\sREF\s+(?:A\.|\(A\)|A\))|\s?CLASSIFIED\s+BY\b|\sUNCLAS\s+SECTION|\sTHIS MESS|\s\/{3,}|\s-{5,}|\sSENS\w*\s+BUT\b|\sC O N F I D|\sS E C R E T|\s¶\s*1\.|\s1\.\s*\([A-Z/]{1,6}\))/i;
/** ... or text after an ellipsis (searched apart: this empty match could start anywhere). */
const AFTER_ELLIPSIS = /(?<=\.\.\.["”']?)(?=\s*[^\s"”'])/;

/** Offset where the subject stops in `text` (the first INLINE_STOP or AFTER_ELLIPSIS), or -1. */
function inlineStop(text: string): number {
  const word = INLINE_STOP.exec(text);
  const at = word ? word.index : -1;
  if (!text.includes('...')) return at;
  const ellipsis = AFTER_ELLIPSIS.exec(text);
  return ellipsis && (at < 0 || ellipsis.index < at) ? ellipsis.index : at;
}
/** Portion marking at the front: `(C)`, `(SBU)`, `(C/NF)`, `(S//NF)`, `(U)`. */
const LEADING_MARK =
  /^\(\s*(?:U|C|S|SBU|TS|FOUO|NF|C\/NF|S\/NF|S\/\/NF|C\/\/NF|S\/REL[^)]*|C\/REL[^)]*)\s*\)\s*/i;
/** A classification word or backslash left at the end by a page break or a line continuation. */
const TRAILING_MARK =
  /(?:\s+(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|UNCLAS|SENSITIVE|SIPDIS|NOFORN|CLASSIFIED)|\s*\((?:U|C|S|SBU|C\/NF|S\/NF)\)|\s*\\)+\s*$/;

/** A modern page-break mark (`NEW DELHI 00007273  001.2 OF 003`) from its serial on. */
const PAGE_MARK = new RegExp(MODERN_BREAK_INLINE.source);

/** Cuts a subject at a page-break mark run into it, taking the mark's station words off too. */
function withoutPageMark(subject: string): string {
  const mark = PAGE_MARK.exec(subject);
  if (!mark) return subject;
  const words = subject.slice(0, mark.index).trimEnd().split(' ');
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const station = words.slice(-n);
    if (station.every((w) => /^[A-Z][A-Z.'-]*$/.test(w)) && stationFor(station.join(''))) {
      return words.slice(0, -n).join(' ');
    }
  }
  return words.slice(0, -1).join(' ');
}

/** True when the subject's first line is in capitals and `line` is ordinary mixed-case prose. */
function leavesCapitals(first: string, line: string): boolean {
  return /[A-Z]{3}/.test(first) && !/[a-z]/.test(first) && /[a-z]{3}/.test(line);
}

/** The subject of a cable body (or of a bare SUBJECT line), or null when there is none. */
export function parseSubject(text: string): string | null {
  const window = preambleWindow(text, 4000);
  const label = LABEL_AT_LINE.exec(window) ?? LABEL_INLINE.exec(window);
  if (!label) return null;
  const start = label.index + label[0].length;
  const lines = window.slice(start, start + 2000).split('\n');
  // `SUBJECT:` alone on its line, the text after a blank line.
  let first = 0;
  while (first < 2 && first + 1 < lines.length && !lines[first]!.trim()) first++;
  const kept: string[] = [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    const stop = inlineStop(` ${line}`);
    const own = stop >= 0 ? line.slice(0, Math.max(0, stop - 1)) : line;
    if (i > first) {
      if (!line.replace(/\\/g, '').trim() || STOP_LINE.test(line) || leavesCapitals(kept[0]!, own)) break;
    }
    kept.push(line);
    if (stop >= 0) break;
  }
  let subject = squeeze(
    kept
      .map((line) => line.replace(/\\\s*$/, ''))
      .join(' ')
      .replace(/¶/g, ''),
  );
  const stop = inlineStop(subject);
  if (stop >= 0) subject = subject.slice(0, stop);
  subject = withoutPageMark(subject);
  subject = subject.replace(LEADING_MARK, '').replace(TRAILING_MARK, '').trim();
  return subject || null;
}
