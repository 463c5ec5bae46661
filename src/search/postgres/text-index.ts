/**
 * The PostgreSQL text index: `cable_search.document` (tsvector, subject weight A, reading text B,
 * GIN, configuration `cabledesk_english`: English stemming, accents removed). Query trees become
 * tsquery expressions built from parameters (never from text spliced into SQL): words and phrases
 * through `cabledesk_english` (so stemmed as the document was), a prefix through `simple` (the
 * typed start compared with the stemmed words, as FTS5 does), `subject:` as weight A. Relevance is
 * `ts_rank`.
 */
import type pg from 'pg';
import type { Store } from '../../store/store.ts';
import type { TextIndex } from '../backend.ts';
import {
  CATALOG_CABLES_SQL,
  CATALOG_TAGS_SQL,
  type CatalogCableRow,
  type CatalogTagRow,
} from '../catalog.ts';
import type { QueryNode } from '../query.ts';

/** A tsquery SQL expression of a text-only query tree; its values are pushed onto `params`. */
export function tsqueryExpression(node: QueryNode, params: unknown[]): string {
  const param = (value: string) => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (node.kind) {
    case 'text': {
      const weight = node.field === 'subject' ? ':A' : '';
      const words = node.prefix ? node.tokens.slice(0, -1) : node.tokens;
      const parts: string[] = [];
      if (words.length > 0) {
        parts.push(
          `to_tsquery('cabledesk_english', ${param(words.map((t) => `'${t}'${weight}`).join(' <-> '))})`,
        );
      }
      if (node.prefix) {
        parts.push(
          `to_tsquery('simple', ${param(`'${node.tokens[node.tokens.length - 1]}':*${weight.slice(1)}`)})`,
        );
      }
      return parts.length === 1 ? parts[0]! : `tsquery_phrase(${parts[0]}, ${parts[1]})`;
    }
    case 'or':
      return `(${node.children.map((c) => tsqueryExpression(c, params)).join(' || ')})`;
    case 'and': {
      const positive = node.children.filter((c) => c.kind !== 'not').map((c) => tsqueryExpression(c, params));
      const negative = node.children
        .filter((c) => c.kind === 'not')
        .map((c) => `!!(${tsqueryExpression((c as { child: QueryNode }).child, params)})`);
      return `(${[...positive, ...negative].join(' && ')})`;
    }
    default:
      throw new Error(`not a text query: ${node.kind}`);
  }
}

export class PostgresTextIndex implements TextIndex {
  readonly dialect = 'postgres' as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly store: Store,
  ) {}

  async readSnapshot(name: string, fingerprint: string): Promise<Uint8Array | null> {
    const result = await this.pool.query<{ data: Buffer }>(
      'SELECT data FROM search_snapshots WHERE name = $1 AND fingerprint = $2',
      [name, fingerprint],
    );
    return result.rows[0]?.data ?? null;
  }

  async writeSnapshot(name: string, fingerprint: string, data: Uint8Array): Promise<void> {
    await this.pool.query(
      'INSERT INTO search_snapshots (name, fingerprint, data, built_at) VALUES ($1, $2, $3, $4) ' +
        'ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, data = excluded.data, built_at = excluded.built_at',
      [name, fingerprint, Buffer.from(data), new Date().toISOString()],
    );
  }

  fingerprint(): Promise<string> {
    return this.store.archiveFingerprint();
  }

  async loadCatalog() {
    const [cables, tags] = await Promise.all([
      this.pool.query<CatalogCableRow>(CATALOG_CABLES_SQL),
      this.pool.query<CatalogTagRow>(CATALOG_TAGS_SQL),
    ]);
    return { cables: cables.rows, tags: tags.rows };
  }

  async matchIds(node: QueryNode): Promise<number[]> {
    const params: unknown[] = [];
    const q = tsqueryExpression(node, params);
    const result = await this.pool.query<[number]>({
      text: `SELECT c.id FROM cable_search s JOIN cables c ON c.ref_id = s.ref_id WHERE s.document @@ ${q}`,
      values: params,
      rowMode: 'array',
    });
    return result.rows.map((r) => r[0]);
  }

  async rank(node: QueryNode): Promise<number[]> {
    const params: unknown[] = [];
    const q = tsqueryExpression(node, params);
    const result = await this.pool.query<[number]>({
      text:
        `SELECT c.id FROM cable_search s JOIN cables c ON c.ref_id = s.ref_id WHERE s.document @@ ${q} ` +
        `ORDER BY ts_rank(s.document, ${q}) DESC, c.id`,
      values: params,
      rowMode: 'array',
    });
    return result.rows.map((r) => Number(r[0]));
  }

  async rows(ids: number[]) {
    const out = new Map<number, { subject: string | null; text: string }>();
    if (ids.length === 0) return out;
    const result = await this.pool.query<{ id: number; subject: string | null; body: string | null }>(
      'SELECT c.id, c.subject, s.body FROM cables c JOIN cable_search s ON s.ref_id = c.ref_id WHERE c.id = ANY($1::bigint[])',
      [ids],
    );
    for (const r of result.rows) out.set(Number(r.id), { subject: r.subject, text: r.body ?? '' });
    return out;
  }
}
