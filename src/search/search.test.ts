/**
 * Tests of search on both databases over the bundled sample: totals, filters, facets, the
 * timeline, sorts, pages, snippets (escaped, matches marked), reference ids, errors; and the same
 * queries must match the same cables on SQLite and PostgreSQL (when CABLEDESK_PG_URL is set).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { parseCable } from '../cable/parse.ts';
import { readCableFile } from '../sources/cable-file.ts';
import { sampleCablesDir } from '../sources/sample.ts';
import { prepareCable } from '../store/prepared-cable.ts';
import type { Store } from '../store/store.ts';
import { dialects, useFreshStore } from '../store/test-dialects.ts';
import type { SearchBackend } from './backend.ts';
import { COMPARED_QUERIES } from './compared-queries.ts';
import { SearchParamError } from './engine.ts';
import { openSearch } from './open.ts';
import { SearchSyntaxError } from './query.ts';

const sample = readdirSync(sampleCablesDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => {
    const path = join(sampleCablesDir, f);
    const raw = readCableFile(readFileSync(path, 'utf8'), path).cable;
    return prepareCable(raw, parseCable(raw));
  });

/** Ref ids of every match of a query (all pages). */
async function matches(backend: SearchBackend, q: string): Promise<string[]> {
  const first = await backend.search({ q, limit: 100, sort: 'date' });
  const ids = first.results.map((r) => r.refId);
  for (let page = 2; (page - 1) * 100 < first.total; page++) {
    ids.push(...(await backend.search({ q, limit: 100, sort: 'date', page })).results.map((r) => r.refId));
  }
  return ids.sort();
}

const found = new Map<string, Map<string, string[]>>();

for (const dialect of dialects) {
  describe(`search on ${dialect.name}`, { skip: dialect.skip }, () => {
    let store: Store;
    useFreshStore(dialect, (opened) => {
      store = opened;
    });
    let backend: SearchBackend;

    before(async () => {
      await store.writeBatch(sample);
      await store.flush();
      backend = await openSearch(store);
    });

    test('an empty query lists every cable, newest first, with facets that add up', async () => {
      const r = await backend.search({ q: '' });
      assert.equal(r.total, sample.length);
      assert.equal(r.results.length, 20);
      const sum = (rows: { count: number }[]) => rows.reduce((n, x) => n + x.count, 0);
      assert.equal(sum(r.facets.classification), sample.length);
      assert.equal(sum(r.facets.year), sum(r.timeline));
      const dates = r.results.map((x) => x.created ?? '');
      assert.deepEqual(dates, [...dates].sort().reverse());
    });

    test('words, snippets with marks, escaped text', async () => {
      const r = await backend.search({ q: 'embassy' });
      assert.ok(r.total > 0);
      for (const hit of r.results) {
        assert.doesNotMatch(hit.snippet.replace(/<\/?mark>/g, ''), /[<>]/);
      }
      assert.ok(r.results.some((hit) => /<mark>embass/i.test(hit.snippet)));
    });

    test('filters narrow, and facets count the hits', async () => {
      const all = await backend.search({ q: 'embassy' });
      const cls = all.facets.classification[0]!;
      const narrowed = await backend.search({ q: 'embassy', classification: cls.value.toLowerCase() });
      assert.equal(narrowed.total, cls.count);
      const year = all.facets.year[0]!;
      const byYear = await backend.search({ q: 'embassy', from: year.value, to: year.value });
      assert.equal(byYear.total, year.count);
      assert.ok(byYear.results.every((x) => x.created?.startsWith(year.value)));
    });

    test('pages and sorts', async () => {
      const one = await backend.search({ q: '', sort: 'date', limit: 5, page: 1 });
      const two = await backend.search({ q: '', sort: 'date', limit: 5, page: 2 });
      assert.equal(new Set([...one.results, ...two.results].map((x) => x.refId)).size, 10);
      assert.ok((one.results[4]!.created ?? '') <= (two.results[0]!.created ?? ''));
      const past = await backend.search({ q: '', page: 1000 });
      assert.equal(past.results.length, 0);
    });

    test('a reference id alone names its cable', async () => {
      const refId = sample[0]!.refId;
      const r = await backend.search({ q: refId.toLowerCase() });
      assert.equal(r.cable, refId);
      assert.deepEqual(
        r.results.map((x) => x.refId),
        [refId],
      );
      assert.equal((await backend.search({ q: `ref:${refId}` })).results[0]?.refId, refId);
    });

    test('mistakes are typed errors', async () => {
      await assert.rejects(backend.search({ q: 'iran "oil' }), SearchSyntaxError);
      await assert.rejects(backend.search({ q: 'iran', from: 'soon' }), SearchParamError);
      await assert.rejects(backend.search({ q: 'iran', limit: 1000 }), SearchParamError);
    });

    test('warm: stores the catalogue for the current archive and searches the words most cables hold', async () => {
      let reported = 0;
      const words = await backend.warm({ maxWords: 5, onWord: (done) => (reported = done) });
      assert.ok(words.length > 0 && words.length <= 5, `words: ${words.join(', ')}`);
      assert.equal(reported, words.length);
      for (const word of words) assert.ok((await backend.search({ q: word })).total >= sample.length / 2);
      const rows = await store.runner.all<{ fingerprint: string }>(
        "SELECT fingerprint FROM search_snapshots WHERE name = 'catalog'",
      );
      assert.deepEqual(
        rows.map((r) => r.fingerprint),
        [await store.archiveFingerprint()],
      );
    });

    test('records what each compared query matches', async () => {
      const map = new Map<string, string[]>();
      for (const q of COMPARED_QUERIES) map.set(q, await matches(backend, q));
      found.set(dialect.name, map);
      assert.ok([...map.values()].some((ids) => ids.length > 0));
    });
  });
}

describe('the same query matches the same cables on both databases', () => {
  const skip = dialects.find((d) => d.name === 'postgres')!.skip;
  test('sample', { skip }, () => {
    const lite = found.get('sqlite')!;
    const post = found.get('postgres')!;
    const differ: string[] = [];
    for (const q of COMPARED_QUERIES) {
      const a = lite.get(q)!;
      const b = post.get(q)!;
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        differ.push(
          `${q}: sqlite ${a.length}, postgres ${b.length}, only sqlite ${a.filter((x) => !b.includes(x)).join(' ')}, only postgres ${b.filter((x) => !a.includes(x)).join(' ')}`,
        );
      }
    }
    assert.deepEqual(differ, []);
  });
});
