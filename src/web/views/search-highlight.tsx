/**
 * Marks a search's words in a text on the server: `<mark>` around each word whose folded form
 * (case and accents ignored) starts with the stem-like start of a searched word (`negotiations`
 * is marked for `negotiate`). Used on a cable page reached from search results (`?hl=words`).
 */
import { fold } from '../../search/normalize.ts';

const WORD = /[\p{L}\p{N}]+/gu;
const SUFFIX = /(?:ations?|ings?|ions?|ed|es|s|e|y|ly)$/;

/** The start a word must have to count as a form of `word`. */
function stemStart(word: string): string {
  const s = word.length > 4 ? word.replace(SUFFIX, '') : word;
  return s.length >= 3 ? s : word;
}

export function Highlighted(props: { text: string; words: string[] }) {
  const starts = props.words.map(stemStart);
  const parts: (string | ReturnType<typeof Mark>)[] = [];
  let last = 0;
  for (const m of props.text.matchAll(WORD)) {
    const folded = fold(m[0]);
    if (!starts.some((s) => folded.startsWith(s) && folded.length <= s.length + 6)) continue;
    if (m.index > last) parts.push(props.text.slice(last, m.index));
    parts.push(Mark({ text: m[0] }));
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return <>{props.text}</>;
  parts.push(props.text.slice(last));
  return <>{parts}</>;
}

function Mark(props: { text: string }) {
  return <mark>{props.text}</mark>;
}
