/**
 * The words found in many cables of a sample of reading texts: the searches worth preparing
 * before anyone asks (see SearchEngine.warm). Words as the query parser sees them (folded index
 * tokens), without stop words, numbers and one-letter tokens; ordered by how many texts hold them.
 */
import { STOP_WORDS, tokens } from './normalize.ts';

/** Words held by at least `minShare` of the texts, most frequent first, at most `max`. */
export function commonWords(texts: string[], max: number, minShare: number): string[] {
  const held = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(tokens(text))) {
      if (word.length < 2 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
      held.set(word, (held.get(word) ?? 0) + 1);
    }
  }
  const least = Math.max(1, Math.ceil(minShare * texts.length));
  return [...held]
    .filter(([, count]) => count >= least)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([word]) => word);
}
