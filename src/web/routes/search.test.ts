/**
 * Route tests of search on the website, in-process, on both databases over the bundled sample:
 * the JSON API's shape, 400 (never 500) for mistakes and for random queries, the page (facets that
 * narrow, the SVG timeline, pages), going straight to a cable by its id, the Atom feed, and the
 * searched words marked on a cable page.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sampleCablesDir } from '../../sources/sample.ts';
import { runImport } from '../../store/import/importer.ts';
import type { Store } from '../../store/store.ts';
import { dialects, useFreshStore } from '../../store/test-dialects.ts';
import { createApp } from '../app.ts';

for (const dialect of dialects) {
  describe(`search routes on ${dialect.name}`, { skip: dialect.skip }, () => {
    let store: Store;
    useFreshStore(dialect, (opened) => {
      store = opened;
    });
    let app: ReturnType<typeof createApp>;

    before(async () => {
      await runImport({ store, paths: [sampleCablesDir], format: 'auto', worker: false });
      app = createApp({ store, publicUrl: 'https://cables.test' });
    });

    test('GET /api/search answers the documented shape', async () => {
      const res = await app.request('/api/search?q=embassy&limit=3&sort=-date');
      assert.equal(res.status, 200);
      const body = (await res.json()) as Record<string, unknown> & {
        total: number;
        results: Record<string, unknown>[];
        facets: Record<string, { value: string; count: number }[]>;
      };
      assert.ok(body.total > 3);
      assert.equal(body.results.length, 3);
      for (const r of body.results) {
        assert.deepEqual(Object.keys(r).sort(), [
          'classification',
          'created',
          'origin',
          'refId',
          'snippet',
          'subject',
        ]);
      }
      assert.deepEqual(Object.keys(body.facets).sort(), ['classification', 'origin', 'tag', 'year']);
      const origin = body.facets['origin']![0]!;
      const narrowed = (await (
        await app.request(`/api/search?q=embassy&origin=${encodeURIComponent(origin.value)}`)
      ).json()) as { total: number };
      assert.equal(narrowed.total, origin.count);
    });

    test('mistakes answer 400 with what is wrong; random queries never 500', async () => {
      for (const path of [
        '/api/search?q=%22open',
        '/api/search?q=x&sort=up',
        '/api/search?q=x&from=soon',
        '/api/search?q=x&limit=0',
      ]) {
        const res = await app.request(path);
        assert.equal(res.status, 400, path);
        assert.ok(((await res.json()) as { error: string }).error.length > 5);
      }
      const pieces = [
        '"',
        '(',
        ')',
        '-',
        '*',
        'OR',
        'subject:',
        'from:',
        'tag:',
        'iran',
        ':',
        '\\',
        "'",
        'é',
        '%',
        '<',
      ];
      let seed = 7;
      const next = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed;
      };
      for (let i = 0; i < 150; i++) {
        const q = Array.from({ length: 1 + (next() % 6) }, () => pieces[next() % pieces.length]).join(
          next() % 2 ? ' ' : '',
        );
        const res = await app.request(`/api/search?q=${encodeURIComponent(q)}`);
        assert.ok(res.status === 200 || res.status === 400, `${q}: ${res.status}`);
      }
    });

    test('the page: form, results, facet links, timeline; an id goes to its cable', async () => {
      const res = await app.request('/search?q=embassy');
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<form method="get" action="\/search"/);
      assert.match(html, /<svg[^>]*role="img"/);
      assert.match(html, /href="\/search\?q=embassy&amp;classification=/);
      assert.match(html, /<mark>/);
      assert.equal((await app.request('/search?q=%22open')).status, 400);
      const id = await app.request('/search?q=06moscow1323');
      assert.equal(id.status, 302);
      assert.equal(id.headers.get('location'), '/cable/06MOSCOW1323');
    });

    test('an Atom feed per query, and the words marked on the cable page', async () => {
      const feed = await app.request('/search.atom?q=embassy');
      assert.equal(feed.status, 200);
      const xml = await feed.text();
      assert.match(xml, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
      const link =
        /<link rel="alternate" type="text\/html" href="https:\/\/cables.test(\/cable\/[^"]+)"/.exec(
          xml.split('<entry>')[1]!,
        );
      assert.ok(link);
      const page = await (await app.request(link[1]!.replace(/&amp;/g, '&'))).text();
      assert.match(page, /<mark>embass/i);
    });
  });
}
