/**
 * Marks a search's words in a text on the server (`<mark>`), for a cable page reached from
 * search results (`?hl=words`). Which words count is decided in ../../search/highlight.ts.
 */
import { findWords } from '../../search/highlight.ts';

export function Highlighted(props: { text: string; words: string[] }) {
  const found = findWords(props.text, props.words);
  if (found.length === 0) return <>{props.text}</>;
  const parts: unknown[] = [];
  let last = 0;
  for (const [s, e] of found) {
    parts.push(props.text.slice(last, s), <mark>{props.text.slice(s, e)}</mark>);
    last = e;
  }
  parts.push(props.text.slice(last));
  return <>{parts}</>;
}
