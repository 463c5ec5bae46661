/**
 * Finds the rows of a `cables.csv` text with their character spans, so the sample builder can copy
 * real rows byte for byte (the project's reader, src/sources/csv.ts, yields cables, not spans);
 * and quotes a field the way the dump does, for the row made for the seed cable.
 */
import { unescapeCsvField } from '../../src/sources/csv.ts';

export interface CsvRowSpan {
  /** Offset of the row's first character and one past its last (the newline is not included). */
  start: number;
  end: number;
  /** The unescaped field values. */
  fields: string[];
}

/** Yields every row of a cables.csv text with its byte span. Stops at the first malformed row. */
export function* csvRowSpans(text: string): Generator<CsvRowSpan> {
  let at = 0;
  const n = text.length;
  while (at < n) {
    while (at < n && (text[at] === '\n' || text[at] === '\r')) at++;
    if (at >= n) return;
    const start = at;
    const fields: string[] = [];
    for (;;) {
      if (text[at] !== '"') return;
      let i = at + 1;
      let escaped = false;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return;
        const b = text.indexOf('\\', i);
        if (b >= 0 && b < q) {
          escaped = true;
          i = b + 2;
          continue;
        }
        const raw = text.slice(at + 1, q);
        fields.push(escaped ? unescapeCsvField(raw) : raw);
        at = q + 1;
        break;
      }
      if (text[at] === ',') {
        at++;
        continue;
      }
      break;
    }
    yield { start, end: at, fields };
    if (at < n && text[at] === '\r') at++;
    if (at < n && text[at] !== '\n') return;
  }
}

/** Quotes one field the way cables.csv does. */
export function escapeCsvField(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
