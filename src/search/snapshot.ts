/**
 * Snapshots kept in the `search_snapshots` table, valid for one archive fingerprint: the
 * catalogue's rows (so a process starts searching without reading every cable and tag row) and
 * the hits of text queries that match many cables (a word found in most cables is then read as
 * one 31 KB bitset instead of hundreds of thousands of index entries). Any write to the archive
 * changes the fingerprint, and stale snapshots are rebuilt on their next use.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CatalogCableRow, CatalogTagRow } from './catalog.ts';

/** Catalogue rows as compact JSON (values by dictionary), gzipped. */
export function encodeCatalogRows(cables: CatalogCableRow[], tags: CatalogTagRow[]): Buffer {
  const dictionary = new Map<string, number>();
  const names: string[] = [];
  const code = (v: string) => {
    let c = dictionary.get(v);
    if (c === undefined) {
      c = names.length;
      names.push(v);
      dictionary.set(v, c);
    }
    return c;
  };
  const index = new Map<string, number>();
  cables.forEach((c, i) => {
    index.set(c.ref_id, i);
  });
  const body = {
    names,
    id: cables.map((c) => Number(c.id)),
    ref: cables.map((c) => c.ref_id).join('\n'),
    created: cables.map((c) => c.created ?? '').join('\n'),
    origin: cables.map((c) => code(c.origin)),
    classification: cables.map((c) => code(c.classification)),
    tagCable: tags.map((t) => index.get(t.ref_id) ?? -1),
    tag: tags.map((t) => code(t.tag)),
  };
  return gzipSync(JSON.stringify(body), { level: 1 });
}

export function decodeCatalogRows(data: Uint8Array): { cables: CatalogCableRow[]; tags: CatalogTagRow[] } {
  const body = JSON.parse(gunzipSync(data).toString('utf8')) as {
    names: string[];
    id: number[];
    ref: string;
    created: string;
    origin: number[];
    classification: number[];
    tagCable: number[];
    tag: number[];
  };
  const refs = body.ref.split('\n');
  const created = body.created.split('\n');
  const cables: CatalogCableRow[] = body.id.map((id, i) => ({
    id,
    ref_id: refs[i]!,
    origin: body.names[body.origin[i]!]!,
    classification: body.names[body.classification[i]!]!,
    created: created[i] || null,
  }));
  const tags: CatalogTagRow[] = [];
  body.tagCable.forEach((c, i) => {
    if (c >= 0) tags.push({ ref_id: refs[c]!, tag: body.names[body.tag[i]!]! });
  });
  return { cables, tags };
}
