/**
 * parseSigners: the closing signature(s) of a cable, upper case (`BURNS`, `VAN VOORST`), found by
 * signature.ts among the last lines after the trailing classification, `NNNN`, `BT` and trailers.
 */
import { locateSignature, type Signature } from './signature.ts';

/** How many characters at the end of the cleaned text the signature is looked for in. */
export const SIGNATURE_CHARS = 4000;

/** Closing signature(s), or [] when the cable ends without one. */
export function parseSigners(clean: string): string[] {
  const tail = clean.length > SIGNATURE_CHARS ? clean.slice(clean.length - SIGNATURE_CHARS) : clean;
  return locateSignature(tail.split('\n'))?.names ?? [];
}

/** Lines at the end that locateSignature can look at: the 40 it searches and the one before them. */
const LINES_READ = 41;

/**
 * parseSigners(tail) for the cleaned text's lines (`tail` being a suffix of their join), with the
 * signature located on all the lines (`signature`, asked only when needed): the same answer without
 * splitting the text again, whenever the last SIGNATURE_CHARS characters hold all the lines that
 * locateSignature reads (or the whole text).
 */
export function signersOfLines(lines: string[], signature: () => Signature | null, tail: string): string[] {
  if (tail.length > SIGNATURE_CHARS) {
    // The tail's cut falls inside the text: it must leave LINES_READ whole lines after it.
    let size = 0;
    let k = lines.length - 1;
    for (let n = 0; n < LINES_READ && k >= 0; n++) size += lines[k--]!.length + 1;
    if (k < 0 || size > SIGNATURE_CHARS) return parseSigners(tail);
  }
  return signature()?.names ?? [];
}
