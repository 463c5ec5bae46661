/**
 * Reader of the 2011 `cables.csv` dump: 8 columns, each quoted with `"`, backslash escapes
 * (`\"` is a quote, `\\` a backslash; any other backslash is text, such as the backslash line
 * continuations the published cables carry), newlines kept inside fields. Columns: id, date
 * (`MM/DD/YYYY HH:MM`), ref id, origin, classification, references, header, body.
 *
 * Streamed and fast: the dump is 1.7 GB, so bytes arrive in chunks and only the unfinished row is
 * kept between them. Rows are found in the bytes with `indexOf` (quote, backslash and newline are
 * ASCII, so they never occur inside a multi-byte UTF-8 character) and only the fields are decoded.
 * A broken row (wrong column count, a quote in the wrong place, a field left open) is reported
 * with the line it starts on, and reading goes on from the next line that starts a row
 * (`"N","MM/DD/YYYY HH:MM"`).
 */
import type { RawCable } from '../cable/record.ts';
import { position, type ReadItem } from './read-item.ts';
import { isoMinute } from './source-date.ts';

const COLUMNS = 8;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
/** A row longer than this is taken for a field whose closing quote is missing. */
const MAX_ROW_BYTES = 64 * 1024 * 1024;
/** Enough bytes to recognise `"1234567","09/27/2000 14:02"` at a line start. */
const ROW_START_BYTES = 40;
const ROW_START = /^"\d+","\d\d\/\d\d\/\d{4} \d\d:\d\d"/;
const LINE_THEN_QUOTE = Buffer.from('\n"');
const EMPTY = Buffer.alloc(0);
const UNESCAPE = /\\(["\\])/g;

type RowResult = { fields: string[]; end: number; lines: number } | { broken: string } | 'more';

function countNewlines(text: string): number {
  let count = 0;
  let at = text.indexOf('\n');
  while (at >= 0) {
    count++;
    at = text.indexOf('\n', at + 1);
  }
  return count;
}

function countNewlineBytes(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  let at = bytes.indexOf(NEWLINE, from);
  while (at >= 0 && at < to) {
    count++;
    at = bytes.indexOf(NEWLINE, at + 1);
  }
  return count;
}

/** `\"` -> `"`, `\\` -> `\`; other backslashes stay as they are. */
export function unescapeCsvField(raw: string): string {
  if (raw.indexOf('\\') < 0) return raw;
  if (raw.indexOf('\\\\') < 0) return raw.replaceAll('\\"', '"');
  return raw.replace(UNESCAPE, '$1');
}

function columnCount(fields: string[]): { broken: string } {
  return { broken: `the row has ${fields.length} columns instead of ${COLUMNS}` };
}

/**
 * Reads one row starting at `start` (its opening quote). 'more' when the bytes end before the
 * row does and more may come.
 */
function readRow(bytes: Buffer, start: number, final: boolean): RowResult {
  const fields: string[] = [];
  let lines = 0;
  let at = start;
  for (;;) {
    if (at >= bytes.length) return final ? columnCount(fields) : 'more';
    if (bytes[at] !== QUOTE) return { broken: `column ${fields.length + 1} does not start with a quote` };
    let close = bytes.indexOf(QUOTE, at + 1);
    for (;;) {
      if (close < 0) return final ? { broken: `column ${fields.length + 1} is never closed` } : 'more';
      let back = close - 1;
      while (back > at && bytes[back] === BACKSLASH) back--;
      if (((close - 1 - back) & 1) === 0) break;
      close = bytes.indexOf(QUOTE, close + 1);
    }
    const raw = close === at + 1 ? '' : bytes.toString('utf8', at + 1, close);
    lines += countNewlines(raw);
    fields.push(unescapeCsvField(raw));
    const next = close + 1;
    if (next >= bytes.length) {
      if (!final) return 'more';
      return fields.length === COLUMNS ? { fields, end: next, lines } : columnCount(fields);
    }
    const c = bytes[next];
    if (c === COMMA) {
      if (fields.length === COLUMNS) return { broken: `more than ${COLUMNS} columns` };
      at = next + 1;
      continue;
    }
    let end = -1;
    if (c === NEWLINE) {
      end = next + 1;
      lines++;
    } else if (c === RETURN) {
      if (next + 1 >= bytes.length) {
        if (!final) return 'more';
        end = next + 1;
      } else if (bytes[next + 1] === NEWLINE) {
        end = next + 2;
        lines++;
      }
    }
    if (end < 0) {
      return {
        broken: `unexpected text after the closing quote of column ${fields.length} (an unescaped quote?)`,
      };
    }
    return fields.length === COLUMNS ? { fields, end, lines } : columnCount(fields);
  }
}

function toCable(fields: string[], path: string | undefined, line: number): RawCable {
  return {
    publishedRefId: fields[2]!,
    header: fields[6]!,
    body: fields[7]!,
    created: isoMinute(fields[1]),
    released: null,
    classification: fields[4] || null,
    origin: fields[3] || null,
    source: path === undefined ? { format: 'csv', line } : { format: 'csv', path, line },
  };
}

/**
 * The row scanner: push byte chunks, get back the cables (and broken rows) completed so far.
 * Keeps only the unfinished tail between calls.
 */
export class CsvCableScanner {
  private bytes: Buffer = EMPTY;
  private at = 0;
  /** Line number of bytes[at]. */
  private line = 1;
  /** An unfinished row is tried again once this many bytes are buffered (keeps retries linear). */
  private retryAt = 0;
  /** After a broken row: looking for the next line that starts a row. */
  private resyncing = false;
  private started = false;
  /** Chunks received while an unfinished row waits for more (joined once, not per chunk). */
  private waiting: Buffer[] = [];
  private waitingBytes = 0;

  constructor(private readonly path?: string) {}

  push(chunk: Buffer): ReadItem[] {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    this.waiting.push(chunk);
    this.waitingBytes += chunk.length;
    if (this.bytes.length - this.at + this.waitingBytes < this.retryAt) return [];
    this.join();
    return this.scan(false);
  }

  /** Appends the chunks that arrived since the last scan to the unfinished tail, in one copy. */
  private join(): void {
    const rest = this.at < this.bytes.length ? [this.bytes.subarray(this.at)] : [];
    const parts = [...rest, ...this.waiting];
    this.bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    this.at = 0;
    this.waiting = [];
    this.waitingBytes = 0;
  }

  /** Call at the end of the input: finishes (or reports) the last row. */
  finish(): ReadItem[] {
    this.join();
    const items = this.scan(true);
    this.bytes = EMPTY;
    this.at = 0;
    return items;
  }

  /** Moves `at` to the next line that starts a row; false when more bytes are needed first. */
  private resync(final: boolean): boolean {
    const bytes = this.bytes;
    let from = this.at;
    for (;;) {
      const found = bytes.indexOf(LINE_THEN_QUOTE, from);
      if (found < 0 || (!final && found + 1 + ROW_START_BYTES > bytes.length)) {
        const keep = found >= 0 ? found : final ? bytes.length : Math.max(from, bytes.length - 1);
        this.line += countNewlineBytes(bytes, this.at, keep);
        this.at = keep;
        return false;
      }
      if (
        ROW_START.test(
          bytes.toString('latin1', found + 1, Math.min(found + 1 + ROW_START_BYTES, bytes.length)),
        )
      ) {
        this.line += countNewlineBytes(bytes, this.at, found + 1);
        this.at = found + 1;
        this.resyncing = false;
        return true;
      }
      from = found + 1;
    }
  }

  private scan(final: boolean): ReadItem[] {
    const items: ReadItem[] = [];
    const bytes = this.bytes;
    this.retryAt = 0;
    for (;;) {
      if (this.resyncing && !this.resync(final)) break;
      let at = this.at;
      let c = bytes[at];
      while (c === NEWLINE || c === RETURN) {
        if (c === NEWLINE) this.line++;
        c = bytes[++at];
      }
      this.at = at;
      if (at >= bytes.length) break;
      let row = readRow(bytes, at, final);
      if (row === 'more') {
        if (bytes.length - at <= MAX_ROW_BYTES) {
          this.retryAt = (bytes.length - at) * 2;
          break;
        }
        row = { broken: `the row is longer than ${MAX_ROW_BYTES} bytes (a field never closed?)` };
      }
      if ('broken' in row) {
        items.push({
          error: { where: position(this.path, this.line), message: `broken csv row: ${row.broken}` },
        });
        this.resyncing = true;
        continue;
      }
      items.push({ cable: toCable(row.fields, this.path, this.line) });
      this.line += row.lines;
      this.at = row.end;
    }
    if (this.at >= bytes.length) {
      this.bytes = EMPTY;
      this.at = 0;
    }
    return items;
  }
}

/** Reads cables from cables.csv bytes arriving in chunks, in file order. */
export async function* readCsv(chunks: AsyncIterable<Buffer>, path?: string): AsyncGenerator<ReadItem> {
  const scanner = new CsvCableScanner(path);
  for await (const chunk of chunks) yield* scanner.push(chunk);
  yield* scanner.finish();
}
