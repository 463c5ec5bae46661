/**
 * The PostgreSQL store: a `pg` pool, migrations applied on open under an advisory lock (so several
 * servers can start at once). The bulk path: each table gets one multi-row INSERT per batch (as
 * many rows per statement as the parameter limit allows: measured twice as fast as `unnest` over
 * arrays for large texts, which pg has to escape). The full-text rows of a batch are written in the background, in their own transaction,
 * while the next batch is written (computing tsvectors is the slow part); `flush()` waits for them
 * and rebuilds any row an interrupted import left missing or stale. Reads go through the shared
 * queries through SqlReads (../sql-reads.ts).
 *
 * A URL may carry `?schema=NAME`: the store then works in that schema (created if missing), which
 * lets tests run side by side in one database.
 */
import pg from 'pg';
import {
  CABLE_COLUMNS,
  cableRowValues,
  REFERENCE_COLUMNS,
  referenceRowValues,
  TAG_COLUMNS,
  tagRowValues,
  VERSION_COLUMNS,
  versionRowValues,
} from '../cable-rows.ts';
import { checkMigrations, MIGRATIONS_TABLE_SQL } from '../migration.ts';
import { planBatch, type StoredVersionRow, storedCables } from '../plan-batch.ts';
import * as queries from '../queries.ts';
import { SqlReads } from '../sql-reads.ts';
import { postgresRunner } from '../sql-runner.ts';
import type {
  ConnectionStats,
  PreparedCable,
  Store,
  StoreOptions,
  VersionKey,
  WriteOutcome,
} from '../store.ts';
import { migrations } from './migrations.ts';

/** Text and counts come back as JS strings and numbers; bigint counts as numbers. */
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** True when every migration is applied in `schema` (checked without a lock: the common case on open). */
async function upToDate(client: pg.ClientBase, schema: string): Promise<boolean> {
  const table = await client.query("SELECT to_regclass(format('%I.schema_migrations', $1::text)) AS t", [
    schema,
  ]);
  if (!table.rows[0]?.t) return false;
  const done = await client.query('SELECT COUNT(*) AS n FROM schema_migrations');
  return Number(done.rows[0].n) >= migrations.length;
}

/**
 * Applies the missing migrations. Several servers may start at once: the lock (one per schema)
 * is taken before anything is created, the schema included (CREATE SCHEMA IF NOT EXISTS is not
 * safe against a concurrent one), and the list is read again under it.
 */
async function migrate(pool: pg.Pool, schema: string | null): Promise<void> {
  checkMigrations(migrations);
  const client = await pool.connect();
  try {
    const target: string = schema ?? (await client.query('SELECT current_schema() AS s')).rows[0].s;
    if (await upToDate(client, target)) return;
    const lock = `cabledesk migrations ${target}`;
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(MIGRATIONS_TABLE_SQL);
      const done = new Set(
        (await client.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      );
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          if (typeof m.up === 'string') await client.query(m.up);
          else await m.up(client);
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [m.version, m.name, new Date().toISOString()],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
    }
  } finally {
    client.release();
  }
}

/** Statements carry at most this many parameters (PostgreSQL's limit is 65,535). */
const MAX_PARAMETERS = 30_000;

/**
 * `VALUES ($1, $2), ($3, $4) ...` for `rows` rows of `width` columns, with a cast per column. Plain
 * parameters are sent as they are, which is faster for large texts than arrays (no escaping).
 */
function valuesList(rows: number, types: string[]): string {
  const out: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) out.push(`(${types.map((type) => `$${++n}::${type}`).join(', ')})`);
  return out.join(', ');
}

/**
 * Runs `build(values)` for slices of `rows` that fit the parameter limit; `values` is the
 * VALUES list of the slice. One round trip per slice.
 */
async function inSlices(
  client: pg.ClientBase,
  rows: unknown[][],
  types: string[],
  build: (values: string) => string,
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / types.length));
  for (let at = 0; at < rows.length; at += perStatement) {
    const slice = rows.slice(at, at + perStatement);
    await client.query(build(valuesList(slice.length, types)), slice.flat());
  }
}

/** INSERT INTO table (columns) VALUES ...: many rows per statement. */
function insertRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly (readonly [string, string])[],
  rows: unknown[][],
) {
  const names = columns.map(([name]) => name).join(', ');
  return inSlices(
    client,
    rows,
    columns.map(([, type]) => type),
    (values) => `INSERT INTO ${table} (${names}) VALUES ${values}`,
  );
}

const UPDATE_CABLES =
  'UPDATE cables SET ' +
  CABLE_COLUMNS.slice(1)
    .map(([name]) => `${name} = u.${name}`)
    .join(', ') +
  ` FROM unnest(${CABLE_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) ` +
  `AS u(${CABLE_COLUMNS.map(([name]) => name).join(', ')}) WHERE cables.ref_id = u.ref_id`;
/**
 * Index rows for cables whose current version is the one given (a row for a version that is no
 * longer current by the time it runs is dropped: a later batch indexes the newer one).
 */
const upsertSearch = (values: string) =>
  'INSERT INTO cable_search (ref_id, content_hash, subject, body) ' +
  `SELECT u.ref_id, u.content_hash, u.subject, u.body FROM (VALUES ${values}) ` +
  'AS u(ref_id, content_hash, subject, body) JOIN cables c ON c.ref_id = u.ref_id AND c.current_hash = u.content_hash ' +
  'ON CONFLICT (ref_id) DO UPDATE SET content_hash = excluded.content_hash, subject = excluded.subject, body = excluded.body';

/**
 * Rebuilds the index rows that are missing or stale (an import killed between a batch and its
 * indexing), from the stored record: paragraph texts joined by blank lines, else the raw body, as
 * `readingText` does.
 */
const REPAIR_SEARCH =
  'INSERT INTO cable_search (ref_id, content_hash, subject, body) ' +
  "SELECT c.ref_id, c.current_hash, c.subject, COALESCE((SELECT string_agg(p.value->>'text', E'\\n\\n' ORDER BY p.n) " +
  "FROM jsonb_array_elements(c.record::jsonb->'paragraphs') WITH ORDINALITY AS p(value, n)), v.raw_body) " +
  'FROM cables c JOIN cable_versions v ON v.ref_id = c.ref_id AND v.content_hash = c.current_hash ' +
  'LEFT JOIN cable_search s ON s.ref_id = c.ref_id WHERE s.ref_id IS NULL OR s.content_hash <> c.current_hash ' +
  'ON CONFLICT (ref_id) DO UPDATE SET content_hash = excluded.content_hash, subject = excluded.subject, body = excluded.body';

/** Index writes running at once: computing tsvectors is the slow part, and the server has cores. */
const INDEXERS = 2;

/** The cables as one array per column (for `unnest`). */
function cableColumns(cables: PreparedCable[], now: string): unknown[][] {
  const rows = cables.map((c) => cableRowValues(c, c.contentHash, now));
  return CABLE_COLUMNS.map((_, i) => rows.map((row) => row[i]));
}

export class PostgresStore extends SqlReads implements Store {
  readonly dialect = 'postgres' as const;
  url = '';

  constructor(readonly pool: pg.Pool) {
    super(postgresRunner(pool));
  }

  /** Index writes in progress; the first failure is kept and thrown by the next call. */
  private indexing = new Set<Promise<void>>();
  private indexFailure: unknown = null;

  async writeBatch(cables: PreparedCable[]): Promise<WriteOutcome[]> {
    this.throwIndexFailure();
    const client = await this.pool.connect();
    let current: PreparedCable[];
    let outcomes: WriteOutcome[];
    try {
      await client.query('BEGIN');
      // A crash loses at most the last moments of commits, which a re-run of the import redoes.
      await client.query('SET LOCAL synchronous_commit = off');
      try {
        ({ outcomes, current } = await this.write(client, cables));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      client.release();
    }
    if (current.length > 0) {
      while (this.indexing.size >= INDEXERS) await Promise.race(this.indexing);
      this.throwIndexFailure();
      const job: Promise<void> = this.index(current)
        .catch((error: unknown) => {
          this.indexFailure ??= error;
        })
        .finally(() => this.indexing.delete(job));
      this.indexing.add(job);
    }
    return outcomes;
  }

  private throwIndexFailure(): void {
    if (this.indexFailure === null) return;
    const error = this.indexFailure;
    this.indexFailure = null;
    throw error;
  }

  /** Full-text index rows for cables just made current (own transaction, in the background). */
  private async index(cables: PreparedCable[]): Promise<void> {
    const rows = cables.map((c) => [c.refId, c.contentHash, c.subject, c.readingText]);
    try {
      await this.indexRows(rows);
    } catch {
      // One text PostgreSQL refuses (a tsvector over 1 MB) must not cost the batch its index:
      // row by row, and a refused text indexed by its first part.
      for (const row of rows) {
        await this.indexRows([row]).catch(() =>
          this.indexRows([[...row.slice(0, 3), String(row[3]).slice(0, 100_000)]]),
        );
      }
    }
  }

  private async indexRows(rows: unknown[][]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL synchronous_commit = off');
      await inSlices(client, rows, ['text', 'text', 'text', 'text'], upsertSearch);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async hasVersions(keys: VersionKey[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const rows = await this.pool.query<{ ref_id: string; content_hash: string }>(
      'SELECT v.ref_id, v.content_hash FROM cable_versions v JOIN unnest($1::text[], $2::text[]) AS k(ref_id, hash) ' +
        'ON v.ref_id = k.ref_id AND v.content_hash = k.hash',
      [keys.map((k) => k.refId), keys.map((k) => k.contentHash)],
    );
    const stored = new Set(rows.rows.map((r) => `${r.ref_id} ${r.content_hash}`));
    return keys.map((k) => stored.has(`${k.refId} ${k.contentHash}`));
  }

  async flush(): Promise<void> {
    await Promise.all(this.indexing);
    this.indexFailure = null;
    await this.pool.query(REPAIR_SEARCH);
  }

  private async write(
    client: pg.PoolClient,
    cables: PreparedCable[],
  ): Promise<{ outcomes: WriteOutcome[]; current: PreparedCable[] }> {
    const refIds = [...new Set(cables.map((c) => c.refId))];
    // Lock the cables' rows we may change, so two importers cannot interleave on one cable.
    const rows = await client.query<StoredVersionRow>(
      `${queries.STORED_VERSIONS_SQL} WHERE v.ref_id = ANY($1::text[]) FOR UPDATE OF c`,
      [refIds],
    );
    const stored = storedCables(rows.rows);
    const plan = planBatch(cables, stored);
    const now = new Date().toISOString();
    const v = plan.newVersions;
    await insertRows(
      client,
      'cable_versions',
      VERSION_COLUMNS,
      v.map((c) => versionRowValues(c.refId, c, now)),
    );
    await insertRows(
      client,
      'cables',
      CABLE_COLUMNS,
      plan.newCables.map((c) => cableRowValues(c, c.contentHash, now)),
    );
    const changed = plan.changedCables;
    if (changed.length > 0) {
      await client.query(UPDATE_CABLES, cableColumns(changed, now));
      const ids = changed.map((c) => c.refId);
      await client.query('DELETE FROM cable_tags WHERE ref_id = ANY($1::text[])', [ids]);
      await client.query('DELETE FROM cable_references WHERE from_ref_id = ANY($1::text[])', [ids]);
    }
    const current = [...plan.newCables, ...changed];
    if (current.length > 0) await this.insertChildren(client, current);
    return { outcomes: plan.outcomes, current };
  }

  private async insertChildren(client: pg.PoolClient, cables: PreparedCable[]): Promise<void> {
    await insertRows(client, 'cable_tags', TAG_COLUMNS, tagRowValues(cables));
    await insertRows(client, 'cable_references', REFERENCE_COLUMNS, referenceRowValues(cables));
  }

  connections(): ConnectionStats {
    const pool = this.pool;
    return {
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: pool.options.max,
    };
  }

  /** Waits for background indexing, then ends the pool; a second call does nothing. */
  async close(): Promise<void> {
    await Promise.all(this.indexing);
    if (this.pool.ended || this.pool.ending) return;
    await this.pool.end();
  }
}

/** Opens a pool on `url` (a postgres:// URL, optionally with `?schema=NAME`) and migrates. */
export async function openPostgresStore(url: string, options: StoreOptions = {}): Promise<PostgresStore> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: options.poolSize ?? 5,
    ...(schema ? { options: `-c search_path=${quoteIdent(schema)},public` } : {}),
    // While the server is down or restarting, a request fails fast (503) instead of waiting.
    connectionTimeoutMillis: 5000,
  });
  // An idle connection that the server closes (a restart, a failover) is an 'error' event on the
  // pool; unhandled it would end the process. pg drops that client; the next query connects anew.
  pool.on('error', () => {});
  try {
    await migrate(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const store = new PostgresStore(pool);
  store.url = url;
  return store;
}
