/**
 * The export, restore and backup commands as a user runs them (child processes): export, verify,
 * a tampered file named by `--verify` and by `import DIR` (exit 1, nothing written), `import DIR`
 * restoring, its refusal on a second run and `restore --force`; `backup` of an SQLite database
 * and its refusal with pg_dump advice on PostgreSQL; usage errors. Both databases.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fillArchive } from '../../export/test-archive.ts';
import { openStore } from '../../store/open.ts';
import { countRows, dialects, type TestDatabase } from '../../store/test-dialects.ts';

const bin = fileURLToPath(new URL('../../../bin/cabledesk.js', import.meta.url));
const run = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CABLEDESK_DB: '' },
  });
const work = mkdtempSync(join(tmpdir(), 'cabledesk-export-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

for (const dialect of dialects) {
  describe(`cabledesk export, import DIR, restore on ${dialect.name}`, { skip: dialect.skip }, () => {
    const databases: TestDatabase[] = [];
    let source: TestDatabase;
    const dir = join(work, `export-${dialect.name}`);
    before(async () => {
      source = await dialect.create();
      databases.push(source);
      const store = await openStore(source.url);
      await fillArchive(store);
      await store.close();
    });
    after(async () => {
      for (const database of databases) await database.drop();
    });

    test('export, verify, restore; a second restore is refused; --force replaces', async () => {
      const exported = run(['export', '--out', dir, '--db', source.url]);
      assert.equal(exported.status, 0, exported.stderr);
      assert.match(
        exported.stdout,
        /^exported 51 cables, 55 versions to .*cables\.jsonl \(51\), accounts\.jsonl \(4\)/,
      );
      const verified = run(['export', '--verify', dir]);
      assert.equal(verified.status, 0, verified.stderr);
      assert.match(verified.stdout, /^ok: \d+ files match/);

      const target = await dialect.create();
      databases.push(target);
      const restored = run(['import', dir, '--db', target.url]);
      assert.equal(restored.status, 0, restored.stderr);
      assert.match(
        restored.stdout,
        /^cables: imported 51, updated 0, unchanged 0 \(55 versions added\); accounts 4; account_identities 1; comments 8;/,
      );
      const again = run(['import', dir, '--db', target.url]);
      assert.equal(again.status, 1);
      assert.match(
        again.stderr,
        /^cabledesk import: the database already holds discussion data .* add --force/,
      );
      const forced = run(['restore', '--force', dir, '--db', target.url]);
      assert.equal(forced.status, 0, forced.stderr);
      assert.match(
        forced.stdout,
        /^cables: imported 0, updated 0, unchanged 51 \(0 versions added\); accounts 4;/,
      );
    });

    test('a tampered file: --verify and import name it, exit 1, nothing written', async () => {
      const path = join(dir, 'accounts.jsonl');
      const original = readFileSync(path, 'utf8');
      writeFileSync(path, original.replace('"role":"member"', '"role":"admin"'));
      try {
        const verified = run(['export', '--verify', dir]);
        assert.equal(verified.status, 1);
        assert.match(verified.stderr, /^cabledesk export: accounts\.jsonl: .*manifest\.json says/);
        const target = await dialect.create();
        databases.push(target);
        const restored = run(['import', dir, '--db', target.url]);
        assert.equal(restored.status, 1);
        assert.match(restored.stderr, /^cabledesk import: accounts\.jsonl: /);
        const store = await openStore(target.url);
        try {
          assert.equal(await countRows(store, 'cables'), 0);
          assert.equal(await countRows(store, 'accounts'), 0);
        } finally {
          await store.close();
        }
      } finally {
        writeFileSync(path, original);
      }
    });
  });
}

describe('cabledesk backup', () => {
  test('copies a live SQLite database into one file that opens with the same counts', async () => {
    const path = join(work, 'live.db');
    const store = await openStore(`sqlite:${path}`);
    try {
      await fillArchive(store);
      const out = join(work, 'backup.db');
      const result = run(['backup', '--out', out, '--db', `sqlite:${path}`]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(
        result.stdout,
        /^backed up .* bytes; cables 51, cable_versions 55, accounts 4, comments 8/,
      );
      const copy = await openStore(`sqlite:${out}`);
      try {
        for (const table of ['cables', 'cable_versions', 'comments', 'accounts'])
          assert.equal(await countRows(copy, table), await countRows(store, table), table);
      } finally {
        await copy.close();
      }
      const twice = run(['backup', '--out', out, '--db', `sqlite:${path}`]);
      assert.equal(twice.status, 1);
      assert.match(twice.stderr, /exists already/);
    } finally {
      await store.close();
    }
  });

  test('on PostgreSQL it refuses and says how to use pg_dump, without the password', () => {
    const result = run([
      'backup',
      '--out',
      'x.dump',
      '--db',
      'postgres://ops:secret@db.example:5432/cables?schema=arch',
    ]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /pg_dump --format=custom --schema='arch' --file=/);
    assert.match(result.stderr, /pg_restore /);
    assert.match(result.stderr, /docs\/backup\.md/);
    assert.ok(!result.stderr.includes('secret'));
  });

  test('usage errors exit 2', () => {
    for (const args of [
      ['export', '--format', 'xml', '--out', join(work, 'x')],
      ['export'],
      ['export', '--format', 'csv', '--public', '--out', join(work, 'y')],
      ['backup', '--db', `sqlite:${join(work, 'none.db')}`],
      ['restore'],
    ]) {
      const result = run(args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    }
  });
});
