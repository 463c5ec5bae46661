/**
 * Portion markings at the head of a paragraph: `(C)`, `(S/NF)`, `(SBU)`, the malformed `C)` and
 * `(U//FOUO)`. Normalised upper case without parentheses or spaces: `C`, `S/NF`, `SBU`, `U/FOUO`.
 */

const MARKING =
  /^(?:TS|S|C|U|SBU|FOUO|LOU|NF|REL|UNCLAS|NOFORN|ORCON)(?:\/{1,2}[A-Z]{1,8}(?: [A-Z]{1,8}){0,4}(?:,[A-Z]{1,8})*){0,3}$/;

/** Answers already given: the same few markings come back in every cable. */
const known = new Map<string, string | null>();
const KNOWN_LIMIT = 5000;

/** The normalised marking, or null when the text is not a portion marking. */
export function normaliseMarking(raw: string): string | null {
  const cached = known.get(raw);
  if (cached !== undefined) return cached;
  const marking = normalise(raw);
  if (known.size >= KNOWN_LIMIT) known.clear();
  known.set(raw, marking);
  return marking;
}

function normalise(raw: string): string | null {
  const m = raw
    .toUpperCase()
    .replace(/[()]/g, '')
    .replace(/(?<=^[A-Z]{1,4})-(?=[A-Z])/, '/')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\/\//g, '/')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s+/g, ' ')
    .trim();
  return MARKING.test(m) ? m : null;
}
