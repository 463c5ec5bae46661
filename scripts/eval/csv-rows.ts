/**
 * A small splitter for the 2011 `cables.csv` layout (8 fields, all quoted with `"`, `\` escapes,
 * newlines inside fields), used by the sample builder to copy real rows byte for byte and by the
 * bench/eval tools as a stand-in until a reader in src/sources/ handles this layout.
 */
import type { RawCable } from '../../src/cable/record.ts';

export interface CsvRowSpan {
  /** Offset of the row's first character and one past its last (the newline is not included). */
  start: number;
  end: number;
  /** The unescaped field values. */
  fields: string[];
}

const ESCAPE = /\\([\s\S])/g;

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
        fields.push(escaped ? raw.replace(ESCAPE, '$1') : raw);
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

/** `09/27/2000 14:02` -> `2000-09-27T14:02:00Z`. */
function csvDateToIso(value: string): string | null {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d)/.exec(value);
  return m ? `${m[3]}-${m[1]}-${m[2]}T${m[4]}:${m[5]}:00Z` : null;
}

/** The raw cables of a cables.csv text (stand-in reader). */
export function rawCablesFromCsv(text: string): RawCable[] {
  const out: RawCable[] = [];
  for (const row of csvRowSpans(text)) {
    const f = row.fields;
    out.push({
      publishedRefId: f[2] ?? '',
      created: csvDateToIso(f[1] ?? ''),
      origin: f[3] ?? null,
      classification: f[4] ?? null,
      header: f[6] ?? '',
      body: f[7] ?? '',
      source: { format: 'csv' },
    });
  }
  return out;
}
