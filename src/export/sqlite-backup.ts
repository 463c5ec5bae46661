/**
 * Online backup of an SQLite archive (SQLite's backup API through better-sqlite3's `backup()`):
 * a consistent copy while servers keep reading and writing the database (a write by another
 * connection makes SQLite start the copy over, so it always ends on one consistent state). The
 * copy is written beside the target under a temporary name, checked (`PRAGMA quick_check`),
 * turned into one self-contained file (rollback journal instead of WAL) and only then renamed
 * into place. The database is opened as it is: no migration runs.
 */
import { existsSync, rmSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import Database from 'better-sqlite3';

export interface BackupResult {
  bytes: number;
  pages: number;
  /** Rows in the main tables of the copy. */
  counts: Record<string, number>;
}

export interface BackupOptions {
  /** Pages copied per step (default 4096, 16 MB with 4 KB pages); the server may write between steps. */
  pagesPerStep?: number;
  /** After each step: bytes copied so far of the total (it starts over after another's write). */
  onProgress?: (done: number, total: number) => void;
}

const COUNTED = ['cables', 'cable_versions', 'accounts', 'comments', 'mentions'];

/** Copies the SQLite database at `source` into the new file `target`. */
export async function backupSqlite(
  source: string,
  target: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  if (existsSync(target)) throw new Error(`${target} exists already: give a new file name`);
  const db = new Database(source, { fileMustExist: true });
  const partial = `${target}.partial-${process.pid}`;
  try {
    db.pragma('busy_timeout = 10000');
    const step = options.pagesPerStep ?? 4096;
    const sourcePageSize = db.pragma('page_size', { simple: true }) as number;
    const result = await db.backup(partial, {
      progress({ totalPages, remainingPages }) {
        options.onProgress?.((totalPages - remainingPages) * sourcePageSize, totalPages * sourcePageSize);
        return step;
      },
    });
    const copy = new Database(partial);
    let counts: Record<string, number>;
    let bytes: number;
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy fails SQLite's quick_check: ${String(check)}`);
      copy.pragma('journal_mode = DELETE');
      const tables = new Set(
        (
          copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
        ).filter((t) => COUNTED.includes(t)),
      );
      counts = {};
      for (const table of COUNTED) {
        if (tables.has(table))
          counts[table] = copy.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
      }
      const pageSize = copy.pragma('page_size', { simple: true }) as number;
      const pageCount = copy.pragma('page_count', { simple: true }) as number;
      bytes = pageSize * pageCount;
    } finally {
      copy.close();
    }
    await rename(partial, target);
    return { bytes, pages: result.totalPages, counts };
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${partial}${suffix}`, { force: true });
    throw error;
  } finally {
    db.close();
  }
}
