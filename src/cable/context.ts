/**
 * What the field parsers may know about the cable besides the text they read: its year (for
 * references that omit it) and its station. Filled by parse.ts from the reference id.
 */
export interface ParseContext {
  /** Four-digit year of the cable (from its reference id or created date), or null. */
  year: number | null;
  /** Station part of the canonical reference id, e.g. `MOSCOW`, or null. */
  station: string | null;
}
