/**
 * The preamble window: the stretch at the top of a cable body where the E.O. line, TAGS, SUBJECT,
 * REF list and "Classified By" line live. Field parsers search only this window, for speed.
 */

/** How many characters of the body the preamble fields are looked for in. */
export const PREAMBLE_CHARS = 6000;

/** The first PREAMBLE_CHARS characters of a body (the whole body when it is shorter). */
export function preambleWindow(text: string, size: number = PREAMBLE_CHARS): string {
  return text.length > size ? text.slice(0, size) : text;
}

/** White space other than one space standing alone: what `singleSpaced` has to replace. */
const UNEVEN_SPACE = /[^\S ]| \s/;

/** Each run of white space made one space (`text.replace(/\s+/g, ' ')`, without the copy when none changes). */
export function singleSpaced(text: string): string {
  return UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/** Collapses runs of whitespace to one space and trims. */
export function squeeze(text: string): string {
  return singleSpaced(text).trim();
}
