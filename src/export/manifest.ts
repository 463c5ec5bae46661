/**
 * `manifest.json`, written last into an export folder (a folder without it is an unfinished
 * export): what kind of export it is, when and from which schema version it was made, and each
 * file's size, line count, record count and SHA-256. Reading it back checks its shape; checking
 * an export compares every file with it and names the first file that differs.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { digestFile, type FileDigest } from './digest-writer.ts';

export const MANIFEST_FILE = 'manifest.json';
export const EXPORT_FORMAT = 'cabledesk-export';
export const EXPORT_FORMAT_VERSION = 1;

/**
 * What a file holds: `cables` one cable per line (JSON), `table` the rows of one table (JSON
 * lines), `cables-csv` the 2011 cables.csv layout, `metadata-csv` one line of metadata per cable.
 */
export type FileContents = 'cables' | 'table' | 'cables-csv' | 'metadata-csv';

export interface ManifestFile extends FileDigest {
  /** The file name inside the export folder. */
  name: string;
  contents: FileContents;
  /** For `table`: the table and its columns, as exported. */
  table?: string;
  columns?: string[];
  /** Cables or rows in the file. */
  records: number;
}

export interface Manifest {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  /** `jsonl`: everything, restorable; `csv`: the cables as cables.csv and a metadata table. */
  kind: 'jsonl' | 'csv';
  /** A public export: no accounts, e-mail or network addresses, moderation data or held comments. */
  public: boolean;
  /** ISO 8601 UTC time the export's snapshot was taken. */
  createdAt: string;
  /** The program that wrote it: `cabledesk 0.1.0`. */
  generator: string;
  /** The database schema version (highest migration) it was exported from. */
  schemaVersion: number;
  /** The database it was exported from. */
  dialect: 'sqlite' | 'postgres';
  counts: { cables: number; versions: number };
  files: ManifestFile[];
}

/** An export that is not what its manifest says, or not an export: the message names the file. */
export class ExportCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportCheckError';
  }
}

/** `cabledesk X.Y.Z`, from package.json. */
export function generatorName(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `cabledesk ${pkg.version}`;
}

const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const HEX64 = /^[0-9a-f]{64}$/;

function fail(why: string): never {
  throw new ExportCheckError(`${MANIFEST_FILE}: ${why}`);
}

function checkFile(value: unknown, index: number): ManifestFile {
  const f = value as Partial<ManifestFile> | null;
  const where = `files[${index}]`;
  if (!f || typeof f !== 'object') fail(`${where} is not an object`);
  if (typeof f.name !== 'string' || !SAFE_NAME.test(f.name)) fail(`${where} has no plain file name`);
  if (!['cables', 'table', 'cables-csv', 'metadata-csv'].includes(f.contents as string))
    fail(`${f.name}: unknown contents ${JSON.stringify(f.contents)}`);
  for (const key of ['bytes', 'lines', 'records'] as const) {
    if (!Number.isSafeInteger(f[key]) || (f[key] as number) < 0) fail(`${f.name}: "${key}" is not a count`);
  }
  if (typeof f.sha256 !== 'string' || !HEX64.test(f.sha256)) fail(`${f.name}: "sha256" is not a SHA-256`);
  if (f.contents === 'table') {
    if (typeof f.table !== 'string' || !/^[a-z_][a-z0-9_]*$/.test(f.table)) fail(`${f.name}: no table name`);
    if (
      !Array.isArray(f.columns) ||
      !f.columns.every((c) => typeof c === 'string' && /^[a-z_][a-z0-9_]*$/.test(c))
    )
      fail(`${f.name}: no column list`);
  }
  return f as ManifestFile;
}

/** Parses and checks a manifest's text. */
export function parseManifest(text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(`not valid JSON (${(error as Error).message})`);
  }
  const m = value as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || m.format !== EXPORT_FORMAT) fail(`not a cabledesk export manifest`);
  if (m.formatVersion !== EXPORT_FORMAT_VERSION) {
    fail(
      `export format version ${m.formatVersion}; this cabledesk reads version ${EXPORT_FORMAT_VERSION} (a newer cabledesk made it?)`,
    );
  }
  if (m.kind !== 'jsonl' && m.kind !== 'csv') fail(`unknown kind ${JSON.stringify(m.kind)}`);
  if (typeof m.public !== 'boolean') fail('"public" is missing');
  if (!Number.isSafeInteger(m.schemaVersion)) fail('"schemaVersion" is missing');
  if (!Array.isArray(m.files)) fail('"files" is missing');
  const files = m.files.map(checkFile);
  const names = new Set(files.map((f) => f.name));
  if (names.size !== files.length || names.has(MANIFEST_FILE)) fail('a file is listed twice');
  return { ...(m as Manifest), files };
}

/** The manifest of an export folder; throws ExportCheckError when it is missing or broken. */
export async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new ExportCheckError(
      `${join(dir, MANIFEST_FILE)}: missing: ${dir} is not a finished cabledesk export`,
    );
  }
  return parseManifest(text);
}

/** True when `path` is a folder holding a cabledesk export manifest. */
export async function isExportFolder(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isDirectory()) return false;
    const text = await readFile(join(path, MANIFEST_FILE), 'utf8');
    return (JSON.parse(text) as { format?: unknown }).format === EXPORT_FORMAT;
  } catch {
    return false;
  }
}

/**
 * Compares every file of the export with its manifest entry (size first, then line count and
 * SHA-256 from one read). Throws ExportCheckError naming the first file that differs.
 */
export async function verifyExport(
  dir: string,
  manifest: Manifest,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  for (const file of manifest.files) {
    const path = join(dir, file.name);
    const size = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) throw new ExportCheckError(`${file.name}: listed in ${MANIFEST_FILE} but missing`);
    if (size !== file.bytes) {
      throw new ExportCheckError(
        `${file.name}: ${size} bytes, ${MANIFEST_FILE} says ${file.bytes}: the file was changed, cut short or damaged`,
      );
    }
    const found = await digestFile(path, onBytes);
    if (found.sha256 !== file.sha256 || found.lines !== file.lines) {
      throw new ExportCheckError(
        `${file.name}: its SHA-256 is ${found.sha256}, ${MANIFEST_FILE} says ${file.sha256}: the file was changed or damaged`,
      );
    }
  }
}

/** Total bytes of the files an export lists (for progress bars). */
export function exportBytes(manifest: Manifest): number {
  return manifest.files.reduce((sum, f) => sum + f.bytes, 0);
}
