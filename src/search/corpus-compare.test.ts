/**
 * The same queries match the same cables on SQLite and PostgreSQL over the real corpus (its
 * cables.csv, from CABLEDESK_CORPUS), and how many of them agree. Skipped loudly without the corpus
 * or without CABLEDESK_PG_URL.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runImport } from '../store/import/importer.ts';
import { openStore } from '../store/open.ts';
import { dialects } from '../store/test-dialects.ts';
import type { SearchBackend } from './backend.ts';
import { COMPARED_QUERIES } from './compared-queries.ts';
import { openSearch } from './open.ts';

const corpus = process.env['CABLEDESK_CORPUS'];
const postgres = dialects.find((d) => d.name === 'postgres')!;

async function allMatches(backend: SearchBackend, q: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const r = await backend.search({ q, limit: 100, sort: 'date', page });
    ids.push(...r.results.map((x) => x.refId));
    if (page * 100 >= r.total) return ids.sort();
  }
}

test('corpus: the same queries match the same cables on both databases', {
  skip: !corpus ? 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder' : postgres.skip || false,
  timeout: 600_000,
}, async (t) => {
  const found: string[][][] = [];
  for (const dialect of dialects) {
    const database = await dialect.create();
    const store = await openStore(database.url);
    try {
      await runImport({ store, paths: [join(corpus!, 'cables.csv')], format: 'csv' });
      const backend = await openSearch(store);
      found.push(await Promise.all(COMPARED_QUERIES.map((q) => allMatches(backend, q))));
    } finally {
      await store.close();
      await database.drop();
    }
  }
  const [lite, post] = found as [string[][], string[][]];
  let same = 0;
  let both = 0;
  let either = 0;
  const differ: string[] = [];
  COMPARED_QUERIES.forEach((q, i) => {
    const a = new Set(lite[i]!);
    const b = new Set(post[i]!);
    const common = [...a].filter((x) => b.has(x)).length;
    both += common;
    either += a.size + b.size - common;
    if (common === a.size && common === b.size) same++;
    else differ.push(`${q}: sqlite ${a.size}, postgres ${b.size}, in both ${common}`);
  });
  const agreement = either === 0 ? 1 : both / either;
  t.diagnostic(
    `${same} of ${COMPARED_QUERIES.length} queries match exactly the same cables; ` +
      `${(100 * agreement).toFixed(2)}% of matched cables are matched on both. Differing: ${differ.join('; ')}`,
  );
  // Known residue: the Porter (FTS5) and Snowball (PostgreSQL) stemmers disagree on a few words.
  assert.ok(agreement >= 0.995, differ.join('\n'));
});
