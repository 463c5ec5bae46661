/**
 * Read queries written once for both databases (plain SQL both SQLite and PostgreSQL accept),
 * run through a `SqlRunner`: a cable's current record, its versions, who cites it, the stats.
 */
import type { CableRecord } from '../cable/record.ts';
import { type StoredCable, type StoredVersionRow, storedCables } from './plan-batch.ts';
import type { SqlRunner } from './sql-runner.ts';
import type { ArchiveStats, CableVersion, Citation, CountRow } from './store.ts';

/** Versions already stored for one cable id, with the release date of its current version. */
export const STORED_VERSIONS_SQL =
  'SELECT v.ref_id, v.content_hash, c.released FROM cable_versions v JOIN cables c ON c.ref_id = v.ref_id';

/** What the database holds for these cable ids: their stored versions and current release date. */
export async function readStoredCables(db: SqlRunner, refIds: string[]): Promise<Map<string, StoredCable>> {
  if (refIds.length === 0) return new Map();
  const rows = await db.all<StoredVersionRow>(
    `${STORED_VERSIONS_SQL} WHERE v.ref_id IN (${refIds.map(() => '?').join(', ')})`,
    refIds,
  );
  return storedCables(rows);
}

export async function getCable(db: SqlRunner, refId: string): Promise<CableRecord | null> {
  const rows = await db.all<{
    record: string;
    released: string | null;
    raw_header: string;
    raw_body: string;
  }>(
    'SELECT c.record, c.released, v.raw_header, v.raw_body FROM cables c ' +
      'JOIN cable_versions v ON v.ref_id = c.ref_id AND v.content_hash = c.current_hash WHERE c.ref_id = ?',
    [refId],
  );
  const row = rows[0];
  if (!row) return null;
  const record = JSON.parse(row.record) as CableRecord;
  record.released = row.released;
  record.raw = { header: row.raw_header, body: row.raw_body };
  return record;
}

export async function listVersions(db: SqlRunner, refId: string): Promise<CableVersion[]> {
  const rows = await db.all<{
    content_hash: string;
    released: string | null;
    source_format: string;
    source_path: string | null;
    source_line: number | string | null;
    imported_at: string;
    current_hash: string;
    raw_header: string;
    raw_body: string;
  }>(
    'SELECT v.content_hash, v.released, v.source_format, v.source_path, v.source_line, v.imported_at, ' +
      'c.current_hash, v.raw_header, v.raw_body FROM cable_versions v JOIN cables c ON c.ref_id = v.ref_id ' +
      'WHERE v.ref_id = ? ORDER BY v.id',
    [refId],
  );
  return rows.map((r) => ({
    contentHash: r.content_hash,
    released: r.released,
    sourceFormat: r.source_format,
    sourcePath: r.source_path,
    sourceLine: r.source_line === null ? null : Number(r.source_line),
    importedAt: r.imported_at,
    current: r.content_hash === r.current_hash,
    rawHeader: r.raw_header,
    rawBody: r.raw_body,
  }));
}

export async function citedBy(db: SqlRunner, refId: string): Promise<Citation[]> {
  const rows = await db.all<{ from_ref_id: string; label: string | null; text: string }>(
    'SELECT from_ref_id, label, text FROM cable_references WHERE to_ref_id = ? ORDER BY from_ref_id, position',
    [refId],
  );
  return rows.map((r) => ({ fromRefId: r.from_ref_id, label: r.label, text: r.text }));
}

async function counts(db: SqlRunner, sql: string, params: unknown[] = []): Promise<CountRow[]> {
  const rows = await db.all<{ value: string | number | null; count: number | string }>(sql, params);
  return rows.map((r) => ({ value: r.value === null ? 'unknown' : String(r.value), count: Number(r.count) }));
}

async function numbers(db: SqlRunner, sql: string): Promise<number[]> {
  const row = (await db.all<Record<string, number | string | null>>(sql))[0] ?? {};
  return Object.values(row).map((v) => Number(v ?? 0));
}

export async function stats(db: SqlRunner, topTags = 20): Promise<ArchiveStats> {
  const [cables = 0, versions = 0] = await numbers(
    db,
    'SELECT (SELECT COUNT(*) FROM cables) AS cables, (SELECT COUNT(*) FROM cable_versions) AS versions',
  );
  const [cablesWithVersions = 0] = await numbers(
    db,
    'SELECT COUNT(*) AS n FROM (SELECT ref_id FROM cable_versions GROUP BY ref_id HAVING COUNT(*) > 1) AS multi',
  );
  const byClassification = await counts(
    db,
    'SELECT classification AS value, COUNT(*) AS count FROM cables GROUP BY classification ORDER BY count DESC, value',
  );
  const byOrigin = await counts(
    db,
    'SELECT origin AS value, COUNT(*) AS count FROM cables GROUP BY origin ORDER BY count DESC, value',
  );
  const byYear = await counts(
    db,
    'SELECT SUBSTR(created, 1, 4) AS value, COUNT(*) AS count FROM cables GROUP BY SUBSTR(created, 1, 4) ORDER BY value',
  );
  const [distinct = 0, assigned = 0] = await numbers(
    db,
    'SELECT COUNT(DISTINCT tag) AS distinct_tags, COUNT(*) AS assigned FROM cable_tags',
  );
  const top = await counts(
    db,
    'SELECT tag AS value, COUNT(*) AS count FROM cable_tags GROUP BY tag ORDER BY count DESC, value LIMIT ?',
    [topTags],
  );
  const [edges = 0, toCables = 0] = await numbers(
    db,
    'SELECT COUNT(*) AS edges, COUNT(to_ref_id) AS to_cables FROM cable_references',
  );
  const [unresolvedEdges = 0, unresolvedIds = 0] = await numbers(
    db,
    'SELECT COUNT(*) AS edges, COUNT(DISTINCT r.to_ref_id) AS ids FROM cable_references r ' +
      'WHERE r.to_ref_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cables c WHERE c.ref_id = r.to_ref_id)',
  );
  return {
    cables,
    versions,
    cablesWithVersions,
    byClassification,
    byOrigin,
    byYear,
    tags: { distinct, assigned, top },
    references: { edges, toCables, unresolvedEdges, unresolvedIds },
  };
}
