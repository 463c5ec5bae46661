/**
 * Checks the input readers against the cable files: every cable read from the corpus's cables.csv
 * (readCsv) and from its cablegate html pages (readHtmlPage) must have the header and body of its
 * cable file byte for byte, and the same created date and metadata. The figures go in the
 * evaluation's table next to the parser's raw-text check.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawCable } from '../../src/cable/record.ts';
import { readCsv } from '../../src/sources/csv.ts';
import { readHtmlPage } from '../../src/sources/html.ts';
import { fileBytes } from '../../src/sources/input.ts';
import { listFiles } from '../../src/sources/walk.ts';
import type { CorpusCable } from './corpus.ts';

export interface ReaderResult {
  key: string;
  label: string;
  against: string;
  compared: number;
  agree: number;
  /** Ref id -> what differs, for the disagreement listing. */
  problems: { id: string; kind: string; detail: string }[];
}

const isHtml = (name: string) => name.endsWith('.html');

/** Where two texts first differ, shown briefly. */
function firstDifference(a: string, b: string): string {
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  return `at ${at}: ${JSON.stringify(a.slice(Math.max(0, at - 15), at + 25))} vs ${JSON.stringify(b.slice(Math.max(0, at - 15), at + 25))}`;
}

function compare(
  result: ReaderResult,
  read: RawCable,
  file: RawCable | undefined,
  fields: (keyof RawCable)[],
): void {
  const id = read.publishedRefId;
  result.compared++;
  if (!file) {
    result.problems.push({ id, kind: 'no cable file with this id', detail: '' });
    return;
  }
  if (read.header !== file.header) {
    result.problems.push({ id, kind: 'header differs', detail: firstDifference(read.header, file.header) });
    return;
  }
  if (read.body !== file.body) {
    result.problems.push({ id, kind: 'body differs', detail: firstDifference(read.body, file.body) });
    return;
  }
  for (const field of fields) {
    if ((read[field] ?? null) !== (file[field] ?? null)) {
      result.problems.push({ id, kind: `${field} differs`, detail: `${read[field]} vs ${file[field]}` });
      return;
    }
  }
  result.agree++;
}

export async function runReaderChecks(dir: string, cables: CorpusCable[]): Promise<ReaderResult[]> {
  const byId = new Map(cables.map((c) => [c.id, c.raw]));
  const results: ReaderResult[] = [];
  const csvPath = join(dir, 'cables.csv');
  if (existsSync(csvPath)) {
    const csv: ReaderResult = {
      key: 'reader-csv',
      label: 'csv reader: header, body, metadata',
      against: 'the cable files',
      compared: 0,
      agree: 0,
      problems: [],
    };
    for await (const item of readCsv(fileBytes(csvPath), csvPath)) {
      if (item.error) {
        csv.compared++;
        csv.problems.push({ id: item.error.where, kind: 'row not read', detail: item.error.message });
      } else
        compare(csv, item.cable, byId.get(item.cable.publishedRefId), [
          'created',
          'classification',
          'origin',
        ]);
    }
    results.push(csv);
  }
  const pages = await listFiles(join(dir, 'html'), isHtml);
  if (pages.length) {
    const html: ReaderResult = {
      key: 'reader-html',
      label: 'html reader: header, body, metadata',
      against: 'the cable files',
      compared: 0,
      agree: 0,
      problems: [],
    };
    for (const path of pages) {
      try {
        const cable = readHtmlPage(readFileSync(path, 'utf8'), path);
        compare(html, cable, byId.get(cable.publishedRefId), [
          'created',
          'released',
          'classification',
          'origin',
        ]);
      } catch (error) {
        html.compared++;
        html.problems.push({ id: path, kind: 'page not read', detail: String(error) });
      }
    }
    results.push(html);
  }
  return results;
}
