/**
 * The one thing the shared queries (./queries.ts) need from a database: run SQL written with `?`
 * placeholders and get plain rows back. Each dialect's runner is here (PostgreSQL numbers the
 * placeholders itself); `sqlRunnerFor(store)` gives any other module (discussion, job queue,
 * linkbacks, tests) a runner on an open store's own database (the same connection pool). Write
 * shared SQL that both SQLite and PostgreSQL understand.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { Store } from './store.ts';

export interface SqlRunner {
  all<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

/** `? ... ?` -> `$1 ... $n`, for PostgreSQL. Shared SQL never has `?` inside a string literal. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** SQLite binds numbers, strings, bigints, buffers and null: booleans become 1 and 0. */
export function sqliteParams(params: unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/**
 * SQLite: a statement that returns rows (a SELECT, or a write with `RETURNING`) answers them; any
 * other write is run and answers none.
 */
export function sqliteRunner(db: Database.Database): SqlRunner {
  return {
    all: async <Row>(sql: string, params: unknown[] = []) => {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as Row[];
      statement.run(...params);
      return [] as Row[];
    },
  };
}

/** PostgreSQL: every statement answers its rows (none for a write without `RETURNING`). */
export function postgresRunner(pool: pg.Pool): SqlRunner {
  return {
    all: async <Row>(sql: string, params: unknown[] = []) =>
      (await pool.query(numberPlaceholders(sql), params)).rows as Row[],
  };
}

/**
 * A runner on an open store's database. Writes use `INSERT/UPDATE/DELETE ... RETURNING`, which
 * both databases accept and answer with rows, so one `all()` serves reads and writes. SQLite has
 * no boolean or bigint parameters we use; PostgreSQL accepts numbers for both.
 */
export function sqlRunnerFor(store: Store): SqlRunner {
  if (store.dialect === 'sqlite') return sqliteRunner((store as unknown as { db: Database.Database }).db);
  return postgresRunner((store as unknown as { pool: pg.Pool }).pool);
}
