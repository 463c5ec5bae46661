/**
 * Finding a search's words in a text without the index: a word counts when its folded form
 * starts with the stem-like start of a searched word (`negotiations` for `negotiate`). Used for
 * snippets (the same on both databases) and for marking the words on a cable page.
 */
import { fold } from './normalize.ts';

const SUFFIX = /(?:ations?|ings?|ions?|ed|es|s|e|y|ly)$/;

/** The start a word must have to count as a form of `word`. */
function stemStart(word: string): string {
  const s = word.length > 4 ? word.replace(SUFFIX, '') : word;
  return s.length >= 3 ? s : word;
}

/** A test for "is this word one of the searched words". */
export function wordMatcher(words: string[]): (word: string) => boolean {
  const starts = words.map(stemStart);
  return (word) => {
    const folded = fold(word);
    return starts.some((s) => folded.startsWith(s) && folded.length <= s.length + 6);
  };
}

const ESCAPE = /[.*+?^${}()|[\]\\]/g;

/**
 * Start and end offsets of the searched words in `text`. Candidates are found by one regular
 * expression over the text (case ignored), then checked on their folded form; a word written
 * with accents where the search has none is found only when its start has no accent.
 */
export function findWords(text: string, words: string[], max = Infinity): [number, number][] {
  if (words.length === 0) return [];
  const starts = [...new Set(words.map(stemStart))].map((w) => w.replace(ESCAPE, '\\$&'));
  const candidates = new RegExp(`(?<![\\p{L}\\p{N}])(?:${starts.join('|')})[\\p{L}\\p{N}]*`, 'giu');
  const matches = wordMatcher(words);
  const out: [number, number][] = [];
  for (const m of text.matchAll(candidates)) {
    if (matches(m[0])) {
      out.push([m.index, m.index + m[0].length]);
      if (out.length >= max) break;
    }
  }
  return out;
}

const SNIPPET_CHARS = 220;

/**
 * A passage of `text` around the first searched word, the words marked with \u0002 and \u0003
 * (plain text otherwise); the start of the text when no word is found.
 */
export function snippetOf(text: string, words: string[]): string {
  const found = findWords(text, words, 50);
  if (found.length === 0) return text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text;
  let from = Math.max(0, found[0]![0] - 60);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < found[0]![0]) from = space + 1;
  }
  let to = Math.min(text.length, from + SNIPPET_CHARS);
  const space = text.lastIndexOf(' ', to);
  if (to < text.length && space > found[0]![1]) to = space;
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const [s, e] of found) {
    if (s < from) continue;
    if (e > to) break;
    out += `${text.slice(at, s)}\u0002${text.slice(s, e)}\u0003`;
    at = e;
  }
  out += text.slice(at, to);
  return to < text.length ? `${out}…` : out;
}
