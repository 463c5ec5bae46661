/**
 * Tests of the browse queries (./browse.ts) on both databases, over the bundled sample: listings
 * filtered by each facet, sorting and pages, counts, lookups by published id, the archive state.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseCable } from '../cable/parse.ts';
import { readCableFile } from '../sources/cable-file.ts';
import { sampleCablesDir } from '../sources/sample.ts';
import { prepareCable } from './prepared-cable.ts';
import type { Store } from './store.ts';
import { dialects, useFreshStore } from './test-dialects.ts';

const sample = readdirSync(sampleCablesDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => {
    const path = join(sampleCablesDir, f);
    const raw = readCableFile(readFileSync(path, 'utf8'), path).cable;
    return prepareCable(raw, parseCable(raw));
  });

for (const dialect of dialects) {
  describe(`browse queries on ${dialect.name}`, { skip: dialect.skip }, () => {
    let store: Store;
    useFreshStore(dialect, (opened) => {
      store = opened;
    });

    test('an empty archive has no cables and answers every listing', async () => {
      assert.deepEqual(await store.archiveState(), { cables: 0, lastUpdated: null });
      const empty = await store.archiveFingerprint();
      assert.equal(empty, '0:0');
      assert.deepEqual(await store.listCables({}), { total: 0, items: [] });
      assert.deepEqual(await store.countCables('origin'), []);
      await store.writeBatch(sample);
      const state = await store.archiveState();
      assert.equal(state.cables, sample.length);
      assert.match(state.lastUpdated ?? '', /^\d{4}-\d\d-\d\dT/);
      const full = await store.archiveFingerprint();
      assert.notEqual(full, empty);
      await store.writeBatch(sample.slice(0, 3));
      assert.equal(await store.archiveFingerprint(), full, 'writing nothing new keeps the fingerprint');
    });

    test('listing: newest first by default, paginated, every sort', async () => {
      const first = await store.listCables({ limit: 10 });
      assert.equal(first.total, sample.length);
      assert.equal(first.items.length, 10);
      const created = first.items.map((i) => i.created ?? '');
      assert.deepEqual(created, [...created].sort().reverse());
      const second = await store.listCables({ limit: 10, page: 2 });
      assert.ok(!second.items.some((i) => first.items.some((f) => f.refId === i.refId)));
      const oldest = await store.listCables({ sort: 'created', limit: 1 });
      assert.equal(oldest.items[0]?.refId, '72TEHRAN4789');
      const byId = await store.listCables({ sort: 'refid', limit: 3 });
      assert.deepEqual(
        byId.items.map((i) => i.refId),
        sample
          .map((c) => c.refId)
          .sort()
          .slice(0, 3),
      );
      for (const sort of ['released', '-released', '-refid'] as const) {
        assert.equal((await store.listCables({ sort })).total, sample.length);
      }
    });

    test('filters: origin, classification, tag, created month and year, release day', async () => {
      const moscow = await store.listCables({ origin: 'Embassy Moscow' });
      assert.deepEqual(moscow.items.map((i) => i.refId).sort(), ['06MOSCOW1323', '09MOSCOW2353']);
      const secret = await store.listCables({ classification: 'SECRET//NOFORN' });
      assert.ok(secret.total >= 2 && secret.items.every((i) => i.classification === 'SECRET//NOFORN'));
      const tagged = await store.listCables({ tag: 'KSCA' });
      assert.ok(tagged.items.some((i) => i.refId === '09BERN279'));
      const month = await store.listCables({ createdIn: '2006-02' });
      assert.deepEqual(
        month.items.map((i) => i.refId),
        ['06MOSCOW1323'],
      );
      const year = await store.listCables({ createdIn: '2009' });
      assert.ok(year.total > 5 && year.items.every((i) => i.created?.startsWith('2009')));
      const day = await store.listCables({ releasedOn: '2011-08-30' });
      assert.ok(day.items.some((i) => i.refId === '06MOSCOW1323'));
      assert.ok(day.items.every((i) => i.released?.startsWith('2011-08-30')));
      const december = await store.listCables({ createdIn: '2009-12' });
      assert.ok(december.items.every((i) => i.created?.startsWith('2009-12')));
    });

    test('tag listings: walking the index (small pages) and reading the tagged cables agree', async () => {
      for (const sort of ['-created', 'refid', 'released'] as const) {
        const whole = await store.listCables({ tag: 'PREL', sort, limit: 200 });
        assert.ok(whole.total > 5);
        const paged: string[] = [];
        for (let page = 1; page <= whole.total; page++) {
          paged.push(
            ...(await store.listCables({ tag: 'PREL', sort, limit: 1, page })).items.map((i) => i.refId),
          );
        }
        assert.deepEqual(
          paged,
          whole.items.map((i) => i.refId),
          sort,
        );
      }
    });

    test('counts per facet add up to the archive', async () => {
      for (const facet of ['origin', 'classification', 'year', 'releasedDay'] as const) {
        const rows = await store.countCables(facet);
        const total = rows.reduce((n, r) => n + r.count, 0);
        assert.ok(total <= sample.length && total > 0, facet);
        assert.deepEqual(
          rows.map((r) => r.value),
          rows.map((r) => r.value).sort(),
        );
      }
      const months = await store.countCables('month', '2009');
      assert.ok(months.every((r) => r.value.startsWith('2009-')));
      const tags = await store.countCables('tag');
      assert.ok(tags.find((r) => r.value === 'PREL')!.count > 3);
    });

    test('lookups: published ids, existing ids', async () => {
      assert.equal(await store.findByPublishedId('08ECTION01OF02MANAMA492'), '08MANAMA492');
      assert.equal(await store.findByPublishedId('06moscow1323'), '06MOSCOW1323');
      assert.equal(await store.findByPublishedId('99NOWHERE1'), null);
      const known = await store.existingIds(['06MOSCOW1323', '99NOWHERE1']);
      assert.deepEqual([...known], ['06MOSCOW1323']);
      assert.deepEqual([...(await store.existingIds([]))], []);
    });
  });
}
