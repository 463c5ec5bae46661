/**
 * Where the reading text of a cleaned body starts: after the preamble (classification line,
 * SIPDIS and addressee lines, E.O., TAGS, SUBJECT, REF, Classified By, with their continuation
 * lines), before the first paragraph. Used by paragraphs.ts (and through it summary.ts).
 */

const PREAMBLE_KEY =
  /^[ \t]*(?:E\.?[ \t]?O\.?[ \t]*1\d{4}|EO[ \t]+1\d{4}|E\.[ \t]?O\.[ \t]|TAGS\b|SUBJ(?:ECT)?\b|(?:REF|Ref)(?:S|s|TEL|TELS|tel|tels)?\b|CLASSIFIED[ \t]+BY\b|Classified[ \t]+[Bb]y\b|DECL\b|DERIVED[ \t]+FROM\b|Derived[ \t]+[Ff]rom\b)/;
const NUMBERED_START = /^[ \t]*(?:¶[ \t]*)?\d{1,3}[ \t]*\.[ \t]*(?:\(|[A-Z]|$)/;
const CLASSIFIED_BY = /^[ \t]*(?:CLASSIFIED|Classified)[ \t]+(?:BY|By|by)\b/;
const REASONS_END = /(?:1\.[45]|REASON|Reason|reason)[^\n]*[).][ \t]*$|\([a-hA-H]\)[ \t]*\.?[ \t]*$/;
const HEADING_UNDERLINE = /^[ \t]*[-=_]{3,}[ \t]*$/;

/** The first paragraph glued to the end of a reflowed preamble line. */
const GLUED_START =
  /[ \t](?=(?:¶[ \t]*)?1[ \t]*\.[ \t]*(?:\([A-Z]{1,4}(?:\/{1,2}[A-Z]{1,6})?\)|[A-Z][a-z])|-{4,}[ \t]*SUMMARY|(?:Summary|SUMMARY)[ \t]*(?:[:.]|-{3,}))/;

/** An unnumbered marked paragraph glued after the reasons: `... reason 1.4 (b). (C) In a June 30 ...`. */
const GLUED_MARKED_START = /[.)][ \t]+(?=\((?:[A-Z]{1,4}(?:\/{1,2}[A-Z]{1,6})?)\)[ \t]+[A-Z])/;

/** A portion marking closing a preamble line, its paragraph text on the next line. */
const ENDS_WITH_MARKING = /[ \t](?=\((?:[A-Z]{1,4}(?:\/{1,2}[A-Z]{1,6})?)\)[ \t]*$)/;

export interface ReadingStart {
  /** First line of the reading text (may equal lines.length). */
  line: number;
  /** Column in that line where the text starts (non-zero when it is glued to the preamble). */
  column: number;
}

/** Where the reading text starts, allowing for a first paragraph glued to the last preamble line. */
export function readingStartAt(lines: string[]): ReadingStart {
  const line = readingStart(lines);
  for (let k = line - 1; k >= 0 && k >= line - 3; k--) {
    const text = lines[k]!;
    if (text.trim() === '') break;
    if (text.length < 40) continue;
    const m = GLUED_START.exec(text);
    const marked = GLUED_MARKED_START.exec(text) ?? ENDS_WITH_MARKING.exec(text);
    const column = Math.min(
      m ? m.index + 1 : text.length,
      marked ? marked.index + marked[0].length : text.length,
    );
    if (column < text.length) return { line: k, column };
  }
  return { line, column: 0 };
}

/** Index of the first line of the reading text (may equal lines.length). */
export function readingStart(lines: string[]): number {
  const limit = Math.min(lines.length, 150);
  let lastKey = -1;
  for (let i = 0; i < limit; i++) {
    const line = lines[i]!;
    if (NUMBERED_START.test(line)) break;
    if (HEADING_UNDERLINE.test(line) && lastKey >= 0) break;
    if (PREAMBLE_KEY.test(line)) lastKey = i;
  }
  if (lastKey < 0) {
    // No preamble: skip a leading classification line only.
    let i = 0;
    while (i < lines.length && lines[i]!.trim() === '') i++;
    if (i < lines.length && /^[ \t]*(?:(?:[A-Z][ \t]){4,}[A-Z]\b|UNCLAS|CONFIDENTIAL|SECRET)/.test(lines[i]!))
      i++;
    return i;
  }
  // Continuation lines of the last preamble entry, up to a blank line or a paragraph.
  const classifiedBy = CLASSIFIED_BY.test(lines[lastKey]!);
  let i = lastKey;
  if (classifiedBy && REASONS_END.test(lines[i]!)) return i + 1;
  i++;
  while (i < lines.length && lines[i]!.trim() !== '' && !NUMBERED_START.test(lines[i]!)) {
    if (HEADING_UNDERLINE.test(lines[i + 1] ?? '')) break;
    // `REF: STATE 86108 (SBU)` + next line: the marking opens the text.
    if (ENDS_WITH_MARKING.test(lines[i - 1]!)) break;
    i++;
    if (classifiedBy && REASONS_END.test(lines[i - 1]!)) break;
  }
  return i;
}
