/**
 * A versioned schema change. Each dialect keeps its list in `<dialect>/migrations.ts`, numbered
 * from 1 without gaps; a store applies the ones not yet recorded in its `schema_migrations` table
 * when it opens, each in its own transaction. Never edit a released migration: add the next one.
 */
export interface Migration<Db> {
  version: number;
  name: string;
  /** SQL statements (separated by `;`), or a function for changes that need decisions. */
  up: string | ((db: Db) => Promise<void> | void);
}

/** The table that records applied migrations (same on both dialects). */
export const MIGRATIONS_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

/** Checks a migration list: versions 1..n in order. Throws on a mistake in the list itself. */
export function checkMigrations<Db>(list: Migration<Db>[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list: expected version ${i + 1}, found ${m.version}`);
  });
}
