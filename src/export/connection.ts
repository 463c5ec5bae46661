/**
 * One connection of an open archive store, held for a long read (an export: one consistent
 * snapshot, rows streamed) or a long write (a restore: explicit transactions), with the same
 * methods on both databases: SQL with `?` placeholders, `stream()` reads a SELECT in batches
 * (SQLite `iterate()`, PostgreSQL a server-side cursor), so memory stays at one batch.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { numberPlaceholders, sqliteParams } from '../store/sql-runner.ts';
import type { Store } from '../store/store.ts';

export interface Connection {
  readonly dialect: 'sqlite' | 'postgres';
  all<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** A statement whose rows (if any) are not needed. */
  run(sql: string, params?: unknown[]): Promise<void>;
  /** The rows of a SELECT, `batchRows` at a time, read as they are asked for. Inside a transaction. */
  stream<Row>(sql: string, params: unknown[], batchRows: number): AsyncGenerator<Row[]>;
  /**
   * Runs `body` in one transaction: `read` sees one consistent snapshot for all its queries (and
   * never blocks writers); `write` commits all or nothing.
   */
  transaction<T>(kind: 'read' | 'write', body: () => Promise<T>): Promise<T>;
}

function sqliteConnection(db: Database.Database): Connection {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (cache.size > 200) cache.clear();
      cache.set(sql, statement);
    }
    return statement;
  };
  return {
    dialect: 'sqlite',
    async all<Row>(sql: string, params: unknown[] = []) {
      const statement = prepare(sql);
      if (statement.reader) return statement.all(...sqliteParams(params)) as Row[];
      statement.run(...sqliteParams(params));
      return [];
    },
    async run(sql, params = []) {
      prepare(sql).run(...sqliteParams(params));
    },
    async *stream<Row>(sql: string, params: unknown[], batchRows: number) {
      const rows = prepare(sql).iterate(...sqliteParams(params)) as IterableIterator<Row>;
      try {
        let batch: Row[] = [];
        for (const row of rows) {
          batch.push(row);
          if (batch.length >= batchRows) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
      } finally {
        rows.return?.();
      }
    },
    async transaction(kind, body) {
      db.exec(kind === 'read' ? 'BEGIN' : 'BEGIN IMMEDIATE');
      try {
        const result = await body();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
  };
}

function postgresConnection(client: pg.PoolClient): Connection {
  let cursors = 0;
  return {
    dialect: 'postgres',
    async all<Row>(sql: string, params: unknown[] = []) {
      return (await client.query(numberPlaceholders(sql), params)).rows as Row[];
    },
    async run(sql, params = []) {
      await client.query(numberPlaceholders(sql), params);
    },
    async *stream<Row>(sql: string, params: unknown[], batchRows: number) {
      const name = `cabledesk_rows_${++cursors}`;
      await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${numberPlaceholders(sql)}`, params);
      try {
        for (;;) {
          const { rows } = await client.query(`FETCH FORWARD ${Math.max(1, batchRows)} FROM ${name}`);
          if (rows.length > 0) yield rows as Row[];
          if (rows.length < batchRows) return;
        }
      } finally {
        await client.query(`CLOSE ${name}`).catch(() => {});
      }
    },
    async transaction(kind, body) {
      await client.query(kind === 'read' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
      try {
        const result = await body();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
  };
}

/** Runs `body` with one connection of the store (a pooled client on PostgreSQL, given back after). */
export async function withConnection<T>(
  store: Store,
  body: (connection: Connection) => Promise<T>,
): Promise<T> {
  if (store.dialect === 'sqlite') {
    return body(sqliteConnection((store as unknown as { db: Database.Database }).db));
  }
  const client = await (store as unknown as { pool: pg.Pool }).pool.connect();
  try {
    return await body(postgresConnection(client));
  } finally {
    client.release();
  }
}

/** The schema version of the database: the highest migration applied. */
export async function schemaVersion(connection: Connection): Promise<number> {
  const [row] = await connection.all<{ v: number | string | null }>(
    'SELECT MAX(version) AS v FROM schema_migrations',
  );
  return Number(row?.v ?? 0);
}

/** Whether a table exists in the database (in the connection's schema on PostgreSQL). */
export async function tableExists(connection: Connection, table: string): Promise<boolean> {
  const sql =
    connection.dialect === 'sqlite'
      ? "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?"
      : 'SELECT 1 AS x FROM pg_catalog.pg_tables WHERE tablename = ? AND schemaname = current_schema()';
  return (await connection.all(sql, [table])).length > 0;
}

/** The columns of a table, in table order. */
export async function tableColumns(connection: Connection, table: string): Promise<string[]> {
  if (connection.dialect === 'sqlite') {
    const rows = await connection.all<{ name: string }>(
      'SELECT name FROM pragma_table_info(?) ORDER BY cid',
      [table],
    );
    return rows.map((r) => r.name);
  }
  const rows = await connection.all<{ name: string }>(
    'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() ' +
      'AND table_name = ? ORDER BY ordinal_position',
    [table],
  );
  return rows.map((r) => r.name);
}
