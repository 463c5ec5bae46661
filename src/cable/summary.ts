/**
 * parseSummary: the summary of a cable, without its `Summary:` / `End Summary` markers. Handles
 * `1. (C) Summary: ... End Summary.`, a `SUMMARY` heading (`------- SUMMARY -------`, `SUMMARY AND
 * TABLE OF CONTENTS`) followed by paragraphs, `Summary and Comment`, `Summary/Comment`, `Summay`, a
 * summary running over several paragraphs, and an `End Summary` without a start marker (the summary
 * is then the text from the first paragraph). Paragraphs of the summary are joined with a newline.
 */
import { parseParagraphs } from './paragraphs.ts';
import type { Paragraph } from './record.ts';

const WORD = '(?:summ?ar?y|summay|sumary)';
const TAIL =
  '(?:[ \\t]*(?:and|&|\\/|,)[ \\t]*(?:comments?|action requests?|action requested|table of contents|introduction|recommendations?|overview|background|analysis|key points))?';
/** A section number (`I.`, `A.`) or `Introduction and` before the word Summary. */
const LEAD =
  '(?:(?:¶[ \\t]*)?(?:part[ \\t]+)?(?:[IVX]{1,4}|[A-Z]|\\d{1,2})[.)][ \\t]+)?(?:\\([A-Z][A-Z/ -]{0,20}\\)[ \\t]*)?(?:(?:introduction|background|overview|comment)[ \\t]+and[ \\t]+)?';
/** The start marker, with a portion marking written after it (`SUMMARY: (C) ...`). */
const START = new RegExp(
  `^${LEAD}${WORD}${TAIL}[ \\t]*(?:[:.\\-–—]+[ \\t]*|$)(?:\\([A-Z]{1,4}(?:\\/{1,2}[A-Z]{1,6})?\\)[ \\t]*(?::[ \\t]*)?)?`,
  'i',
);
const END = new RegExp(`\\bend\\s+(?:of\\s+)?${WORD}${TAIL}[ \\t]*[.:]?`, 'i');
/** A heading that names the summary: `TRADE SUMMARY`, `Executive Summary`. */
const HEADING = new RegExp(`^(?:[A-Za-z]+[ \\t]+){0,2}${WORD}${TAIL}[ \\t]*[:.]?$`, 'i');
/** `End` closing one paragraph and `Summary.` opening the next: a marker split by a blank line. */
const END_WORD_TAIL = /\bend[ \t]*$/i;
const SUMMARY_WORD_HEAD = new RegExp(`^${WORD}${TAIL}[ \\t]*[.:]?[ \\t]*$`, 'i');
/** A start marker as found in text the paragraph reader did not split: `1) (SBU) SUMMARY.`, `SUMMARY DHS ...`. */
const LOOSE_START = new RegExp(
  `^(?:\\d{1,3}[ \\t]*[.)][ \\t]*)?(?:\\([A-Z][A-Z/ -]{0,20}\\)[ \\t]*)?(?:${WORD}${TAIL}\\b[ \\t]*[:.\\-–—]*[ \\t]*)?`,
  'i',
);
/** Every spelling in WORD starts with `sum`: a cheap test before END, which most paragraphs fail. */
const NAMES_SUMMARY = /sum/i;
/** How far into the cable a summary may start or end. */
const SEARCH_PARAGRAPHS = 15;
const MAX_SUMMARY_PARAGRAPHS = 12;

/** Texts from `first` (the first one already cut at its start) up to the End Summary marker. */
function collect(texts: string[], untilMarker: boolean): string | null {
  const taken: string[] = [];
  for (let k = 0; k < texts.length && k < MAX_SUMMARY_PARAGRAPHS; k++) {
    const text = texts[k]!;
    const end = END.exec(text);
    if (end) {
      taken.push(text.slice(0, end.index));
      return join(taken);
    }
    const split = END_WORD_TAIL.exec(text);
    if (split && k + 1 < texts.length && SUMMARY_WORD_HEAD.test(texts[k + 1]!)) {
      taken.push(text.slice(0, split.index));
      return join(taken);
    }
    taken.push(text);
  }
  if (untilMarker) return null;
  return join(taken.slice(0, 1));
}

function join(texts: string[]): string | null {
  const s = texts
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .join('\n');
  return s.length > 0 ? s : null;
}

/** The summary paragraph(s), or null when the cable has no marked summary. */
export function parseSummary(clean: string): string | null {
  return summaryOfParagraphs(parseParagraphs(clean));
}

/** parseSummary for paragraphs already read (parseParagraphs). */
export function summaryOfParagraphs(paragraphs: Paragraph[]): string | null {
  const limit = Math.min(paragraphs.length, SEARCH_PARAGRAPHS);
  for (let i = 0; i < limit; i++) {
    const text = paragraphs[i]!.text;
    const start = START.exec(text) ?? (paragraphs[i]!.number === null ? HEADING.exec(text) : null);
    if (!start) continue;
    const rest = text.slice(start[0].length);
    const texts = paragraphs.slice(i + 1).map((p) => p.text);
    if (rest.trim()) texts.unshift(rest);
    return collect(texts, false);
  }
  // No start marker: an End Summary early on closes a summary that begins the reading text.
  for (let i = 0; i < limit; i++) {
    const text = paragraphs[i]!.text;
    if (!NAMES_SUMMARY.test(text) || !END.test(text)) continue;
    let from = paragraphs.findIndex((p) => p.number !== null);
    if (from < 0 || from > i) from = 0;
    const texts = paragraphs.slice(from, i + 1).map((p) => p.text);
    texts[0] = texts[0]!.replace(LOOSE_START, '');
    return collect(texts, true);
  }
  return null;
}
