/**
 * parseParagraphs: the reading text of a cleaned body (cleanBody) as the reader sees it, one
 * `{ number, marking, text }` per paragraph. Numbered paragraphs (`1. (C)`, `¶1. (C)`, `1. C)`,
 * `1.(SBU)`) keep their number; headings (`Summary` with its `-------` underline dropped, a title
 * line such as `MFA Statement on Hamas Invitation`) and other unnumbered blocks get null.
 * Hard-wrapped lines are joined with one space; list items (`A.`, `--`, `(a)`) inside a paragraph
 * start a new line of its text. The closing signature is not a paragraph (signers.ts reads it).
 */
import { normaliseMarking } from './markings.ts';
import { squeeze } from './preamble.ts';
import { readingStartAt } from './reading-start.ts';
import type { Paragraph } from './record.ts';
import { locateSignature, type Signature } from './signature.ts';
import { endsSentence, firstCharCode, firstCharIndex } from './text-lines.ts';

const NUMBERED =
  /^[ \t]*(?:¶[ \t]*)?(\d{1,3})[ \t]*\.(?!\d)[ \t]*(?:(?:\(([A-Za-z][A-Za-z/ ,-]{0,30})\)|([A-Z]{1,4}(?:\/{1,2}[A-Z]{1,4})?)\)(?=[ \t]))[ \t]*)?(?:[:.](?=[ \t])[ \t]*)?/;
const NUMBER_ONLY = /^[ \t]*(?:¶[ \t]*)?\d{1,3}[ \t]*\.[ \t]*/;
const MARKED = /^[ \t]*(?:¶[ \t]*)?\(([A-Z]{1,4}(?:\/{1,2}[A-Z]{1,6}){0,2})\)(?:[ \t]+|$)/;
const RULE_LINE = /^[ \t]*(?:[-=_*~]{3,}(?:[ \t]+[-=_*~]+)*|(?:-[ \t]){2,}-?)[ \t]*$/;
/** `------- SUMMARY ------- 1. (C) In a ...`: a framed heading with the text glued after it. */
const GLUED_FRAMED_HEADING = /^[ \t]*[-=]{3,}[ \t]*([^-=\n]{1,80}?)[ \t]*[-=]{3,}[ \t]+([^-=\s].*)$/;
/** `SUMMARY ------- 1. (SBU) Land invasions ...`: a heading, its underline, then the text. */
const GLUED_UNDERLINED_HEADING =
  /^[ \t]*([A-Z][^-=.,;:\n]{0,60}?)[ \t]+[-=]{4,}[ \t]+((?:¶|\d{1,3}\.|[A-Z(]).*)$/;
const UNDERLINED_TAIL = /^(.*?\S)[ \t]+-{4,}[ \t-]*$/;
const LIST_ITEM =
  /^[ \t]*¶?(?:-{1,2}|\*|•|o[ \t]|[A-Z]\.(?=[ \t])|\(?[a-z]\)|\([A-Z0-9]{1,2}\)|[ivx]{1,4}\.(?=[ \t])|[a-z]\.(?=[ \t]))/;
/** A `¶` the site put before a number that starts a wrapped line (`OCTOBER\n¶16.`). */
const STRAY_PILCROW = /^([ \t]*)¶(?=[ \t]*(?:\d|[A-Za-z]{1,2}[.)]))/;
const BLANKS = /[ \t\u00a0]+/g;
const FUNCTION_WORD = /^(?:of|on|and|the|for|in|to|a|an|with|at|by|or|from|vs\.?|de|la|after|over|under)$/;

interface Draft {
  number: number | null;
  marking: string | null;
  /** Lines of text; each string is one output line (wrapped lines already joined). */
  parts: string[][];
  /** The last input line, to judge whether a sentence runs on. */
  lastLine: string;
}

const isLowerCase = (code: number): boolean => code >= 97 && code <= 122;

/** White space other than a space or tab (trim() takes it off; firstCharCode does not skip it). */
function isOtherSpace(code: number): boolean {
  return code <= 32 || code === 160 || code >= 0x1680;
}

/** False when the line cannot be a LIST_ITEM (a cheap test on its first two characters). */
function mayBeListItem(line: string, at: number): boolean {
  const c = line.charCodeAt(at);
  if (c === 182 || c === 45 || c === 42 || c === 8226 || c === 40) return true;
  const d = line.charCodeAt(at + 1);
  if (c >= 65 && c <= 90) return d === 46;
  if (c >= 97 && c <= 122) {
    if (d === 41 || d === 46 || c === 105 || c === 118 || c === 120) return true;
    return c === 111 && (d === 32 || d === 9);
  }
  return false;
}

/** A short title-case line between two sentences in mixed-case text: a heading. */
function isTitleLine(line: string, prev: string, next: string | undefined): boolean {
  // Cheap tests first: a title starts with a capital and does not end in punctuation.
  const head = firstCharCode(line);
  if (!(head >= 65 && head <= 90) && !isOtherSpace(head)) return false;
  const end = line.charCodeAt(line.length - 1);
  if (end === 46 || end === 44 || end === 59 || end === 58) return false;
  // A line starting with a capital and ending in a character that is not white space is its own
  // trim() after its leading spaces and tabs: too long a title is known without trimming.
  if (head >= 65 && head <= 90 && !isOtherSpace(end) && line.length - firstCharIndex(line) > 60) return false;
  const t = line.trim();
  if (t.length < 3 || t.length > 60 || /[.,;:]$/.test(t) || !/^[A-Z]/.test(t)) return false;
  if (!/[a-z]/.test(t) || !endsSentence(prev)) return false;
  if (next === undefined || !/^[ \t]*["“A-Z]/.test(next)) return false;
  const words = t.split(/\s+/);
  if (words.length > 10) return false;
  return words.every((w) => FUNCTION_WORD.test(w) || /^[^a-z]/.test(w));
}

/** `------- SUMMARY -------`: the text between two runs of dashes, or null. */
function framedHeading(line: string): string | null {
  const t = line.trim();
  if (!/^[-=]{3}/.test(t) || !/[-=]{3}$/.test(t)) return null;
  const inner = t
    .replace(/^[-=]+/, '')
    .replace(/[-=]+$/, '')
    .trim();
  return inner && !inner.includes('---') ? inner : null;
}

/** The line with each run of two or more spaces made one space (as `replace(/ {2,}/g, ' ')`, cheaper). */
function singleSpaced(line: string): string {
  let k = line.indexOf('  ');
  if (k < 0) return line;
  let out = '';
  let from = 0;
  while (k >= 0) {
    out += line.slice(from, k + 1);
    let j = k + 2;
    while (line.charCodeAt(j) === 32) j++;
    from = j;
    k = line.indexOf('  ', j);
  }
  return out + line.slice(from);
}

/** One output line per part; each part's wrapped lines already joined by one space. */
function flowing(parts: string[][], blanks: boolean): string {
  const out: string[] = [];
  for (const part of parts) {
    let line = (part.length === 1 ? part[0]! : part.join(' ')).trim();
    if (line.charCodeAt(0) === 182) line = line.replace(STRAY_PILCROW, '');
    line = singleSpaced(line);
    if (blanks && (line.includes('\t') || line.includes('\u00a0'))) line = line.replace(BLANKS, ' ');
    if (line) out.push(line);
  }
  return out.length === 1 ? out[0]! : out.join('\n');
}

let lastClean: string | null = null;
let lastParagraphs: Paragraph[] = [];

/** The reading text as paragraphs (the last result is remembered: summary.ts asks for the same text). */
export function parseParagraphs(clean: string): Paragraph[] {
  if (clean === lastClean) return lastParagraphs;
  lastParagraphs = paragraphsOfLines(clean.split('\n'));
  lastClean = clean;
  return lastParagraphs;
}

/**
 * What the lines may hold, known from the raw body (cleaning never adds these characters) or from
 * the whole cleaned text: lets the reader skip looking for them line by line. All true when not known.
 */
export interface LineHints {
  /** A tab or a no-break space. */
  blanks: boolean;
  /** `===`. */
  equals: boolean;
  /** `---` or `- -`. */
  dashes: boolean;
}

const UNKNOWN: LineHints = { blanks: true, equals: true, dashes: true };

/**
 * The hints for the cleaned lines of `body` (see LineHints). `cleaned`: the lines joined with
 * newlines, when the caller has that text (no line holds those runs if it does not).
 */
export function lineHintsOf(body: string, cleaned: string | null = null): LineHints {
  return {
    blanks: body.includes('\t') || body.includes('\u00a0'),
    equals: body.includes('==='),
    dashes: cleaned === null || cleaned.includes('---') || cleaned.includes('- -'),
  };
}

/**
 * parseParagraphs for the cleaned text's lines (cleanBodyLines); `all` is left as it is. `signature`:
 * locateSignature(all), when the caller has it already.
 */
export function paragraphsOfLines(
  all: string[],
  hints: LineHints = UNKNOWN,
  signature: Signature | null = locateSignature(all),
): Paragraph[] {
  const { blanks, equals, dashes: mayHaveDashes } = hints;
  const at = readingStartAt(all);
  const start = at.line;
  let end = all.length;
  const lines = all.slice(0, end);
  if (signature && signature.line >= start) {
    end = signature.line;
    if (signature.glued) {
      lines[end] = lines[end]!.slice(0, signature.at);
      end++;
    }
  }
  if (at.column > 0) lines[start] = lines[start]!.slice(at.column);

  const out: Paragraph[] = [];
  let cur: Draft | null = null;
  let boundary = true; // at the start of a block (after a blank line, a rule or a heading)
  let lastNumber = 0;

  const flush = () => {
    if (cur) {
      const text = flowing(cur.parts, blanks);
      if (text || cur.number !== null) out.push({ number: cur.number, marking: cur.marking, text });
    }
    cur = null;
  };
  const open = (number: number | null, marking: string | null, text: string, line: string) => {
    flush();
    cur = { number, marking, parts: [[text]], lastLine: line };
  };
  const heading = (text: string) => {
    flush();
    if (text.trim()) out.push({ number: null, marking: null, text: squeeze(text) });
    boundary = true;
  };

  for (let i = start; i < end; i++) {
    const line = lines[i]!;
    const at = firstCharIndex(line);
    const first = at < 0 || (at === line.length - 1 && line.charCodeAt(at) === 13) ? -1 : line.charCodeAt(at);
    if (first < 0) {
      boundary = true;
      continue;
    }
    const dashes =
      (mayHaveDashes && line.indexOf('-') >= 0 && (line.includes('---') || line.includes('- -'))) ||
      (equals && line.includes('==='));
    if (dashes || first === 95 || first === 42 || first === 126) {
      if (RULE_LINE.test(line)) {
        // An underline: the paragraph before it, when it is one short line, was a heading.
        const c = cur as Draft | null;
        const only = c && c.number === null && c.parts.length === 1 ? flowing(c.parts, blanks) : null;
        if (only !== null && only.length <= 100) {
          cur = null;
          heading(only);
        } else {
          flush();
          boundary = true;
        }
        continue;
      }
    }
    const glued = dashes ? (GLUED_FRAMED_HEADING.exec(line) ?? GLUED_UNDERLINED_HEADING.exec(line)) : null;
    if (glued) {
      heading(glued[1]!);
      lines[i] = glued[2]!;
      i--;
      continue;
    }
    const framed = dashes && line.length < 200 ? framedHeading(line) : null;
    if (framed !== null) {
      heading(framed);
      continue;
    }
    const tail = dashes && line.length < 200 && line.includes('----') ? UNDERLINED_TAIL.exec(line) : null;
    if (tail && tail[1]!.length <= 100) {
      heading(tail[1]!);
      continue;
    }

    const c = cur as Draft | null;
    const prev = c ? c.lastLine : '';
    const numbered = (first >= 48 && first <= 57) || first === 182 ? NUMBERED.exec(line) : null;
    if (numbered) {
      const n = Number(numbered[1]);
      const markingText = numbered[2] ?? numbered[3];
      const marking = markingText ? normaliseMarking(markingText) : null;
      const plausible =
        n > 0 &&
        (boundary ||
          !c ||
          (marking !== null && n === lastNumber + 1) ||
          (endsSentence(prev) && (marking !== null || n === lastNumber + 1)));
      if (plausible && (markingText === undefined || marking !== null || numbered[3] === undefined)) {
        lastNumber = n;
        // A parenthesis that is not a portion marking (`2. (Afghanistan) Elections`) stays in the text.
        const cut =
          markingText !== undefined && marking === null
            ? NUMBER_ONLY.exec(line)![0].length
            : numbered[0].length;
        open(n, marking, line.slice(cut), line);
        boundary = false;
        continue;
      }
    }
    const marked = first === 40 || first === 182 ? MARKED.exec(line) : null;
    if (marked && (boundary || !c || endsSentence(prev))) {
      const marking = normaliseMarking(marked[1]!);
      if (marking) {
        open(null, marking, line.slice(marked[0].length), line);
        boundary = false;
        continue;
      }
    }

    if (!c) {
      open(null, null, line, line);
      boundary = false;
      continue;
    }
    const next = i + 1 < end ? lines[i + 1] : undefined;
    if (c.number === null && !boundary && isTitleLine(line, prev, next)) {
      heading(line);
      continue;
    }
    if (
      !boundary &&
      c.number !== null &&
      isTitleLine(line, prev, next) &&
      (next === undefined || !isLowerCase(firstCharCode(next)))
    ) {
      heading(line);
      continue;
    }
    if (boundary) {
      // A new block: part of the paragraph before it when it is a list item or a sentence that
      // runs on; otherwise an unnumbered paragraph of its own.
      const runsOn = !endsSentence(prev) || isLowerCase(first);
      if (
        (c.number !== null || c.marking !== null) &&
        ((mayBeListItem(line, at) && LIST_ITEM.test(line)) || runsOn)
      ) {
        c.parts.push([line]);
        c.lastLine = line;
        boundary = false;
        continue;
      }
      open(null, null, line, line);
      boundary = false;
      continue;
    }
    if (c.number === null && (first === 34 || first === 8220) && endsSentence(prev)) {
      open(null, null, line, line);
      continue;
    }
    if (mayBeListItem(line, at) && LIST_ITEM.test(line)) c.parts.push([line]);
    else c.parts[c.parts.length - 1]!.push(first === 182 ? line.replace(STRAY_PILCROW, '') : line);
    c.lastLine = line;
  }
  flush();
  return out;
}
