/** Small helpers for scanning body lines without allocating (shared by clean.ts and paragraphs.ts). */

/** Code of the first character that is not a space or tab, or -1 for a blank line. */
export function firstCharCode(line: string): number {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c !== 32 && c !== 9) return c === 13 && k === line.length - 1 ? -1 : c;
  }
  return -1;
}
