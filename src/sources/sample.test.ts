/**
 * Tests of the bundled sample (sample/): it is where sample.ts says, small, every cable file reads,
 * the seed cable is intact, and cables.csv and the html pages hold the same cables byte for byte.
 * With CABLEDESK_CORPUS set, also checks that scripts/build-sample.ts still makes exactly this sample.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RawCable } from '../cable/record.ts';
import { readCableFile } from './cable-file.ts';
import { readCsv } from './csv.ts';
import { readHtmlPage } from './html.ts';
import { fileBytes } from './input.ts';
import { sampleCablesDir, sampleCsvPath, sampleDir, sampleHtmlDir, sampleVariantsDir } from './sample.ts';

const corpus = process.env['CABLEDESK_CORPUS'];

function files(dir: string, ext: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, ext, out);
    else if (name.endsWith(ext)) out.push(path);
  }
  return out;
}

const cableFiles = files(sampleCablesDir, '.txt');
const byId = new Map<string, RawCable>(
  cableFiles.map((path) => {
    const { cable } = readCableFile(readFileSync(path, 'utf8'), path);
    return [cable.publishedRefId, cable];
  }),
);

test('sample: the folder holds the seed and about 50 real cables, under 1.5 MB', () => {
  assert.ok(existsSync(join(sampleDir, 'README.md')));
  assert.ok(cableFiles.length >= 45 && cableFiles.length <= 60, `cable files: ${cableFiles.length}`);
  assert.ok(byId.has('06MOSCOW1323'), 'the seed cable');
  const total = files(sampleDir, '').reduce((n, path) => n + statSync(path).size, 0);
  assert.ok(total < 1.5 * 1024 * 1024, `sample size ${total} bytes`);
});

test('sample: every cable file names its own id and has a body', () => {
  for (const path of cableFiles) {
    const cable = byId.get(path.slice(path.lastIndexOf('/') + 1, -4));
    assert.ok(cable, `${path}: ref_id matches the file name`);
    assert.ok(cable.body.trim().length > 0, `${path}: body`);
    assert.ok(cable.classification && cable.origin && cable.created, `${path}: metadata`);
  }
});

test('sample: the seed cable is the seed page text', () => {
  const seed = byId.get('06MOSCOW1323')!;
  assert.equal(seed.header, 'DE RUEHMO #1323/01 0411526\nO 101526Z FEB 06\n');
  assert.ok(seed.body.startsWith('C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 001323 \n'));
  assert.ok(seed.body.includes('to hold open the\npossibility for further \n'));
  assert.ok(
    seed.body.endsWith(
      'independent and viable Palestinian state, co-existing in \npeace and security with Israel." ',
    ),
  );
  assert.equal(seed.created, '2006-02-10T15:26:00Z');
  assert.equal(seed.released, '2011-08-30T01:44:00Z');
  assert.equal(seed.classification, 'CONFIDENTIAL');
  assert.equal(seed.origin, 'Embassy Moscow');
});

test('sample: cables.csv holds the same cables, byte for byte', async () => {
  const seen = new Set<string>();
  for await (const item of readCsv(fileBytes(sampleCsvPath), sampleCsvPath)) {
    assert.ok(item.cable, `csv row could not be read: ${item.error?.where} ${item.error?.message}`);
    const file = byId.get(item.cable.publishedRefId);
    assert.ok(file, `${item.cable.publishedRefId} has a cable file`);
    assert.ok(item.cable.header === file.header, `${item.cable.publishedRefId}: header`);
    assert.ok(item.cable.body === file.body, `${item.cable.publishedRefId}: body`);
    assert.equal(item.cable.created, file.created, `${item.cable.publishedRefId}: created`);
    seen.add(item.cable.publishedRefId);
  }
  assert.equal(seen.size, byId.size);
});

test('sample: the html pages hold the same cables', () => {
  const pages = files(sampleHtmlDir, '.html');
  assert.ok(pages.length >= 3, `html pages: ${pages.length}`);
  for (const path of pages) {
    const cable = readHtmlPage(readFileSync(path, 'utf8'), path);
    const file = byId.get(cable.publishedRefId);
    assert.ok(file, `${path}: its cable is in the sample`);
    assert.ok(cable.body === file.body, `${path}: body`);
    assert.ok(cable.header === file.header, `${path}: header`);
  }
});

test('sample: variants belong to sampled cables', () => {
  const variants = files(sampleVariantsDir, '.txt');
  assert.ok(variants.length >= 1);
  for (const path of variants) {
    const { meta, cable } = readCableFile(readFileSync(path, 'utf8'), path);
    assert.equal(meta['role'], 'variant');
    assert.ok(byId.has(cable.publishedRefId), `${path}: its primary is in the sample`);
  }
});

test('sample: scripts/build-sample.ts makes exactly the committed sample', {
  skip: !corpus && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder',
}, () => {
  const out = mkdtempSync(join(tmpdir(), 'cabledesk-sample-'));
  try {
    const script = fileURLToPath(new URL('../../scripts/build-sample.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--out', out], {
      env: { ...process.env, CABLEDESK_CORPUS: corpus },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const made = files(out, '').map((p) => p.slice(out.length));
    const committed = files(sampleDir, '').map((p) => p.slice(sampleDir.length));
    assert.deepEqual(made, committed);
    for (const rel of made) {
      assert.ok(readFileSync(join(out, rel)).equals(readFileSync(join(sampleDir, rel))), `${rel} differs`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
