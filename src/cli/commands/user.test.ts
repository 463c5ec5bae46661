/**
 * Test of `cabledesk user add` as a user runs it: it creates an account, then updates the same
 * one (password, role, name) when run again with the same address in any case; the new password
 * logs in; a wrong role, a short password or a missing flag is a usage error. Both databases.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Discussion } from '../../discuss/discussion.ts';
import { openStore } from '../../store/open.ts';
import { dialects, type TestDatabase } from '../../store/test-dialects.ts';

const bin = fileURLToPath(new URL('../../../bin/cabledesk.js', import.meta.url));
const run = (args: string[]) => spawnSync(process.execPath, [bin, 'user', ...args], { encoding: 'utf8' });

for (const dialect of dialects) {
  describe(`cabledesk user add on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
    });
    after(async () => {
      await database?.drop();
    });

    test('creates, then updates the same account; the password works', async () => {
      const db = ['--db', database.url];
      const first = run([
        'add',
        '--email',
        'Admin@Example.org',
        '--password',
        'first password',
        '--role',
        'admin',
        ...db,
      ]);
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /^created account 1: admin@example\.org \(admin\), role admin\n$/);
      const again = run([
        'add',
        '--email',
        'admin@example.org',
        '--password',
        'second password',
        '--role',
        'moderator',
        '--name',
        'Ada',
        ...db,
      ]);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /^updated account 1: admin@example\.org \(Ada\), role moderator\n$/);
      const store = await openStore(database.url);
      try {
        const { account } = await new Discussion(store).logIn(
          { email: 'admin@example.org', password: 'second password' },
          'test',
        );
        assert.equal(account.role, 'moderator');
        assert.equal(account.name, 'Ada');
      } finally {
        await store.close();
      }
    });

    test('usage errors: exit code 2 with a message', () => {
      const db = ['--db', database.url];
      for (const args of [
        ['add', '--email', 'a@example.org', '--password', 'long enough 1', '--role', 'king', ...db],
        ['add', '--email', 'a@example.org', '--password', 'short', '--role', 'member', ...db],
        ['add', '--email', 'a@example.org', '--role', 'member', ...db],
        ['remove', '--email', 'a@example.org', ...db],
      ]) {
        const result = run(args);
        assert.equal(result.status, 2, args.join(' '));
        assert.match(result.stderr, /^cabledesk user: /);
      }
    });
  });
}
