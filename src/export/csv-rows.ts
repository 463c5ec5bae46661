/**
 * The rows of a CSV export, from a cable's record and current text: `cables.csv` in the 2011
 * dump's layout (8 quoted columns with backslash escapes, written by the same code as the
 * synthetic corpus, so that src/sources/csv.ts reads it back), and `metadata.csv`, one plain
 * RFC 4180 line per cable (quotes doubled) for spreadsheets and data tools.
 */
import type { CableRecord } from '../cable/record.ts';
import { csvRow, dumpDate } from '../generate/csv-writer.ts';

/** The cable ids a cable cites, `|`-separated as in the dump's references column. */
export function citedIds(record: CableRecord): string {
  return record.references
    .map((r) => r.refId)
    .filter((id): id is string => id !== null)
    .join('|');
}

/** One row of cables.csv (with its line end): `row` is the row number, from 1. */
export function dumpRow(row: number, record: CableRecord, header: string, body: string): string {
  return csvRow([
    String(row),
    dumpDate(record.created),
    record.publishedRefId,
    record.origin,
    record.classification,
    citedIds(record),
    header,
    body,
  ]);
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 line: fields quoted when they hold a quote, comma or line break. */
export function plainCsvLine(fields: readonly (string | number | boolean | null)[]): string {
  return `${fields
    .map((value) => {
      const text = value === null ? '' : String(value);
      return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',')}\r\n`;
}

export const METADATA_COLUMNS = [
  'refId',
  'publishedRefId',
  'created',
  'released',
  'classification',
  'origin',
  'subject',
  'tags',
  'references',
  'partial',
  'sections',
  'versions',
  'contentHash',
] as const;

/** One line of metadata.csv. */
export function metadataLine(record: CableRecord, versions: number, currentHash: string): string {
  return plainCsvLine([
    record.refId,
    record.publishedRefId,
    record.created,
    record.released,
    record.classification,
    record.origin,
    record.subject,
    record.tags.join('|'),
    citedIds(record),
    record.partial,
    record.sections ?? null,
    versions,
    currentHash,
  ]);
}
