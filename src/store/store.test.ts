/**
 * Tests of the Store on both databases, with real cables from the bundled sample: batch outcomes,
 * idempotency, versions and which one is current, tags, references (also to missing cables), the
 * full-text index, stats, migrations applied once.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseCable } from '../cable/parse.ts';
import type { RawCable } from '../cable/record.ts';
import { readCableFile } from '../sources/cable-file.ts';
import { sampleCablesDir, sampleVariantsDir } from '../sources/sample.ts';
import { openStore } from './open.ts';
import type { PostgresStore } from './postgres/store.ts';
import { prepareCable } from './prepared-cable.ts';
import { SqliteStore } from './sqlite/store.ts';
import type { PreparedCable, Store } from './store.ts';
import { dialects, type TestDatabase } from './test-dialects.ts';

function rawFile(dir: string, name: string): RawCable {
  return readCableFile(readFileSync(join(dir, name), 'utf8'), join(dir, name)).cable;
}

const prepare = (raw: RawCable): PreparedCable => prepareCable(raw, parseCable(raw));

const sample = readdirSync(sampleCablesDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => prepare(rawFile(sampleCablesDir, f)));
const variants = readdirSync(sampleVariantsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => prepare(rawFile(sampleVariantsDir, f)));

for (const dialect of dialects) {
  describe(`store on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    let store: Store;

    before(async () => {
      database = await dialect.create();
      store = await openStore(database.url);
    });
    after(async () => {
      await store?.close();
      await database?.drop();
    });

    test('a first batch imports every cable, a second changes nothing', async () => {
      const outcomes = await store.writeBatch(sample);
      assert.equal(outcomes.length, sample.length);
      assert.ok(outcomes.every((o) => o === 'imported'));
      const again = await store.writeBatch(sample);
      assert.ok(again.every((o) => o === 'unchanged'));
      const stats = await store.stats();
      assert.equal(stats.cables, sample.length);
      assert.equal(stats.versions, sample.length);
    });

    test('a cable comes back with its raw text byte for byte', async () => {
      const seed = sample.find((c) => c.refId === '06MOSCOW1323')!;
      const record = await store.getCable('06MOSCOW1323');
      assert.ok(record);
      assert.equal(record.raw.header, seed.rawHeader);
      assert.equal(record.raw.body, seed.rawBody);
      assert.deepEqual(record.tags, seed.tags);
      assert.equal(record.subject, seed.subject);
      assert.equal(await store.getCable('99NOWHERE1'), null);
    });

    test('another text of a known cable is a new version; the latest release is current', async () => {
      const outcomes = await store.writeBatch(variants);
      assert.ok(outcomes.every((o) => o === 'updated'));
      for (const variant of variants) {
        const versions = await store.listVersions(variant.refId);
        assert.equal(versions.length, 2, variant.refId);
        const current = versions.find((v) => v.current)!;
        const latest = [...versions]
          .sort((a, b) => (a.released ?? '').localeCompare(b.released ?? ''))
          .at(-1)!;
        assert.equal(
          current.contentHash,
          latest.contentHash,
          `${variant.refId}: current is the latest release`,
        );
        const record = await store.getCable(variant.refId);
        assert.equal(record?.raw.body, current.rawBody);
        assert.equal(record?.released, current.released);
      }
      assert.ok((await store.writeBatch(variants)).every((o) => o === 'unchanged'));
      const stats = await store.stats();
      assert.equal(stats.versions, sample.length + variants.length);
      assert.equal(stats.cablesWithVersions, variants.length);
    });

    test('an older release of a cable is kept but does not become current; ties go to the latest import', async () => {
      const base = sample.find((c) => c.refId === '09BERN279')!;
      const older = { ...base, rawBody: `${base.rawBody}\n(older)`, released: '2010-01-01T00:00:00Z' };
      older.contentHash = `${base.contentHash}-older`;
      assert.deepEqual(await store.writeBatch([older]), ['updated']);
      let versions = await store.listVersions(base.refId);
      assert.equal(versions.find((v) => v.current)?.contentHash, base.contentHash);
      // Same release date as the current one (or both unknown): the one imported last wins.
      const tie = { ...base, rawBody: `${base.rawBody}\n(tie)`, contentHash: `${base.contentHash}-tie` };
      assert.deepEqual(await store.writeBatch([tie]), ['updated']);
      versions = await store.listVersions(base.refId);
      assert.equal(versions.find((v) => v.current)?.contentHash, tie.contentHash);
      assert.equal((await store.getCable(base.refId))?.raw.body, tie.rawBody);
    });

    test('one batch may hold a new cable and its new version', async () => {
      const base = sample[0]!;
      const first = { ...base, refId: '99TESTPOST1', contentHash: 'h1', released: '2011-01-01T00:00:00Z' };
      const second = { ...first, contentHash: 'h2', rawBody: 'second', released: '2011-02-01T00:00:00Z' };
      assert.deepEqual(await store.writeBatch([first, second, first]), ['imported', 'updated', 'unchanged']);
      const versions = await store.listVersions('99TESTPOST1');
      assert.deepEqual(
        versions.map((v) => [v.contentHash, v.current]),
        [
          ['h1', false],
          ['h2', true],
        ],
      );
    });

    test('references are edges, also to cables that are not in the archive', async () => {
      const base = sample.find((c) => c.refId === '09BERN279')!;
      const citing = {
        ...base,
        refId: '99TESTPOST2',
        contentHash: 'refs',
        references: [
          { label: 'A', text: '06 MOSCOW 1323', refId: '06MOSCOW1323' },
          { label: 'B', text: '07 NOWHERE 5', refId: '07NOWHERE5' },
          { label: 'C', text: 'EMAIL OF 3 MAY', refId: null },
        ],
      };
      assert.deepEqual(await store.writeBatch([citing]), ['imported']);
      assert.deepEqual(await store.citedBy('07NOWHERE5'), [
        { fromRefId: '99TESTPOST2', label: 'B', text: '07 NOWHERE 5' },
      ]);
      assert.ok((await store.citedBy('06MOSCOW1323')).some((c) => c.fromRefId === '99TESTPOST2'));
      const stats = await store.stats();
      assert.ok(stats.references.edges >= 3);
      assert.ok(stats.references.toCables >= 2);
      assert.ok(stats.references.unresolvedIds >= 1, 'a cited id not in the archive is unresolved');
    });

    test('stats count classifications, origins, years and tags', async () => {
      const stats = await store.stats(5);
      const total = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
      assert.equal(total(stats.byClassification), stats.cables);
      assert.equal(total(stats.byOrigin), stats.cables);
      assert.equal(total(stats.byYear), stats.cables);
      assert.ok(stats.byOrigin.some((r) => r.value === 'Embassy Moscow'));
      assert.ok(stats.byYear.some((r) => r.value === '2009'));
      assert.ok(stats.tags.distinct > 0 && stats.tags.top.length <= 5);
    });

    test('the full-text index finds words by stem and without accents, in subject and text', async () => {
      const cable = withText(sample[0]!, 'A CAUCASUS ZORBLING', [
        'The ministers blorfed over the cafézinha',
        'and its zakouskis at length.',
      ]);
      cable.refId = '99TESTPOST3';
      cable.contentHash = 'fts';
      await store.writeBatch([cable]);
      assert.deepEqual(await searchIds(store, 'zorbles'), ['99TESTPOST3']);
      assert.deepEqual(await searchIds(store, 'cafezinha'), ['99TESTPOST3']);
      assert.deepEqual(await searchIds(store, 'blorfing'), ['99TESTPOST3']);
      // A new current version replaces the indexed text.
      const next = {
        ...withText(cable, cable.subject, ['Nothing about the snurfles.']),
        contentHash: 'fts2',
      };
      await store.writeBatch([next]);
      assert.deepEqual(await searchIds(store, 'cafezinha'), []);
      assert.deepEqual(await searchIds(store, 'snurfle'), ['99TESTPOST3']);
    });

    test('the text the index reads back (for snippets, repairs) is the text it was given', async () => {
      const stored = await indexedTexts(store);
      for (const cable of sample) {
        if ((await store.getCable(cable.refId))?.raw.body !== cable.rawBody) continue; // replaced by a variant
        assert.equal(stored.get(cable.refId), cable.readingText, cable.refId);
      }
    });

    test('opening again applies no migration twice', async () => {
      const again = await openStore(database.url);
      await again.close();
      const stats = await store.stats();
      assert.ok(stats.cables > 0);
    });
  });
}

/**
 * ref id -> the reading text the database derives from the stored record: the view cable_reading
 * on SQLite; on PostgreSQL the rows the repair rebuilds after they are removed.
 */
async function indexedTexts(store: Store): Promise<Map<string, string>> {
  if (store instanceof SqliteStore) {
    const rows = store.db
      .prepare('SELECT c.ref_id, r.body FROM cable_reading r JOIN cables c ON c.id = r.id')
      .all() as { ref_id: string; body: string }[];
    return new Map(rows.map((r) => [r.ref_id, r.body]));
  }
  const pool = (store as PostgresStore).pool;
  await store.flush();
  await pool.query('DELETE FROM cable_search');
  await store.flush();
  const rows = await pool.query<{ ref_id: string; body: string }>('SELECT ref_id, body FROM cable_search');
  return new Map(rows.rows.map((r) => [r.ref_id, r.body]));
}

/** A copy of a prepared cable with another subject and paragraphs (record and index text agree). */
function withText(base: PreparedCable, subject: string | null, paragraphs: string[]): PreparedCable {
  const record = JSON.parse(base.recordJson);
  record.subject = subject;
  record.paragraphs = paragraphs.map((text, i) => ({ number: i + 1, marking: null, text }));
  return { ...base, subject, recordJson: JSON.stringify(record), readingText: paragraphs.join('\n\n') };
}

/** The ids whose index entry matches one word (a minimal query, enough to prove the index is there). */
async function searchIds(store: Store, word: string): Promise<string[]> {
  await store.flush();
  if (store instanceof SqliteStore) {
    return store.db
      .prepare(
        'SELECT c.ref_id FROM cable_search s JOIN cables c ON c.id = s.rowid WHERE cable_search MATCH ?',
      )
      .all(word)
      .map((r) => (r as { ref_id: string }).ref_id);
  }
  const pool = (store as PostgresStore).pool;
  const rows = await pool.query(
    "SELECT ref_id FROM cable_search WHERE document @@ plainto_tsquery('cabledesk_english', $1)",
    [word],
  );
  return rows.rows.map((r) => r.ref_id as string);
}
