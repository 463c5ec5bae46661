/**
 * `runExport`: writes the archive into a new folder from one consistent snapshot of the database
 * (a read transaction: a server may go on writing meanwhile), streaming, so memory stays at one
 * batch of cables whatever the archive's size. `jsonl`: `cables.jsonl` (./cable-line.ts) and one
 * file per table of ./tables.ts; `csv`: `cables.csv` (the 2011 dump's layout) and `metadata.csv`.
 * `manifest.json` is written last, so a folder without it is an unfinished export.
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CableRecord } from '../cable/record.ts';
import type { Store } from '../store/store.ts';
import type { CableRow, VersionRow } from './cable-line.ts';
import { cableLine } from './cable-line.ts';
import { type Connection, schemaVersion, tableColumns, tableExists, withConnection } from './connection.ts';
import { dumpRow, METADATA_COLUMNS, metadataLine, plainCsvLine } from './csv-rows.ts';
import { DigestFileWriter } from './digest-writer.ts';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  generatorName,
  MANIFEST_FILE,
  type Manifest,
  type ManifestFile,
} from './manifest.ts';
import { EXPORTED_TABLES, exportSelect, tableFile } from './tables.ts';

export type ExportFormat = 'jsonl' | 'csv';

export interface ExportOptions {
  store: Store;
  /** The folder to write into: created when missing, refused when not empty. */
  dir: string;
  format: ExportFormat;
  /** Leave out personal data: accounts, identities, bans, moderation, held comments, addresses. */
  publicOnly?: boolean;
  /** Cables per batch read (default 200). */
  batchSize?: number;
  /** After each batch of cables or rows: how many were written, and bytes written. */
  onProgress?: (records: number, bytes: number) => void;
  now?: () => Date;
}

const CABLES_SQL =
  'SELECT c.ref_id, c.record, c.released, c.current_hash, c.updated_at, v.raw_header, v.raw_body FROM cables c ' +
  'JOIN cable_versions v ON v.ref_id = c.ref_id AND v.content_hash = c.current_hash ORDER BY c.id';

/** The versions of some cables, oldest import first; the current version's text is left out. */
const versionsSql = (n: number) =>
  'SELECT v.ref_id, v.content_hash, v.released, v.source_format, v.source_path, v.source_line, v.imported_at, ' +
  'CASE WHEN v.content_hash = c.current_hash THEN NULL ELSE v.raw_header END AS raw_header, ' +
  'CASE WHEN v.content_hash = c.current_hash THEN NULL ELSE v.raw_body END AS raw_body ' +
  'FROM cable_versions v JOIN cables c ON c.ref_id = v.ref_id ' +
  `WHERE v.ref_id IN (${Array(n).fill('?').join(', ')}) ORDER BY v.id`;

const versionCountsSql = (n: number) =>
  'SELECT ref_id, COUNT(*) AS n FROM cable_versions ' +
  `WHERE ref_id IN (${Array(n).fill('?').join(', ')}) GROUP BY ref_id`;

function groupBy<T extends { ref_id: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.ref_id);
    if (group) group.push(row);
    else groups.set(row.ref_id, [row]);
  }
  return groups;
}

/** A value as JSON carries it; binary columns are not exported. */
function jsonValue(value: unknown, where: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array)
    throw new Error(`${where} holds binary data, which an export does not carry`);
  return value;
}

/** A file being written with what the manifest will say of it. */
interface OpenFile {
  writer: DigestFileWriter;
  entry: Omit<ManifestFile, 'bytes' | 'lines' | 'sha256'>;
}

class ExportFiles {
  private readonly open: OpenFile[] = [];
  private readonly done: ManifestFile[] = [];

  constructor(private readonly dir: string) {}

  create(entry: OpenFile['entry']): OpenFile {
    const file = { writer: new DigestFileWriter(join(this.dir, entry.name)), entry };
    this.open.push(file);
    return file;
  }

  async close(file: OpenFile): Promise<void> {
    const digest = await file.writer.close();
    this.open.splice(this.open.indexOf(file), 1);
    this.done.push({ ...file.entry, ...digest });
  }

  get written(): ManifestFile[] {
    return this.done;
  }

  /** After a failure: removes every file this export made. */
  async removeAll(): Promise<void> {
    for (const file of this.open) file.writer.abandon();
    const names = [...this.open.map((f) => f.entry.name), ...this.done.map((f) => f.name)];
    for (const name of names) await rm(join(this.dir, name), { force: true });
  }
}

async function exportCables(
  db: Connection,
  files: ExportFiles,
  format: ExportFormat,
  batchSize: number,
  onProgress: ExportOptions['onProgress'],
): Promise<void> {
  const main = files.create(
    format === 'jsonl'
      ? { name: 'cables.jsonl', contents: 'cables', records: 0 }
      : { name: 'cables.csv', contents: 'cables-csv', records: 0 },
  );
  const metadata =
    format === 'csv' ? files.create({ name: 'metadata.csv', contents: 'metadata-csv', records: 0 }) : null;
  await metadata?.writer.write(plainCsvLine(METADATA_COLUMNS));
  for await (const batch of db.stream<CableRow>(CABLES_SQL, [], batchSize)) {
    const before = main.writer.written + (metadata?.writer.written ?? 0);
    const refIds = batch.map((c) => c.ref_id);
    if (format === 'jsonl') {
      const versions = groupBy(await db.all<VersionRow>(versionsSql(refIds.length), refIds));
      for (const cable of batch) {
        await main.writer.write(`${cableLine(cable, versions.get(cable.ref_id) ?? [])}\n`);
        main.entry.records++;
      }
    } else {
      const counts = await db.all<{ ref_id: string; n: number | string }>(
        versionCountsSql(refIds.length),
        refIds,
      );
      const versions = new Map(counts.map((r) => [r.ref_id, Number(r.n)]));
      for (const cable of batch) {
        const record = JSON.parse(cable.record) as CableRecord;
        record.released = cable.released;
        main.entry.records++;
        await main.writer.write(dumpRow(main.entry.records, record, cable.raw_header, cable.raw_body));
        await metadata!.writer.write(
          metadataLine(record, versions.get(cable.ref_id) ?? 1, cable.current_hash),
        );
        metadata!.entry.records++;
      }
    }
    onProgress?.(batch.length, main.writer.written + (metadata?.writer.written ?? 0) - before);
  }
  await files.close(main);
  if (metadata) await files.close(metadata);
}

async function exportTables(
  db: Connection,
  files: ExportFiles,
  publicOnly: boolean,
  onProgress: ExportOptions['onProgress'],
): Promise<void> {
  for (const spec of EXPORTED_TABLES) {
    if (publicOnly && spec.public === false) continue;
    if (!(await tableExists(db, spec.table))) continue;
    const columns = await tableColumns(db, spec.table);
    const file = files.create({
      name: tableFile(spec.table),
      contents: 'table',
      table: spec.table,
      columns,
      records: 0,
    });
    for await (const rows of db.stream<Record<string, unknown>>(
      exportSelect(spec, columns, publicOnly),
      [],
      500,
    )) {
      const before = file.writer.written;
      for (const row of rows) {
        const object: Record<string, unknown> = {};
        for (const column of columns) object[column] = jsonValue(row[column], `${spec.table}.${column}`);
        await file.writer.write(`${JSON.stringify(object)}\n`);
      }
      file.entry.records += rows.length;
      onProgress?.(0, file.writer.written - before);
    }
    await files.close(file);
  }
}

/** Writes the export and returns its manifest (also written as manifest.json). */
export async function runExport(options: ExportOptions): Promise<Manifest> {
  const { store, dir, format } = options;
  const publicOnly = options.publicOnly ?? false;
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) {
    throw new Error(`${dir} is not empty: export into a new or empty folder`);
  }
  const files = new ExportFiles(dir);
  try {
    const manifest = await withConnection(store, (db) =>
      db.transaction('read', async (): Promise<Manifest> => {
        const createdAt = (options.now ?? (() => new Date()))().toISOString();
        const [counts] = await db.all<{ cables: number | string; versions: number | string }>(
          'SELECT (SELECT COUNT(*) FROM cables) AS cables, (SELECT COUNT(*) FROM cable_versions) AS versions',
        );
        const version = await schemaVersion(db);
        await exportCables(db, files, format, options.batchSize ?? 200, options.onProgress);
        if (format === 'jsonl') await exportTables(db, files, publicOnly, options.onProgress);
        return {
          format: EXPORT_FORMAT,
          formatVersion: EXPORT_FORMAT_VERSION,
          kind: format,
          public: format === 'csv' || publicOnly,
          createdAt,
          generator: generatorName(),
          schemaVersion: version,
          dialect: store.dialect,
          counts: { cables: Number(counts?.cables ?? 0), versions: Number(counts?.versions ?? 0) },
          files: files.written,
        };
      }),
    );
    const partial = join(dir, `${MANIFEST_FILE}.partial`);
    await writeFile(partial, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    await rename(partial, join(dir, MANIFEST_FILE));
    return manifest;
  } catch (error) {
    await files.removeAll();
    await rm(join(dir, `${MANIFEST_FILE}.partial`), { force: true });
    throw error;
  }
}
