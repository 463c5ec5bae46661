/**
 * Recognisers for the page-break marks that the telegram system printed into cable bodies:
 * - modern (2003-2010): a line `MOSCOW 00001323  002 OF 002` (station cut to 10 characters, serial
 *   zero-padded to 8 digits, page `NNN` or `NNN.N`), sometimes glued inside a reflowed line;
 * - older (before 2003): `PAGE 04 HARARE 06677 01 OF 03 291400Z` followed on the same line by the
 *   text of the next page, and `PAGE 02 RUEHFRA2440 ...` running heads.
 * Used by clean.ts to remove them and by the tests to prove none is left.
 */

/** A whole line that is only a modern page-break mark (a trailing backslash continuation is allowed). */
export const MODERN_BREAK_LINE =
  /^[ \t]*[A-Z][A-Z .'-]{0,24}[ \t]+\d{8}[ \t]+\d{3}(?:\.\d{1,2})?[ \t]+OF[ \t]+\d{3}[ \t]*(?:\\[ \t]*)?$/;

/** A modern page-break mark anywhere in a line: group 1 is the serial, the station words precede it. */
export const MODERN_BREAK_INLINE = /(?<![\w])(\d{8})[ \t]+\d{3}(?:\.\d{1,2})?[ \t]+OF[ \t]+\d{3}(?![\w])/g;

/** Old running head: `PAGE 03 HARARE 05461 01 OF 02 271458Z` + (group 1) the text glued after it. */
export const OLD_PAGE_LINE =
  /^[ \t]*PAGE[ \t]+\d{1,3}[ \t]+[A-Z][A-Z .-]{0,20}?[ \t]+\d{4,6}[ \t]+(?:\d{1,2}[ \t]+OF[ \t]+\d{1,2}[ \t]+)?\d{6}Z[ \t]*(.*)$/;

/** Old running head that repeats the routing indicator: `PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440`. */
export const OLD_PAGE_ROUTING_LINE = /^[ \t]*PAGE[ \t]+\d{1,3}[ \t]+RU[A-Z]{3,5}\d+\b.*$/;

/** True when the text still holds a page-break mark of either style (used by tests and checks). */
export function hasPageBreak(text: string): boolean {
  MODERN_BREAK_INLINE.lastIndex = 0;
  if (MODERN_BREAK_INLINE.test(text)) return true;
  return /(?:^|\s)PAGE[ \t]+\d{1,3}[ \t]+(?:[A-Z][A-Z .-]{0,20}?[ \t]+\d{4,6}[ \t]+(?:\d{1,2}[ \t]+OF[ \t]+\d{1,2}[ \t]+)?\d{6}Z|RU[A-Z]{3,5}\d)/.test(
    text,
  );
}
