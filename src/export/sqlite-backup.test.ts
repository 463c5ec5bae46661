/**
 * The SQLite online backup while the archive is in use: the store stays open (WAL) and another
 * connection writes comments between the copy's steps; the copy ends on one consistent state
 * with every write in it, passes quick_check, is one file (no WAL), and opens as an archive with
 * the same counts. An existing target is refused.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../store/open.ts';
import { countRows } from '../store/test-dialects.ts';
import { backupSqlite } from './sqlite-backup.ts';
import { fillArchive } from './test-archive.ts';

const work = mkdtempSync(join(tmpdir(), 'cabledesk-backup-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('a backup of a database in use has every write and the same counts', async () => {
  const path = join(work, 'live.db');
  const store = await openStore(`sqlite:${path}`);
  try {
    await fillArchive(store);
    const writer = new Database(path);
    const insert = writer.prepare(
      "INSERT INTO comments (ref_id, depth, guest_name, body, html, status, created_at) VALUES ('10SOFIA31', 0, 'W', ?, ?, 'pending', ?)",
    );
    let writes = 0;
    let restarted = false;
    let last = 0;
    const out = join(work, 'copy.db');
    const result = await backupSqlite(path, out, {
      pagesPerStep: 8,
      onProgress(done) {
        if (last > 0 && done <= last) restarted = true;
        last = done;
        // Another connection writes between steps, as a server would.
        if (writes < 3) {
          writes++;
          insert.run(`write ${writes}`, `<p>write ${writes}</p>`, new Date().toISOString());
        }
      },
    });
    writer.close();
    assert.equal(writes, 3);
    assert.ok(restarted, 'the copy started over after a write');
    assert.ok(!existsSync(`${out}-wal`));
    assert.equal(result.bytes, statSync(out).size);
    const copy = await openStore(`sqlite:${out}`);
    try {
      for (const table of [
        'cables',
        'cable_versions',
        'cable_tags',
        'accounts',
        'comments',
        'moderation_log',
      ]) {
        assert.equal(await countRows(copy, table), await countRows(store, table), table);
      }
      assert.equal(result.counts['comments'], 11);
      assert.deepEqual(await copy.getCable('06MOSCOW1323'), await store.getCable('06MOSCOW1323'));
    } finally {
      await copy.close();
    }
    await assert.rejects(backupSqlite(path, out), /exists already/);
  } finally {
    await store.close();
  }
});
