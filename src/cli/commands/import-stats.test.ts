/**
 * The `cabledesk import` and `cabledesk stats` commands end to end, as a user runs them (child
 * processes, `--db`), on both databases: the summary line, broken input reported on stderr,
 * `--help`, the stats table and `--json`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sampleCablesDir, sampleVariantsDir } from '../../sources/sample.ts';
import { dialects, type TestDatabase } from '../../store/test-dialects.ts';

const cli = fileURLToPath(new URL('../../../bin/cabledesk.js', import.meta.url));

function cabledesk(...args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CABLEDESK_DB: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('import --help and stats --help describe the options', () => {
  const help = cabledesk('import', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--format/);
  assert.match(help.stdout, /--db/);
  assert.match(help.stdout, /imported N, updated N, unchanged N, failed N/);
  assert.match(cabledesk('stats', '--help').stdout, /--json/);
});

test('a --db that is neither sqlite: nor postgres:// is refused', () => {
  const run = cabledesk('stats', '--db', 'mysql://x');
  assert.equal(run.code, 2);
  assert.match(run.stderr, /neither sqlite:PATH nor a postgres/);
});

for (const dialect of dialects) {
  describe(`import and stats commands on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
    });
    after(async () => {
      await database?.drop();
    });

    test('import prints exactly one summary line; a missing file is reported and the rest imported', () => {
      const run = cabledesk(
        'import',
        '--db',
        database.url,
        sampleCablesDir,
        sampleVariantsDir,
        '/nonexistent.csv',
      );
      assert.equal(run.code, 0);
      assert.equal(run.stdout, 'imported 51, updated 4, unchanged 0, failed 1\n');
      assert.match(run.stderr, /\/nonexistent\.csv: no such file/);
    });

    test('stats shows the counts as tables and as JSON', () => {
      const table = cabledesk('stats', '--db', database.url);
      assert.equal(table.code, 0);
      assert.match(table.stdout, /^cables +51$/m);
      assert.match(table.stdout, /^versions +55 \(4 cables with more than one\)$/m);
      assert.match(table.stdout, /^CONFIDENTIAL +\d+/m);
      const json = JSON.parse(cabledesk('stats', '--json', '--db', database.url).stdout);
      assert.equal(json.cables, 51);
      assert.equal(json.versions, 55);
      assert.ok(json.byYear.some((r: { value: string }) => r.value === '1972'));
      assert.ok(json.byOrigin.length > 30);
      assert.equal(typeof json.references.unresolvedIds, 'number');
    });
  });
}
