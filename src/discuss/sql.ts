/**
 * The SqlRunner the discussion runs on, taken from an open archive Store (the same database, the
 * same connection pool). Writes use `INSERT/UPDATE/DELETE ... RETURNING`, which both SQLite and
 * PostgreSQL accept and which both drivers answer with rows, so one `all()` serves reads and writes.
 */
import type { SqlRunner } from '../store/sql-runner.ts';
import { numberPlaceholders } from '../store/sql-runner.ts';
import type { Store } from '../store/store.ts';

interface SqliteLike {
  prepare(sql: string): {
    all(...params: unknown[]): unknown[];
    reader: boolean;
    run(...params: unknown[]): unknown;
  };
}
interface PgLike {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/** SQLite has no boolean or bigint parameters we use; PostgreSQL accepts numbers for both. */
export function discussionRunner(store: Store): SqlRunner {
  if (store.dialect === 'sqlite') {
    const db = (store as unknown as { db: SqliteLike }).db;
    return {
      all: async <Row>(sql: string, params: unknown[] = []) => {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all(...params) as Row[];
        statement.run(...params);
        return [] as Row[];
      },
    };
  }
  const pool = (store as unknown as { pool: PgLike }).pool;
  return {
    all: async <Row>(sql: string, params: unknown[] = []) =>
      (await pool.query(numberPlaceholders(sql), params)).rows as Row[],
  };
}
