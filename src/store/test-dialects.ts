/**
 * For tests: the databases every store test runs on. SQLite in a fresh temp file; PostgreSQL in a
 * fresh schema of the database named by CABLEDESK_PG_URL (e.g.
 * postgres://postgres@127.0.0.1:5432/test), dropped afterwards, so runs never collide. Without
 * CABLEDESK_PG_URL the PostgreSQL cases are skipped with a message saying so.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import { openStore } from './open.ts';
import { PostgresStore } from './postgres/store.ts';
import { SqliteStore } from './sqlite/store.ts';
import type { Store } from './store.ts';

export const pgUrl = process.env['CABLEDESK_PG_URL'];

export interface TestDatabase {
  /** The URL to hand to openStore or `--db`. */
  url: string;
  /** Removes the database (temp file or schema). */
  drop(): Promise<void>;
}

export interface Dialect {
  name: 'sqlite' | 'postgres';
  /** A reason to skip (node:test's `skip` option), or false. */
  skip: string | false;
  create(): Promise<TestDatabase>;
}

export const dialects: Dialect[] = [
  {
    name: 'sqlite',
    skip: false,
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'cabledesk-test-'));
      return {
        url: `sqlite:${join(dir, 'test.db')}`,
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    skip: pgUrl
      ? false
      : 'SKIPPED: set CABLEDESK_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run on PostgreSQL',
    async create() {
      const schema = `cabledesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      const url = new URL(pgUrl!);
      url.searchParams.set('schema', schema);
      return {
        url: url.toString(),
        async drop() {
          const client = new pg.Client({ connectionString: pgUrl! });
          await client.connect();
          try {
            await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          } finally {
            await client.end();
          }
        },
      };
    },
  },
];

/**
 * For tests: a fresh database of `dialect` and a store open on it for the enclosing suite (made in
 * a `before` hook, closed and dropped in an `after` hook); `opened` receives them.
 */
export function useFreshStore(
  dialect: Dialect,
  opened: (store: Store, database: TestDatabase) => void,
): void {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  before(async () => {
    database = await dialect.create();
    store = await openStore(database.url);
    opened(store, database);
  });
  after(async () => {
    await store?.close();
    await database?.drop();
  });
}

/** For tests: the number of rows of a table, on either store (reaches into the implementation). */
export async function countRows(store: Store, table: string): Promise<number> {
  if (store instanceof SqliteStore) {
    return (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  if (store instanceof PostgresStore) {
    return Number((await store.pool.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
  }
  throw new Error('unknown store');
}
