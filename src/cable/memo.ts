/**
 * A bounded memo for pure functions of one string that see the same few inputs in every cable
 * (classification spellings, portion markings, station names): the answer is remembered, and the
 * memory is emptied once it holds `limit` answers. The parser stays pure: same input, same answer.
 */
export function memoize<T>(compute: (text: string) => T, limit: number): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text) as T;
    const answer = compute(text);
    if (known.size >= limit) known.clear();
    known.set(text, answer);
    return answer;
  };
}
