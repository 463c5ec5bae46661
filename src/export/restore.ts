/**
 * `restoreExport`: loads an export folder back into a database of either kind, after checking
 * every file against the manifest. A `jsonl` export restores everything it holds: each cable
 * with all its versions (same content hashes, sources, release and import times), the same
 * current version, tags and references; then the discussion tables with their own ids, so
 * replies keep their parents, accounts their roles and password hashes, moderation its log. A
 * `csv` export is imported as cables.csv is (current versions only).
 *
 * Cables merge by content, like an import: a cable or version the database holds already is left
 * alone, one it lacks is added, and a stored cable takes the export's current version when that
 * version is new to it and released as late or later (the archive's rule). So a restore that was
 * stopped is finished by running it again. Discussion data goes only into empty tables, since
 * ids would clash; `force` empties them first (the export's discussion replaces the database's).
 * Everything of the discussion is loaded in one transaction.
 */
import { join } from 'node:path';
import {
  CABLE_COLUMN_NAMES,
  cableRowValues,
  REFERENCE_COLUMN_NAMES,
  referenceRowValues,
  TAG_COLUMN_NAMES,
  tagRowValues,
  UPDATE_CABLE_SQL,
  updateCableValues,
  VERSION_COLUMN_NAMES,
  versionRowValues,
} from '../store/cable-rows.ts';
import { type ImportSummary, runImport } from '../store/import/importer.ts';
import { releasedLater } from '../store/plan-batch.ts';
import { readStoredCables } from '../store/queries.ts';
import type { Store, WriteOutcome } from '../store/store.ts';
import { type RestoredCable, readCableLine } from './cable-line.ts';
import { type Connection, schemaVersion, tableColumns, tableExists, withConnection } from './connection.ts';
import { batches, fileLines } from './json-lines.ts';
import { type Manifest, type ManifestFile, readManifest, verifyExport } from './manifest.ts';
import { EXPORTED_TABLES } from './tables.ts';

/** What a restore refuses to do, or a broken line: the message says what and where. */
export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

export type RestoreStage = 'checking' | 'cables' | 'discussion' | 'indexing';

export interface RestoreOptions {
  store: Store;
  dir: string;
  /** Replace the discussion data the database holds (else a restore into non-empty tables is refused). */
  force?: boolean;
  /** Cables per transaction (default 200). */
  batchSize?: number;
  /** A new stage begins; `bytes` is what it will read, when known. */
  onStage?: (stage: RestoreStage, bytes?: number) => void;
  /** Records done and bytes read since the last call. */
  onProgress?: (records: number, bytes: number) => void;
}

export interface RestoreSummary {
  kind: Manifest['kind'];
  manifest: Manifest;
  /** Cables: imported (new), updated (new versions or a new current version), unchanged. */
  cables: { imported: number; updated: number; unchanged: number };
  versionsAdded: number;
  /** Rows loaded per table. */
  tables: Record<string, number>;
  /** For a csv export: the import's summary. */
  csv?: ImportSummary;
}

/** Statements carry at most this many parameters (SQLite's limit is 32,766, PostgreSQL's 65,535). */
const MAX_PARAMETERS = 30_000;

async function insertRows(db: Connection, table: string, columns: readonly string[], rows: unknown[][]) {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let at = 0; at < rows.length; at += perStatement) {
    const slice = rows.slice(at, at + perStatement);
    await db.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${slice.map(() => tuple).join(', ')}`,
      slice.flat(),
    );
  }
}

const placeholders = (n: number) => Array(n).fill('?').join(', ');

/** Writes one batch of cables (in the caller's transaction); says per cable what happened. */
async function restoreCables(
  db: Connection,
  cables: RestoredCable[],
): Promise<{ outcomes: WriteOutcome[]; versions: number }> {
  const stored = await readStoredCables(
    db,
    cables.map((c) => c.refId),
  );
  const versions: unknown[][] = [];
  const fresh: RestoredCable[] = [];
  const changed: RestoredCable[] = [];
  const outcomes: WriteOutcome[] = [];
  for (const cable of cables) {
    const known = stored.get(cable.refId);
    const added = cable.versions.filter((v) => !known?.hashes.has(v.contentHash));
    for (const v of added) versions.push(versionRowValues(cable.refId, v, v.importedAt));
    if (!known) {
      fresh.push(cable);
      outcomes.push('imported');
    } else if (
      added.some((v) => v.contentHash === cable.currentHash) &&
      releasedLater(
        cable.versions.find((v) => v.contentHash === cable.currentHash)!.released,
        known.currentReleased,
      )
    ) {
      changed.push(cable);
      outcomes.push('updated');
    } else {
      outcomes.push(added.length > 0 ? 'updated' : 'unchanged');
    }
  }
  await insertRows(db, 'cable_versions', VERSION_COLUMN_NAMES, versions);
  await insertRows(
    db,
    'cables',
    CABLE_COLUMN_NAMES,
    fresh.map((c) => cableRowValues(c, c.currentHash, c.updatedAt)),
  );
  const now = new Date().toISOString();
  for (const c of changed) await db.run(UPDATE_CABLE_SQL, updateCableValues(c, c.currentHash, now));
  if (changed.length > 0) {
    const ids = changed.map((c) => c.refId);
    await db.run(`DELETE FROM cable_tags WHERE ref_id IN (${placeholders(ids.length)})`, ids);
    await db.run(`DELETE FROM cable_references WHERE from_ref_id IN (${placeholders(ids.length)})`, ids);
  }
  const current = [...fresh, ...changed];
  await insertRows(db, 'cable_tags', TAG_COLUMN_NAMES, tagRowValues(current));
  await insertRows(db, 'cable_references', REFERENCE_COLUMN_NAMES, referenceRowValues(current));
  return { outcomes, versions: versions.length };
}

/** The table files of the export, in the order they are loaded; unknown tables are refused. */
function tableFiles(manifest: Manifest): ManifestFile[] {
  const files = manifest.files.filter((f) => f.contents === 'table');
  for (const f of files) {
    if (!EXPORTED_TABLES.some((t) => t.table === f.table)) {
      throw new RestoreError(
        `${f.name}: table ${f.table} is unknown to this cabledesk (a newer one made the export?)`,
      );
    }
  }
  const order = (f: ManifestFile) => EXPORTED_TABLES.findIndex((t) => t.table === f.table);
  return files.sort((a, b) => order(a) - order(b));
}

/** Refuses early what cannot be restored here: a newer schema, missing tables or columns, data in the way. */
async function checkTarget(db: Connection, manifest: Manifest, tables: ManifestFile[], force: boolean) {
  const version = await schemaVersion(db);
  if (manifest.schemaVersion > version) {
    throw new RestoreError(
      `the export was made from schema version ${manifest.schemaVersion}, this database is at ${version}: ` +
        'restore it with a cabledesk at least as new as the one that made it',
    );
  }
  const occupied: string[] = [];
  for (const file of tables) {
    const table = file.table!;
    if (!(await tableExists(db, table)))
      throw new RestoreError(`${file.name}: this database has no table ${table}`);
    const have = new Set(await tableColumns(db, table));
    const missing = file.columns!.filter((c) => !have.has(c));
    if (missing.length > 0) {
      throw new RestoreError(
        `${file.name}: table ${table} of this database has no column ${missing.join(', ')}`,
      );
    }
    const [row] = await db.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
    const n = Number(row?.n ?? 0);
    if (n > 0) occupied.push(`${n} in ${table}`);
  }
  if (occupied.length > 0 && !force) {
    throw new RestoreError(
      `the database already holds discussion data (${occupied.join(', ')}); the export's rows keep their ids, ` +
        'which would clash. Restore into an empty database, or add --force to replace that data with the ' +
        "export's (cables are merged either way)",
    );
  }
}

/** A table row's values in column order; booleans stay booleans (SQLite gets 1 and 0). */
function rowValues(text: string, columns: string[], where: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RestoreError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new RestoreError(`${where}: not a JSON object`);
  const row = value as Record<string, unknown>;
  return columns.map((c) => {
    const v = row[c] ?? null;
    return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
  });
}

/** Moves a PostgreSQL identity or serial sequence past the ids just written. */
async function fixSequence(db: Connection, table: string): Promise<void> {
  if (db.dialect !== 'postgres') return; // SQLite takes the next id from the highest row itself
  await db.all(
    `SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE((SELECT MAX(id) FROM ${table}), 0) + 1, false)`,
    [table],
  );
}

/**
 * `force`: empties the tables the export replaces, rows that point elsewhere first. When the
 * accounts are replaced, so is everything that hangs on them (every table of the list, and the
 * sessions, which must not pass to a restored account that happens to get the same id).
 */
async function emptyTables(db: Connection, files: ManifestFile[]): Promise<void> {
  const tables = new Set(files.map((f) => f.table!));
  if (tables.has('accounts')) {
    for (const spec of EXPORTED_TABLES) if (await tableExists(db, spec.table)) tables.add(spec.table);
    await db.run('DELETE FROM sessions');
  }
  for (const spec of [...EXPORTED_TABLES].reverse()) {
    if (tables.has(spec.table)) await db.run(`DELETE FROM ${spec.table}`);
  }
}

async function restoreTables(
  db: Connection,
  dir: string,
  files: ManifestFile[],
  force: boolean,
  onProgress: RestoreOptions['onProgress'],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction('write', async () => {
    if (force) await emptyTables(db, files);
    for (const file of files) {
      const table = file.table!;
      const columns = file.columns!;
      counts[table] = 0;
      const lines = fileLines(join(dir, file.name), (bytes) => onProgress?.(0, bytes));
      for await (const batch of batches(lines, 500)) {
        const rows = batch.map((line) => rowValues(line.text, columns, `${file.name}:${line.number}`));
        await insertRows(db, table, columns, rows);
        counts[table] += rows.length;
        onProgress?.(rows.length, 0);
      }
      if (columns.includes('id')) await fixSequence(db, table);
    }
  });
  return counts;
}

/**
 * SQLite: the full-text index rebuilt whole from the cables (every run, so that a restore that
 * was stopped before this point is repaired by the next). PostgreSQL indexes in `store.flush()`
 * afterwards, which adds the rows missing or stale.
 */
async function rebuildSqliteIndex(db: Connection): Promise<void> {
  if (db.dialect !== 'sqlite') return;
  // FTS5's own 'rebuild' cannot read this view (json_each inside a view it names with its schema).
  await db.transaction('write', async () => {
    await db.run("INSERT INTO cable_search (cable_search) VALUES ('delete-all')");
    await db.run(
      'INSERT INTO cable_search (rowid, subject, body) SELECT id, subject, body FROM cable_reading',
    );
  });
}

export async function restoreExport(options: RestoreOptions): Promise<RestoreSummary> {
  const { store, dir } = options;
  const force = options.force ?? false;
  const manifest = await readManifest(dir);
  options.onStage?.(
    'checking',
    manifest.files.reduce((sum, f) => sum + f.bytes, 0),
  );
  await verifyExport(dir, manifest, (bytes) => options.onProgress?.(0, bytes));
  const summary: RestoreSummary = {
    kind: manifest.kind,
    manifest,
    cables: { imported: 0, updated: 0, unchanged: 0 },
    versionsAdded: 0,
    tables: {},
  };
  if (manifest.kind === 'csv') {
    const csv = manifest.files.find((f) => f.contents === 'cables-csv');
    if (!csv) throw new RestoreError('manifest.json lists no cables.csv');
    options.onStage?.('cables', csv.bytes);
    summary.csv = await runImport({
      store,
      paths: [join(dir, csv.name)],
      format: 'csv',
      onProgress: (cables, bytes) => options.onProgress?.(cables, bytes),
    });
    return summary;
  }
  const tables = tableFiles(manifest);
  const cablesFile = manifest.files.find((f) => f.contents === 'cables');
  await withConnection(store, async (db) => {
    await checkTarget(db, manifest, tables, force);
    if (cablesFile) {
      options.onStage?.('cables', cablesFile.bytes);
      const lines = fileLines(join(dir, cablesFile.name), (bytes) => options.onProgress?.(0, bytes));
      for await (const batch of batches(lines, options.batchSize ?? 200)) {
        const seen = new Set<string>();
        const cables = batch.map((line) => {
          try {
            const cable = readCableLine(line.text);
            if (seen.has(cable.refId)) throw new Error(`${cable.refId} appears twice`);
            seen.add(cable.refId);
            return cable;
          } catch (error) {
            throw new RestoreError(`${cablesFile.name}:${line.number}: ${(error as Error).message}`);
          }
        });
        const { outcomes, versions } = await db.transaction('write', () => restoreCables(db, cables));
        for (const outcome of outcomes) summary.cables[outcome]++;
        summary.versionsAdded += versions;
        options.onProgress?.(cables.length, 0);
      }
    }
    if (tables.length > 0) {
      options.onStage?.(
        'discussion',
        tables.reduce((sum, f) => sum + f.bytes, 0),
      );
      summary.tables = await restoreTables(db, dir, tables, force, options.onProgress);
    }
    options.onStage?.('indexing');
    await rebuildSqliteIndex(db);
  });
  await store.flush();
  return summary;
}
