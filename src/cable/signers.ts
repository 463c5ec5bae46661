/**
 * parseSigners: the closing signature(s) of a cable, upper case (`BURNS`, `VAN VOORST`), found by
 * signature.ts among the last lines after the trailing classification, `NNNN`, `BT` and trailers.
 */
import { locateSignature } from './signature.ts';

/** Closing signature(s), or [] when the cable ends without one. */
export function parseSigners(clean: string): string[] {
  const tail = clean.length > 4000 ? clean.slice(clean.length - 4000) : clean;
  return locateSignature(tail.split('\n'))?.names ?? [];
}
