/**
 * Export and restore across both databases: an archive with versions, accounts, comments,
 * moderation and mentions (./test-archive.ts) is exported from each database and restored into a
 * fresh database of each kind (SQLite -> PostgreSQL and back); then everything is compared: cables,
 * raw text, versions and which is current, tags, references, every discussion row, log-ins with
 * the same passwords, search, new ids after the restored ones, and a second export byte for byte.
 * Also: refusal and --force on non-empty discussion tables, a tampered file, the public export,
 * and the csv export read back by the csv reader.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Discussion } from '../discuss/discussion.ts';
import type { DiscussionError } from '../discuss/errors.ts';
import { openSearch } from '../search/open.ts';
import { sampleCablesDir } from '../sources/sample.ts';
import { runImport } from '../store/import/importer.ts';
import { openStore } from '../store/open.ts';
import type { CableVersion, Store } from '../store/store.ts';
import { dialects, type TestDatabase } from '../store/test-dialects.ts';
import type { VersionEntry } from './cable-line.ts';
import { tableExists, withConnection } from './connection.ts';
import { runExport } from './export.ts';
import { ExportCheckError, readManifest, verifyExport } from './manifest.ts';
import { RestoreError, restoreExport } from './restore.ts';
import { EXPORTED_TABLES } from './tables.ts';
import { fillArchive, PEOPLE, SCRYPT_LOG_N } from './test-archive.ts';

const work = mkdtempSync(join(tmpdir(), 'cabledesk-export-test-'));
after(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;
const newFolder = () => join(work, `export-${++folders}`);

function rows<Row = Record<string, unknown>>(store: Store, sql: string): Promise<Row[]> {
  return withConnection(store, (db) => db.all<Row>(sql));
}

async function refIds(store: Store): Promise<string[]> {
  return (await rows<{ ref_id: string }>(store, 'SELECT ref_id FROM cables ORDER BY ref_id')).map(
    (r) => r.ref_id,
  );
}

/** Every row of the exported tables and of tags and references, in a stable order. */
async function tableRows(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {
    cable_tags: await rows(store, 'SELECT ref_id, position, tag FROM cable_tags ORDER BY ref_id, position'),
    cable_references: await rows(
      store,
      'SELECT from_ref_id, position, label, text, to_ref_id FROM cable_references ORDER BY from_ref_id, position',
    ),
  };
  for (const spec of EXPORTED_TABLES) {
    if (!(await withConnection(store, (db) => tableExists(db, spec.table)))) continue;
    out[spec.table] = await rows(store, `SELECT * FROM ${spec.table} ORDER BY ${spec.orderBy}`);
  }
  return out;
}

async function assertSameArchive(source: Store, target: Store): Promise<void> {
  const ids = await refIds(source);
  assert.deepEqual(await refIds(target), ids);
  for (const refId of ids) {
    assert.deepEqual(await target.getCable(refId), await source.getCable(refId), refId);
    assert.deepEqual(await target.listVersions(refId), await source.listVersions(refId), refId);
    assert.deepEqual(await target.citedBy(refId), await source.citedBy(refId), refId);
  }
  assert.deepEqual(await target.stats(100), await source.stats(100));
  assert.deepEqual(await tableRows(target), await tableRows(source));
}

function fileBytes(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (name !== 'manifest.json') files.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  return files;
}

for (const source of dialects) {
  describe(`export from ${source.name}`, { skip: source.skip }, () => {
    let database: TestDatabase;
    let store: Store;
    let dir: string;
    const targets: TestDatabase[] = [];
    const newTarget = async (dialect: (typeof dialects)[number]) => {
      const target = await dialect.create();
      targets.push(target);
      return target;
    };

    before(async () => {
      database = await source.create();
      store = await openStore(database.url);
      await fillArchive(store);
      dir = newFolder();
      await runExport({ store, dir, format: 'jsonl' });
    });
    after(async () => {
      await store?.close();
      await database?.drop();
      for (const target of targets) await target.drop();
    });

    test('the manifest lists every file with size, lines, records and SHA-256; it verifies', async () => {
      const manifest = await readManifest(dir);
      assert.equal(manifest.kind, 'jsonl');
      assert.equal(manifest.public, false);
      assert.equal(manifest.dialect, source.name);
      assert.deepEqual(manifest.counts, { cables: 51, versions: 55 });
      const records = Object.fromEntries(manifest.files.map((f) => [f.name, f.records]));
      assert.equal(records['cables.jsonl'], 51);
      assert.equal(records['accounts.jsonl'], 4);
      assert.equal(records['account_identities.jsonl'], 1);
      assert.equal(records['comments.jsonl'], 8);
      assert.equal(records['bans.jsonl'], 1);
      assert.equal(records['moderation_log.jsonl'], 2);
      for (const file of manifest.files) {
        assert.equal(file.bytes, readFileSync(join(dir, file.name)).length, file.name);
        assert.match(file.sha256, /^[0-9a-f]{64}$/);
      }
      assert.deepEqual(
        readdirSync(dir).sort(),
        [...manifest.files.map((f) => f.name), 'manifest.json'].sort(),
      );
      await verifyExport(dir, manifest);
    });

    test('cables.jsonl: the record with raw text byte for byte and every version', async () => {
      const lines = readFileSync(join(dir, 'cables.jsonl'), 'utf8').trimEnd().split('\n');
      assert.equal(lines.length, 51);
      const line = lines.map((l) => JSON.parse(l)).find((r) => r.refId === '04RANGOON1100');
      const stored = await store.listVersions('04RANGOON1100');
      const current = stored.find((v) => v.current)!;
      assert.equal(line.raw.header, current.rawHeader);
      assert.equal(line.raw.body, current.rawBody);
      assert.deepEqual(line.tags, (await store.getCable('04RANGOON1100'))!.tags);
      const versions = line.versions as VersionEntry[];
      assert.equal(versions.length, 2);
      assert.deepEqual(
        versions.map((v) => [v.contentHash, v.current, v.importedAt, v.source.format]),
        stored.map((v) => [v.contentHash, v.current, v.importedAt, v.sourceFormat]),
      );
      const other = versions.find((v) => !v.current)!;
      const otherStored = stored.find((v) => !v.current)!;
      assert.equal(other.header, otherStored.rawHeader);
      assert.equal(other.body, otherStored.rawBody);
      assert.equal(versions.find((v) => v.current)!.body, undefined, 'the current text is not repeated');
    });

    for (const target of dialects) {
      test(`restores into a fresh ${target.name} database: everything the same`, {
        skip: target.skip,
      }, async () => {
        const fresh = await newTarget(target);
        const restored = await openStore(fresh.url);
        try {
          const summary = await restoreExport({ store: restored, dir });
          assert.deepEqual(summary.cables, { imported: 51, updated: 0, unchanged: 0 });
          assert.equal(summary.versionsAdded, 55);
          assert.equal(summary.tables['comments'], 8);
          await assertSameArchive(store, restored);

          // People log in with the same passwords and keep their roles; the banned stay out.
          const talk = new Discussion(restored, { scryptLogN: SCRYPT_LOG_N });
          for (const [role, person] of Object.entries(PEOPLE)) {
            if (role === 'troll') continue;
            const { account } = await talk.logIn(person, '192.0.2.50');
            assert.equal(account.name, person.name);
            assert.equal(account.role, role === 'admin' || role === 'moderator' ? role : 'member');
          }
          await assert.rejects(
            talk.logIn(PEOPLE.troll, '192.0.2.50'),
            (e: DiscussionError) => e.status === 403,
          );
          const before = await new Discussion(store).cableComments('06MOSCOW1323', null);
          assert.deepEqual(await talk.cableComments('06MOSCOW1323', null), before);
          assert.equal(before.length, 4);
          assert.deepEqual(
            before.map((c) => c.depth),
            [0, 1, 2, 3],
          );

          // New rows take ids after the restored ones (PostgreSQL sequences were moved).
          const { account: admin } = await talk.logIn(PEOPLE.admin, '192.0.2.50');
          const next = await talk.post({ refId: '10SOFIA31', body: 'After the move.' }, admin, '::1');
          assert.equal(next.id, 9);
          const newcomer = await talk.signUp(
            { email: 'new@example.org', password: 'new password 1', name: 'Neo' },
            '192.0.2.9',
          );
          assert.equal(newcomer.id, 5);

          // The text index answers.
          const found = await (await openSearch(restored)).search({ q: 'moscow', limit: 100 });
          assert.ok(found.results.some((r) => r.refId === '06MOSCOW1323'));
        } finally {
          await restored.close();
        }
      });

      test(`into ${target.name}: a second run adds nothing; non-empty discussion is refused; --force replaces it`, {
        skip: target.skip,
      }, async () => {
        const fresh = await newTarget(target);
        const restored = await openStore(fresh.url);
        try {
          await restoreExport({ store: restored, dir });
          const talk = new Discussion(restored, { scryptLogN: SCRYPT_LOG_N });
          const late = { email: 'late@example.org', password: 'late password 1', name: 'Late' };
          await talk.signUp(late, '192.0.2.9');
          const { token } = await talk.logIn(late, '192.0.2.9');
          await assert.rejects(
            restoreExport({ store: restored, dir }),
            (e: Error) =>
              e instanceof RestoreError &&
              /already holds discussion data \(5 in accounts, 1 in account_identities, 8 in comments/.test(
                e.message,
              ),
          );
          const again = await restoreExport({ store: restored, dir, force: true });
          assert.equal(await talk.accountForToken(token), null, 'sessions of replaced accounts end');
          assert.deepEqual(again.cables, { imported: 0, updated: 0, unchanged: 51 });
          assert.equal(again.versionsAdded, 0);
          await assertSameArchive(store, restored);
          const second = newFolder();
          await runExport({ store: restored, dir: second, format: 'jsonl' });
          assert.deepEqual(fileBytes(second), fileBytes(dir), 'a second export is byte for byte the first');
        } finally {
          await restored.close();
        }
      });
    }

    test('into an archive that holds the sample already: only what it lacks is added', async () => {
      const fresh = await newTarget(source);
      const restored = await openStore(fresh.url);
      try {
        await runImport({ store: restored, paths: [sampleCablesDir], format: 'auto', worker: false });
        const summary = await restoreExport({ store: restored, dir });
        assert.deepEqual(summary.cables, { imported: 0, updated: 4, unchanged: 47 });
        assert.equal(summary.versionsAdded, 4);
        for (const refId of await refIds(store)) {
          assert.deepEqual(await restored.getCable(refId), await store.getCable(refId), refId);
          const versions = (list: CableVersion[]) => list.map((v) => [v.contentHash, v.current, v.released]);
          assert.deepEqual(
            versions(await restored.listVersions(refId)),
            versions(await store.listVersions(refId)),
          );
        }
        assert.deepEqual(await restored.stats(100), await store.stats(100));
      } finally {
        await restored.close();
      }
    });

    test('a restore stopped halfway is completed by running it again', async () => {
      const fresh = await newTarget(source);
      const restored = await openStore(fresh.url);
      try {
        let cables = 0;
        const stop = new Error('stopped');
        await assert.rejects(
          restoreExport({
            store: restored,
            dir,
            batchSize: 10,
            onProgress(records) {
              cables += records;
              if (cables >= 20) throw stop;
            },
          }),
          (e) => e === stop,
        );
        assert.equal((await restored.stats()).cables, 20);
        const summary = await restoreExport({ store: restored, dir });
        assert.deepEqual(summary.cables, { imported: 31, updated: 0, unchanged: 20 });
        await assertSameArchive(store, restored);
      } finally {
        await restored.close();
      }
    });

    test('a changed byte: the restore names the file and writes nothing', async () => {
      const copy = newFolder();
      await runExport({ store, dir: copy, format: 'jsonl' });
      const path = join(copy, 'comments.jsonl');
      const original = readFileSync(path, 'utf8');
      writeFileSync(path, original.replace('A first', 'A FIRST'));
      const fresh = await newTarget(source);
      const restored = await openStore(fresh.url);
      try {
        await assert.rejects(
          restoreExport({ store: restored, dir: copy }),
          (e: Error) => e instanceof ExportCheckError && /^comments\.jsonl: its SHA-256 is /.test(e.message),
        );
        writeFileSync(path, original);
        await verifyExport(copy, await readManifest(copy));
        writeFileSync(join(copy, 'bans.jsonl'), '');
        await assert.rejects(verifyExport(copy, await readManifest(copy)), (e: Error) =>
          /^bans\.jsonl: 0 bytes, manifest\.json says \d+/.test(e.message),
        );
        rmSync(join(copy, 'cables.jsonl'));
        await assert.rejects(
          verifyExport(copy, await readManifest(copy)),
          /cables\.jsonl: listed in manifest\.json but missing/,
        );
        assert.equal((await restored.stats()).cables, 0);
      } finally {
        await restored.close();
      }
    });

    test('a public export leaves out personal data and still restores', async () => {
      const open = newFolder();
      const manifest = await runExport({ store, dir: open, format: 'jsonl', publicOnly: true });
      assert.equal(manifest.public, true);
      const names = manifest.files.map((f) => f.name);
      for (const personal of ['accounts', 'account_identities', 'bans', 'moderation_log'])
        assert.ok(!names.includes(`${personal}.jsonl`), personal);
      const text = readdirSync(open)
        .map((name) => readFileSync(join(open, name), 'utf8'))
        .join('\n');
      for (const secret of [
        '@example.org',
        '192.0.2.',
        '198.51.100.',
        '203.0.113.',
        'scrypt$',
        'Buy now',
        'Soon deleted',
      ])
        assert.ok(!text.includes(secret), secret);
      const comments = readFileSync(join(open, 'comments.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.deepEqual(
        comments.map((c) => [c.status, c.guest_name]),
        [
          ['approved', 'Moe'],
          ['approved', 'Mia'],
          ['approved', 'Mia'],
          ['approved', 'Ada'],
          ['deleted', 'Ada'],
          ['approved', 'Moe'],
        ],
      );
      const fresh = await newTarget(source);
      const restored = await openStore(fresh.url);
      try {
        const summary = await restoreExport({ store: restored, dir: open });
        assert.equal(summary.tables['comments'], 6);
        const thread = await new Discussion(restored).cableComments('06MOSCOW1323', null);
        assert.deepEqual(
          thread.map((c) => [c.authorName, c.depth, c.parentId]),
          (await new Discussion(store).cableComments('06MOSCOW1323', null)).map((c) => [
            c.authorName,
            c.depth,
            c.parentId,
          ]),
        );
      } finally {
        await restored.close();
      }
    });

    test('the csv export: cables.csv reads back to the same records; metadata.csv; restore imports it', async () => {
      const csv = newFolder();
      const manifest = await runExport({ store, dir: csv, format: 'csv' });
      assert.deepEqual(
        manifest.files.map((f) => [f.name, f.records]),
        [
          ['cables.csv', 51],
          ['metadata.csv', 51],
        ],
      );
      const metadata = readFileSync(join(csv, 'metadata.csv'), 'utf8').split('\r\n');
      assert.equal(
        metadata[0],
        'refId,publishedRefId,created,released,classification,origin,subject,tags,references,partial,sections,versions,contentHash',
      );
      assert.equal(metadata.filter((l) => l !== '').length, 52);
      const fresh = await newTarget(source);
      const restored = await openStore(fresh.url);
      try {
        const summary = await restoreExport({ store: restored, dir: csv });
        assert.deepEqual(summary.csv, { imported: 51, updated: 0, unchanged: 0, failed: 0 });
        const again = await runImport({ store: restored, paths: [join(csv, 'cables.csv')], format: 'auto' });
        assert.equal(again.unchanged, 51);
        for (const refId of await refIds(store)) {
          const original = (await store.getCable(refId))!;
          const back = (await restored.getCable(refId))!;
          // The dump's layout has no release date.
          assert.deepEqual({ ...back, released: null }, { ...original, released: null }, refId);
        }
      } finally {
        await restored.close();
      }
    });

    test('cables.jsonl alone is also plain input: it imports as the current versions', async () => {
      const fresh = await newTarget(source);
      const restored = await openStore(fresh.url);
      try {
        const summary = await runImport({
          store: restored,
          paths: [join(dir, 'cables.jsonl')],
          format: 'auto',
        });
        assert.deepEqual(summary, { imported: 51, updated: 0, unchanged: 0, failed: 0 });
        for (const refId of await refIds(store))
          assert.deepEqual(await restored.getCable(refId), await store.getCable(refId), refId);
      } finally {
        await restored.close();
      }
    });

    test('an export refuses a folder that is not empty', async () => {
      const busy = newFolder();
      await runExport({ store, dir: busy, format: 'csv' });
      copyFileSync(join(busy, 'cables.csv'), join(busy, 'other.csv'));
      await assert.rejects(runExport({ store, dir: busy, format: 'csv' }), /is not empty/);
    });
  });
}
