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
  '(?:[ \\t]*(?:and|&|\\/)[ \\t]*(?:comment|action requests?|action requested|table of contents|introduction|recommendations?))?';
const START = new RegExp(`^${WORD}${TAIL}[ \\t]*(?:[:.\\-–—]+[ \\t]*|$)`, 'i');
const END = new RegExp(`\\bend[ \\t]+(?:of[ \\t]+)?${WORD}${TAIL}[ \\t]*[.:]?`, 'i');
/** How far into the cable a summary may start or end. */
const SEARCH_PARAGRAPHS = 8;
const MAX_SUMMARY_PARAGRAPHS = 12;

let lastClean: string | null = null;
let lastParagraphs: Paragraph[] = [];

/** parseParagraphs, remembered for the same text (parse.ts asks for both). */
function paragraphsOf(clean: string): Paragraph[] {
  if (clean !== lastClean) {
    lastParagraphs = parseParagraphs(clean);
    lastClean = clean;
  }
  return lastParagraphs;
}

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
  const paragraphs = paragraphsOf(clean);
  const limit = Math.min(paragraphs.length, SEARCH_PARAGRAPHS);
  for (let i = 0; i < limit; i++) {
    const text = paragraphs[i]!.text;
    const start = START.exec(text);
    if (!start) continue;
    const rest = text.slice(start[0].length);
    const texts = paragraphs.slice(i + 1).map((p) => p.text);
    if (rest.trim()) texts.unshift(rest);
    return collect(texts, false);
  }
  // No start marker: an End Summary early on closes a summary that begins the reading text.
  for (let i = 0; i < limit; i++) {
    if (!END.test(paragraphs[i]!.text)) continue;
    let from = paragraphs.findIndex((p) => p.number !== null);
    if (from < 0 || from > i) from = 0;
    return collect(
      paragraphs.slice(from, i + 1).map((p) => p.text),
      true,
    );
  }
  return null;
}
