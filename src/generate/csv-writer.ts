/**
 * Writer of the 2011 cables.csv layout, the inverse of src/sources/csv.ts: 8 columns (id, date
 * `MM/DD/YYYY HH:MM`, ref id, origin, classification, references, header, body), every field
 * quoted with `"`, a quote written `\"` and a backslash `\\`, newlines kept inside fields, one
 * row per line. Rows are gathered into large blocks and written synchronously, so memory stays
 * at one block whatever the corpus size.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const NEEDS_ESCAPE = /[\\"]/;
const ESCAPE = /[\\"]/g;
const BLOCK_CHARS = 4 << 20;

/** One field, quoted and escaped. */
export function csvField(value: string): string {
  return NEEDS_ESCAPE.test(value) ? `"${value.replace(ESCAPE, '\\$&')}"` : `"${value}"`;
}

/** `2006-02-10T15:26:00Z` -> `02/10/2006 15:26`, the dump's date column; '' without a date. */
export function dumpDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(iso) : null;
  return m ? `${m[2]}/${m[3]}/${m[1]} ${m[4]}:${m[5]}` : '';
}

/** One row of the dump, with its line end. */
export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

export class CsvFileWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private chars = 0;
  /** Bytes written to the file so far. */
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(fields: readonly string[]): void {
    const row = csvRow(fields);
    this.parts.push(row);
    this.chars += row.length;
    if (this.chars >= BLOCK_CHARS) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const buffer = Buffer.from(this.parts.join(''), 'utf8');
    let at = 0;
    while (at < buffer.length) at += writeSync(this.fd, buffer, at);
    this.bytes += buffer.length;
    this.parts = [];
    this.chars = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
