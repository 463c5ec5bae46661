/**
 * Portion markings at the head of a paragraph: `(C)`, `(S/NF)`, `(SBU)`, the malformed `C)` and
 * `(U//FOUO)`. Normalised upper case without parentheses or spaces: `C`, `S/NF`, `SBU`, `U/FOUO`.
 */
import { memoize } from './memo.ts';

const MARKING =
  /^(?:TS|S|C|U|SBU|FOUO|LOU|NF|REL|UNCLAS|NOFORN|ORCON)(?:\/{1,2}[A-Z]{1,8}(?: [A-Z]{1,8}){0,4}(?:,[A-Z]{1,8})*){0,3}$/;

/** The normalised marking, or null when the text is not a portion marking (the same few come back in every cable). */
export const normaliseMarking: (raw: string) => string | null = memoize(normalise, 5000);

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
