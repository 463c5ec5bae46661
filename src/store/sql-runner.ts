/**
 * The one thing the shared queries (./queries.ts) need from a database: run SQL written with `?`
 * placeholders and get plain rows back. Each dialect's runner is here (PostgreSQL numbers the
 * placeholders itself); an open store's `runner` gives any other module (discussion, job queue,
 * linkbacks, export, tests) one on the store's own database (the same connection pool). Write
 * shared SQL that both SQLite and PostgreSQL understand.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';

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
