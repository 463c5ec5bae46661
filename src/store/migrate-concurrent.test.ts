/**
 * Several servers starting at once on a fresh database, on both dialects: separate processes open
 * the store at the same moment (each applying the migrations it finds missing). All of them must
 * succeed and every migration must be applied exactly once (PostgreSQL: advisory lock; SQLite:
 * an exclusive transaction).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from './open.ts';
import { migrations as postgresMigrations } from './postgres/migrations.ts';
import type { PostgresStore } from './postgres/store.ts';
import { migrations as sqliteMigrations } from './sqlite/migrations.ts';
import { SqliteStore } from './sqlite/store.ts';
import { dialects } from './test-dialects.ts';

const OPENERS = 4;
const openUrl = new URL('./open.ts', import.meta.url).href;
const root = fileURLToPath(new URL('../../', import.meta.url));

/** A process that waits until `at` (ms since the epoch), opens the store, and says "opened". */
function opener(url: string, at: number): Promise<{ code: number | null; output: string }> {
  const script = `
    import { openStore } from ${JSON.stringify(openUrl)};
    await new Promise((r) => setTimeout(r, Math.max(0, ${at} - Date.now())));
    const store = await openStore(${JSON.stringify(url)});
    await store.close();
    console.log('opened');
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

for (const dialect of dialects) {
  describe(`migrations on ${dialect.name}`, { skip: dialect.skip }, () => {
    test(`${OPENERS} processes open a fresh database at the same moment: all succeed, each migration applied once`, async () => {
      const database = await dialect.create();
      try {
        // Far enough ahead for every process to have loaded its modules.
        const at = Date.now() + 3000;
        const results = await Promise.all(Array.from({ length: OPENERS }, () => opener(database.url, at)));
        for (const r of results) {
          assert.equal(r.code, 0, r.output);
          assert.equal(r.output.trim(), 'opened');
        }
        const store = await openStore(database.url);
        try {
          const list = dialect.name === 'sqlite' ? sqliteMigrations : postgresMigrations;
          const applied =
            store instanceof SqliteStore
              ? (store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
                  version: number;
                }[])
              : ((
                  await (store as PostgresStore).pool.query(
                    'SELECT version FROM schema_migrations ORDER BY version',
                  )
                ).rows as { version: number }[]);
          assert.deepEqual(
            applied.map((r) => Number(r.version)),
            list.map((m) => m.version),
          );
          assert.equal((await store.archiveState()).cables, 0);
        } finally {
          await store.close();
        }
      } finally {
        await database.drop();
      }
    });

    test(`${OPENERS} stores opened at once in one process on a fresh database`, async () => {
      const database = await dialect.create();
      try {
        const stores = await Promise.all(Array.from({ length: OPENERS }, () => openStore(database.url)));
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await database.drop();
      }
    });
  });
}
