/**
 * The SQLite text index: FTS5 (`cable_search`, rowid = cables.id, porter stemming, diacritics
 * removed). Query trees become FTS5 expressions: every word quoted (so nothing a reader types is
 * taken as FTS5 syntax), phrases as quoted token lists, prefixes as `"..." *`, `subject:` as a
 * column filter. Relevance is bm25 with the subject weighted 5 to 1.
 */
import type Database from 'better-sqlite3';
import type { Store } from '../../store/store.ts';
import type { TextIndex } from '../backend.ts';
import {
  CATALOG_CABLES_SQL,
  CATALOG_TAGS_SQL,
  type CatalogCableRow,
  type CatalogTagRow,
} from '../catalog.ts';
import type { QueryNode } from '../query.ts';

/** The FTS5 MATCH expression of a text-only query tree. */
export function ftsExpression(node: QueryNode): string {
  switch (node.kind) {
    case 'text': {
      const phrase = `"${node.tokens.join(' ')}"${node.prefix ? ' *' : ''}`;
      return node.field === 'subject' ? `subject : ${phrase}` : phrase;
    }
    case 'or':
      return `(${node.children.map(ftsExpression).join(' OR ')})`;
    case 'and': {
      const positive = node.children.filter((c) => c.kind !== 'not').map(ftsExpression);
      let out = `(${positive.join(' AND ')})`;
      for (const c of node.children) if (c.kind === 'not') out = `(${out} NOT ${ftsExpression(c.child)})`;
      return out;
    }
    default:
      throw new Error(`not a text query: ${node.kind}`);
  }
}

export class SqliteTextIndex implements TextIndex {
  readonly dialect = 'sqlite' as const;
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly store: Store,
  ) {
    this.statements = {
      readSnapshot: db
        .prepare('SELECT data FROM search_snapshots WHERE name = ? AND fingerprint = ?')
        .pluck(),
      writeSnapshot: db.prepare(
        'INSERT INTO search_snapshots (name, fingerprint, data, built_at) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, data = excluded.data, built_at = excluded.built_at',
      ),
      match: db.prepare('SELECT rowid FROM cable_search WHERE cable_search MATCH ?').pluck(),
      rank: db
        .prepare(
          'SELECT rowid FROM cable_search WHERE cable_search MATCH ? ORDER BY bm25(cable_search, 5.0, 1.0)',
        )
        .pluck(),
      texts: db.prepare(
        'SELECT id, subject, body FROM cable_reading WHERE id IN (SELECT value FROM json_each(?))',
      ),
    };
  }

  async readSnapshot(name: string, fingerprint: string): Promise<Uint8Array | null> {
    const row = this.statements.readSnapshot.get(name, fingerprint) as Uint8Array | undefined;
    return row ?? null;
  }

  async writeSnapshot(name: string, fingerprint: string, data: Uint8Array): Promise<void> {
    this.statements.writeSnapshot.run(name, fingerprint, data, new Date().toISOString());
  }

  fingerprint(): Promise<string> {
    return this.store.archiveFingerprint();
  }

  async loadCatalog() {
    return {
      cables: this.db.prepare(CATALOG_CABLES_SQL).all() as CatalogCableRow[],
      tags: this.db.prepare(CATALOG_TAGS_SQL).all() as CatalogTagRow[],
    };
  }

  async matchIds(node: QueryNode): Promise<number[]> {
    return this.statements.match.all(ftsExpression(node)) as number[];
  }

  async rank(node: QueryNode): Promise<number[]> {
    return this.statements.rank.all(ftsExpression(node)) as number[];
  }

  async rows(ids: number[]) {
    const out = new Map<number, { subject: string | null; text: string }>();
    if (ids.length === 0) return out;
    for (const r of this.statements.texts.all(JSON.stringify(ids)) as {
      id: number;
      subject: string | null;
      body: string | null;
    }[]) {
      out.set(r.id, { subject: r.subject, text: r.body ?? '' });
    }
    return out;
  }
}
