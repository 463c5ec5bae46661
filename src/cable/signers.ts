/**
 * parseSigners: the closing signature(s) of a cable, upper case (`BURNS`, `VAN VOORST`), found by
 * signature.ts among the last lines after the trailing classification, `NNNN`, `BT` and trailers.
 */
import { locateSignature } from './signature.ts';

/** How many characters at the end of the cleaned text the signature is looked for in. */
export const SIGNATURE_CHARS = 4000;

/** Closing signature(s), or [] when the cable ends without one. */
export function parseSigners(clean: string): string[] {
  const tail = clean.length > SIGNATURE_CHARS ? clean.slice(clean.length - SIGNATURE_CHARS) : clean;
  return locateSignature(tail.split('\n'))?.names ?? [];
}
