/**
 * The SQLite store (the embedded default): better-sqlite3, WAL mode, migrations applied on open.
 * Writes use prepared statements inside one transaction per batch (SQLite is fastest row by row
 * with prepared statements; there is no network round trip to save). Reads go through the shared
 * queries through SqlReads (../sql-reads.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  CABLE_COLUMN_NAMES,
  cableRowValues,
  UPDATE_CABLE_SQL,
  updateCableValues,
  VERSION_COLUMN_NAMES,
  versionRowValues,
} from '../cable-rows.ts';
import { checkMigrations, MIGRATIONS_TABLE_SQL } from '../migration.ts';
import { planBatch, type StoredVersionRow, storedCables } from '../plan-batch.ts';
import * as queries from '../queries.ts';
import { SqlReads } from '../sql-reads.ts';
import { sqliteParams, sqliteRunner } from '../sql-runner.ts';
import type { ConnectionStats, PreparedCable, Store, VersionKey, WriteOutcome } from '../store.ts';
import { migrations } from './migrations.ts';

/** Applies the migrations not yet recorded. An exclusive transaction keeps two openers apart. */
function migrate(db: Database.Database): void {
  checkMigrations(migrations);
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get();
  if (
    table &&
    (db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get() as number) >= migrations.length
  ) {
    return;
  }
  db.exec(MIGRATIONS_TABLE_SQL);
  const apply = db.transaction(() => {
    const done = new Set(
      db
        .prepare('SELECT version FROM schema_migrations')
        .all()
        .map((r) => (r as { version: number }).version),
    );
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    }
  });
  apply.exclusive();
}

export class SqliteStore extends SqlReads implements Store {
  readonly dialect = 'sqlite' as const;
  url = '';
  private readonly statements;
  private readonly writeTransaction;

  constructor(readonly db: Database.Database) {
    super(sqliteRunner(db));
    this.statements = {
      hasVersion: db.prepare('SELECT 1 FROM cable_versions WHERE ref_id = ? AND content_hash = ?').pluck(),
      stored: db.prepare(`${queries.STORED_VERSIONS_SQL} WHERE v.ref_id = ?`),
      insertVersion: db.prepare(
        `INSERT INTO cable_versions (${VERSION_COLUMN_NAMES.join(', ')}) ` +
          `VALUES (${VERSION_COLUMN_NAMES.map(() => '?').join(', ')})`,
      ),
      insertCable: db.prepare(
        `INSERT INTO cables (${CABLE_COLUMN_NAMES.join(', ')}) VALUES (${CABLE_COLUMN_NAMES.map(() => '?').join(', ')})`,
      ),
      updateCable: db.prepare(`${UPDATE_CABLE_SQL} RETURNING id`),
      insertTag: db.prepare('INSERT INTO cable_tags (ref_id, position, tag) VALUES (?, ?, ?)'),
      deleteTags: db.prepare('DELETE FROM cable_tags WHERE ref_id = ?'),
      insertReference: db.prepare(
        'INSERT INTO cable_references (from_ref_id, position, label, text, to_ref_id) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteReferences: db.prepare('DELETE FROM cable_references WHERE from_ref_id = ?'),
      insertSearch: db.prepare('INSERT INTO cable_search (rowid, subject, body) VALUES (?, ?, ?)'),
      // An external-content FTS5 table forgets a row when given the text it indexed for it.
      deleteSearch: db.prepare(
        "INSERT INTO cable_search (cable_search, rowid, subject, body) SELECT 'delete', id, subject, body FROM cable_reading WHERE id = ?",
      ),
      cableId: db.prepare('SELECT id FROM cables WHERE ref_id = ?'),
    };
    this.writeTransaction = db.transaction((cables: PreparedCable[]) => this.write(cables));
  }

  async writeBatch(cables: PreparedCable[]): Promise<WriteOutcome[]> {
    return this.writeTransaction.immediate(cables);
  }

  async flush(): Promise<void> {}

  async hasVersions(keys: VersionKey[]): Promise<boolean[]> {
    return keys.map((k) => this.statements.hasVersion.get(k.refId, k.contentHash) !== undefined);
  }

  private write(cables: PreparedCable[]): WriteOutcome[] {
    const s = this.statements;
    const refIds = [...new Set(cables.map((c) => c.refId))];
    const stored = storedCables(refIds.flatMap((refId) => s.stored.all(refId) as StoredVersionRow[]));
    const plan = planBatch(cables, stored);
    const now = new Date().toISOString();
    for (const v of plan.newVersions) {
      s.insertVersion.run(...versionRowValues(v.refId, v, now));
    }
    for (const c of plan.newCables) {
      const id = s.insertCable.run(...sqliteParams(cableRowValues(c, c.contentHash, now))).lastInsertRowid;
      this.insertChildren(c, id);
    }
    for (const c of plan.changedCables) {
      const { id: old } = s.cableId.get(c.refId) as { id: number };
      s.deleteSearch.run(old);
      const { id } = s.updateCable.get(...sqliteParams(updateCableValues(c, c.contentHash, now))) as {
        id: number;
      };
      s.deleteTags.run(c.refId);
      s.deleteReferences.run(c.refId);
      this.insertChildren(c, id);
    }
    return plan.outcomes;
  }

  private insertChildren(c: PreparedCable, id: number | bigint): void {
    const s = this.statements;
    c.tags.forEach((tag, i) => {
      s.insertTag.run(c.refId, i, tag);
    });
    c.references.forEach((r, i) => {
      s.insertReference.run(c.refId, i, r.label, r.text, r.refId);
    });
    s.insertSearch.run(id, c.subject, c.readingText);
  }

  /** One connection, used synchronously: never waited for. */
  connections(): ConnectionStats {
    return { total: this.db.open ? 1 : 0, idle: this.db.open ? 1 : 0, waiting: 0, max: 1 };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating it and its folder if needed) and migrates the SQLite database at `path`. */
export function openSqliteStore(path: string): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // A new database gets 16 KB pages (SQLite's default is 4 KB): a record or a raw cable of a few
  // KB then fits in one page instead of a chain of overflow pages, and a full import spends about
  // a fifth less CPU writing. Set before WAL mode, which fixes the page size of the file.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -65536');
  migrate(db);
  const store = new SqliteStore(db);
  store.url = `sqlite:${path}`;
  return store;
}
