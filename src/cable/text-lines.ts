/** Small helpers for scanning body lines without allocating (shared by clean.ts and paragraphs.ts). */

/** Code of the first character that is not a space or tab, or -1 for a blank line. */
export function firstCharCode(line: string): number {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c !== 32 && c !== 9) return c === 13 && k === line.length - 1 ? -1 : c;
  }
  return -1;
}

/** Index of the first character that is not a space or tab, or -1 when there is none. */
export function firstCharIndex(line: string): number {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c !== 32 && c !== 9) return k;
  }
  return -1;
}

/**
 * Occurrences of a fixed string in a text, asked for line by line in text order: one indexOf per
 * occurrence instead of one search per line (a search costs about as much as a short line).
 */
export class Needle {
  private at = -2;
  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  /** Offset of the first occurrence at or after `from`, or -1. `from` must not decrease between calls. */
  next(from: number): number {
    if (this.at !== -1 && this.at < from) this.at = this.search(from);
    return this.at;
  }

  /** indexOf; a needle of 7+ characters by its first 6 (V8 searches those much faster) and a check of the rest. */
  private search(from: number): number {
    const { text, needle } = this;
    if (needle.length < 7) return text.indexOf(needle, from);
    const head = needle.slice(0, 6);
    for (let at = text.indexOf(head, from); at >= 0; at = text.indexOf(head, at + 1)) {
      if (text.startsWith(needle, at)) return at;
    }
    return -1;
  }

  /** True when an occurrence lies wholly inside text[start, end). */
  within(start: number, end: number): boolean {
    const at = this.next(start);
    return at >= 0 && at + this.needle.length <= end;
  }
}

/**
 * True when the line ends a sentence: its last character before trailing spaces and tabs is one
 * of `. ! ? : ; " ” ' ) ]` (the regex `/[.!?:;"”')\]][ \t]*$/`, without trying every position).
 */
export function endsSentence(line: string): boolean {
  let k = line.length - 1;
  while (k >= 0) {
    const c = line.charCodeAt(k);
    if (c !== 32 && c !== 9) break;
    k--;
  }
  if (k < 0) return false;
  switch (line.charCodeAt(k)) {
    case 46: // .
    case 33: // !
    case 63: // ?
    case 58: // :
    case 59: // ;
    case 34: // "
    case 8221: // ”
    case 39: // '
    case 41: // )
    case 93: // ]
      return true;
    default:
      return false;
  }
}
