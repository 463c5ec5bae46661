/**
 * What every source reader yields: either one raw cable, or a problem with one record (a broken
 * csv row, a bad json line, an unreadable file) with the position where it was found. Readers
 * report problems this way instead of throwing, so one bad record never stops a whole run.
 */
import type { RawCable } from '../cable/record.ts';

/** A record that could not be read: `where` is `path:line` (or just the path), `message` says why. */
export interface ReadError {
  where: string;
  message: string;
}

export type ReadItem = { cable: RawCable; error?: undefined } | { error: ReadError; cable?: undefined };

/** `path:line`, or the path alone when there is no line; `stdin` for standard input. */
export function position(path: string | undefined, line?: number): string {
  const name = path ?? 'stdin';
  return line === undefined ? name : `${name}:${line}`;
}
