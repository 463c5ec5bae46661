/**
 * Loads the development corpus for the parser evaluation: every `cables/*.txt` file (its text and
 * the raw cable the project's own cable-file reader makes of it), `manifest.csv`, and the outside
 * expectations under `expected/` (the site's subjects and tags, the peer parser cablemap's output).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawCable } from '../../src/cable/record.ts';
import { readCableFile } from '../../src/sources/cable-file.ts';

/** One row of cablemap's output (expected/cablemap_head_output.jsonl), the fields we compare. */
export interface CablemapRow {
  ref_id: string;
  canonical_id: string;
  subject: string | null;
  tags: string[];
  references: { kind: number; value: string; bullet: string | null }[];
  classified_by: string[];
  nondisclosure_deadline: string | null;
  summary: string | null;
  signed_by: string[];
  is_partial: boolean;
}

export interface CorpusCable {
  /** The id as the file (and the site) spelled it. */
  id: string;
  /** The whole cable file, to check the raw header/body byte for byte. */
  fileText: string;
  meta: Record<string, string>;
  raw: RawCable;
}

export interface Corpus {
  dir: string;
  cables: CorpusCable[];
  manifest: Map<string, Record<string, string>>;
  siteSubjects: Map<string, string>;
  siteTags: Map<string, string[]>;
  cablemap: Map<string, CablemapRow>;
}

/** Splits one line of an RFC 4180 csv (double-quoted fields with `""`), enough for manifest.csv. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          value += line.slice(j);
          j = line.length;
          break;
        }
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      out.push(value);
      i = j + 1;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

function readManifest(path: string): Map<string, Record<string, string>> {
  const rows = new Map<string, Record<string, string>>();
  if (!existsSync(path)) return rows;
  const lines = readFileSync(path, 'utf8').split('\n');
  const names = splitCsvLine(lines[0] ?? '');
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const values = splitCsvLine(line);
    const row: Record<string, string> = {};
    names.forEach((name, i) => {
      row[name] = values[i] ?? '';
    });
    rows.set(row['ref_id'] ?? '', row);
  }
  return rows;
}

function readJsonMap<T>(path: string): Map<string, T> {
  if (!existsSync(path)) return new Map();
  return new Map(Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, T>));
}

function readCablemap(path: string): Map<string, CablemapRow> {
  const rows = new Map<string, CablemapRow>();
  if (!existsSync(path)) return rows;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as CablemapRow;
    rows.set(row.ref_id, row);
  }
  return rows;
}

/** Reads the cable files of a folder (sorted by name). */
export function readCableFolder(dir: string): CorpusCable[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const fileText = readFileSync(join(dir, name), 'utf8');
      const { meta, cable } = readCableFile(fileText, join(dir, name));
      return { id: name.slice(0, -4), fileText, meta, raw: cable };
    });
}

export function loadCorpus(dir: string): Corpus {
  const expected = join(dir, 'expected');
  return {
    dir,
    cables: readCableFolder(join(dir, 'cables')),
    manifest: readManifest(join(dir, 'manifest.csv')),
    siteSubjects: readJsonMap<string>(join(expected, 'wikileaks_page_subjects.json')),
    siteTags: readJsonMap<string[]>(join(expected, 'wikileaks_page_tags.json')),
    cablemap: readCablemap(join(expected, 'cablemap_head_output.jsonl')),
  };
}
