/**
 * Tests of the importer on both databases with the bundled sample: counts, idempotency (csv,
 * html and cable files of the same cables are one version), versions from sample/variants, broken
 * rows reported with their line, and resumability after `kill -9` of a child import process.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ReadError } from '../../sources/index.ts';
import { sampleCablesDir, sampleCsvPath, sampleHtmlDir, sampleVariantsDir } from '../../sources/sample.ts';
import { openStore } from '../open.ts';
import type { Store } from '../store.ts';
import { countRows, dialects, useFreshStore } from '../test-dialects.ts';
import { runImport, summaryLine } from './importer.ts';
import { sampleRows, writeRepeatedSample } from './test-corpus.ts';

const cli = fileURLToPath(new URL('../../../bin/cabledesk.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'cabledesk-import-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

async function importPaths(store: Store, paths: string[], problems: ReadError[] = []) {
  return runImport({ store, paths, format: 'auto', onProblem: (p) => problems.push(p) });
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

for (const dialect of dialects) {
  describe(`import on ${dialect.name}`, { skip: dialect.skip }, () => {
    let store: Store;
    useFreshStore(dialect, (opened) => {
      store = opened;
    });

    test('the sample: 51 cables, 4 more versions; a second import changes nothing', async () => {
      const first = await importPaths(store, [sampleCablesDir, sampleVariantsDir]);
      assert.equal(summaryLine(first), 'imported 51, updated 4, unchanged 0, failed 0');
      const again = await importPaths(store, [sampleCablesDir, sampleVariantsDir]);
      assert.equal(summaryLine(again), 'imported 0, updated 0, unchanged 55, failed 0');
      const stats = await store.stats();
      assert.equal(stats.cables, 51);
      assert.equal(stats.versions, 55);
      assert.equal(stats.cablesWithVersions, 4);
    });

    test('the same cables as cables.csv and as cablegate pages are the same versions', async () => {
      const csv = await importPaths(store, [sampleCsvPath]);
      assert.equal(summaryLine(csv), 'imported 0, updated 0, unchanged 51, failed 0');
      const html = await importPaths(store, [sampleHtmlDir]);
      assert.equal(summaryLine(html), 'imported 0, updated 0, unchanged 5, failed 0');
    });

    test('a broken row is reported with its line and the import goes on', async () => {
      const rows = sampleRows();
      const path = join(work, `broken-${dialect.name}.csv`);
      const broken = '"4242","01/01/2009 10:10","09NOWHERE1","Embassy Nowhere","SECRET","","header only"\n';
      const text = rows[0] + broken + rows[1];
      writeFileSync(path, text);
      const brokenLine = rows[0]!.split('\n').length;
      const problems: ReadError[] = [];
      const summary = await importPaths(store, [path], problems);
      assert.equal(summary.failed, 1);
      assert.equal(summary.unchanged, 2);
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.where, `${path}:${brokenLine}`);
    });

    test('after kill -9 a re-run completes: nothing missing, nothing twice', {
      timeout: 300_000,
    }, async () => {
      const path = join(work, `resume-${dialect.name}.csv`);
      const total = writeRepeatedSample(path, 60);
      const resumeDb = await dialect.create();
      try {
        const child = spawn(
          process.execPath,
          [cli, 'import', '--db', resumeDb.url, '--batch-size', '50', path],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        const exited = waitForExit(child);
        const watcher = await openStore(resumeDb.url);
        let seen = 0;
        try {
          for (let i = 0; i < 3000 && child.exitCode === null; i++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            seen = (await watcher.stats()).cables;
            if (seen >= 200) break;
          }
        } finally {
          await watcher.close();
        }
        assert.ok(
          seen > 0 && child.exitCode === null,
          `the import was still running with ${seen} cables stored`,
        );
        child.kill('SIGKILL');
        await exited;

        const resumed = await openStore(resumeDb.url);
        try {
          const partial = (await resumed.stats()).cables;
          assert.ok(partial > 0 && partial < total, `killed midway (${partial} of ${total} stored)`);
          const summary = await importPaths(resumed, [path]);
          assert.equal(summary.failed, 0);
          assert.equal(summary.updated, 0);
          assert.equal(summary.imported + summary.unchanged, total);
          assert.equal(summary.unchanged, partial, 'what was committed before the kill is unchanged');
          const stats = await resumed.stats();
          assert.equal(stats.cables, total, 'nothing missing');
          assert.equal(stats.versions, total, 'nothing twice');
          assert.equal(await countRows(resumed, 'cable_search'), total, 'every cable in the full-text index');
        } finally {
          await resumed.close();
        }
      } finally {
        await resumeDb.drop();
      }
    });
  });
}
