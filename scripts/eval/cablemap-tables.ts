/**
 * Runs cablemap's own unit-test tables (expected/cablemap/*.json: input snippet -> expected tags,
 * subject, reference ids, classified-by name, declassification date, summary, signers, canonical
 * id) through `parseCable`, the parser's one public entry, and counts how many cases we pass. The
 * field owners unit-test these too; this is the summary view for the evaluation report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCable } from '../../src/cable/parse.ts';
import type { CableRecord } from '../../src/cable/record.ts';
import { norm } from './field-checks.ts';

interface TableCase {
  input: string;
  expected?: unknown;
  expected_cable_ids?: string[];
  year?: number;
  ref_id?: string | null;
  ref_id_hint?: string;
  clean?: boolean;
  normalize?: boolean;
  canonicalize?: boolean;
}

export interface TableResult {
  table: string;
  passed: number;
  total: number;
  failures: { input: string; expected: unknown; ours: unknown }[];
}

interface TableSpec {
  table: string;
  /** The value of our record that the case's expectation is about. */
  ours: (record: CableRecord, c: TableCase) => unknown;
  expected: (c: TableCase) => unknown;
  equal: (ours: unknown, expected: unknown, c: TableCase) => boolean;
  /** Builds the raw cable: most tables are body snippets; id canonicalisation is about the id. */
  asId?: boolean;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const sameText = (a: unknown, b: unknown): boolean =>
  norm(typeof a === 'string' ? a : null) === norm(typeof b === 'string' ? b : null);
const upperList = (v: unknown): string =>
  Array.isArray(v) ? v.map((s) => norm(String(s)).toUpperCase()).join('|') : '';

const TABLES: TableSpec[] = [
  { table: 'tags', ours: (r) => r.tags, expected: (c) => c.expected, equal: sameJson },
  { table: 'subject', ours: (r) => r.subject, expected: (c) => c.expected, equal: sameText },
  {
    table: 'references_cable_ids',
    ours: (r) => [...new Set(r.references.map((x) => x.refId).filter((id): id is string => !!id))],
    expected: (c) => c.expected_cable_ids ?? [],
    equal: (a, b) => sameJson([...(a as string[])].sort(), [...(b as string[])].sort()),
  },
  {
    table: 'classified_by',
    ours: (r) => r.classifiedBy?.name ?? null,
    expected: (c) => (Array.isArray(c.expected) ? (c.expected[0] ?? null) : null),
    // cablemap's `normalize` re-cases names; we keep them as written, so compare those case-blind.
    equal: (a, b, c) =>
      c.normalize
        ? norm(a as string | null).toLowerCase() === norm(b as string | null).toLowerCase()
        : sameText(a, b),
  },
  {
    table: 'nondisclosure_deadline',
    ours: (r) => r.declassifyOn,
    expected: (c) => c.expected ?? null,
    equal: (a, b) => (a ?? null) === (b ?? null),
  },
  { table: 'summary', ours: (r) => r.summary, expected: (c) => c.expected ?? null, equal: sameText },
  {
    table: 'signed_by',
    ours: (r) => r.signers,
    expected: (c) => c.expected,
    equal: (a, b, c) => (c.canonicalize ? upperList(a) === upperList(b) : sameJson(a, b)),
  },
  {
    table: 'id_canonicalization',
    ours: (r) => r.refId,
    expected: (c) => c.expected,
    equal: (a, b) => a === b,
    asId: true,
  },
];

function recordFor(spec: TableSpec, c: TableCase): CableRecord {
  if (spec.asId) return parseCable({ publishedRefId: c.input, header: '', body: '' });
  return parseCable({
    publishedRefId: c.ref_id ?? c.ref_id_hint ?? '',
    header: '',
    body: c.input,
    created: c.year ? `${c.year}-01-01T00:00:00Z` : null,
  });
}

/** Runs every table found in `dir` (expected/cablemap); missing tables are skipped. */
export function runCablemapTables(dir: string): TableResult[] {
  const results: TableResult[] = [];
  for (const spec of TABLES) {
    const path = join(dir, `${spec.table}.json`);
    if (!existsSync(path)) continue;
    const cases = (JSON.parse(readFileSync(path, 'utf8')) as { cases: TableCase[] }).cases;
    const result: TableResult = { table: spec.table, passed: 0, total: cases.length, failures: [] };
    for (const c of cases) {
      const ours = spec.ours(recordFor(spec, c), c);
      const expected = spec.expected(c);
      if (spec.equal(ours, expected, c)) result.passed++;
      else result.failures.push({ input: c.input, expected, ours });
    }
    results.push(result);
  }
  return results;
}
