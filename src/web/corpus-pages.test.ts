/**
 * Every cable of the real development corpus gets a page: imported with the project's importer
 * into a fresh SQLite archive, each `/cable/{refId}` answers 200 with one `par{N}` anchor and `¶`
 * link per paragraph, its API record, and its old cablegate address. Needs CABLEDESK_CORPUS
 * (the corpus folder); skipped loudly otherwise.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runImport } from '../store/import/importer.ts';
import { openStore } from '../store/open.ts';
import { createApp } from './app.ts';

const corpus = process.env['CABLEDESK_CORPUS'];

test('every corpus cable has a page with an anchor and a ¶ link per paragraph', {
  skip: !corpus && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder',
  timeout: 600_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cabledesk-corpus-pages-'));
  const store = await openStore(`sqlite:${join(dir, 'corpus.db')}`);
  try {
    const summary = await runImport({ store, paths: [join(corpus!, 'cables')], format: 'auto' });
    assert.ok(summary.imported > 3000, `imported ${summary.imported}`);
    const app = createApp({ store, pageCacheSize: 0 });
    const all = await store.listCables({ sort: 'refid', limit: 200 });
    const ids: string[] = [];
    for (let page = 1; ids.length < all.total; page++) {
      ids.push(...(await store.listCables({ sort: 'refid', limit: 200, page })).items.map((i) => i.refId));
    }
    const problems: string[] = [];
    for (const id of ids) {
      const res = await app.request(`/cable/${id}`);
      if (res.status !== 200) {
        problems.push(`${id}: ${res.status}`);
        continue;
      }
      const html = await res.text();
      const record = (await store.getCable(id))!;
      const anchors = html.match(/<p id="par\d+"><a class="pilcrow" href="#par\d+"/g) ?? [];
      if (anchors.length !== record.paragraphs.length) {
        problems.push(`${id}: ${anchors.length} anchors for ${record.paragraphs.length} paragraphs`);
      }
      for (const p of record.paragraphs) {
        if (p.number !== null && !html.includes(`<p id="par${p.number}">`))
          problems.push(`${id}: no par${p.number}`);
      }
      if (record.created) {
        const old = await app.request(
          `/cable/${record.created.slice(0, 4)}/${record.created.slice(5, 7)}/${id}.html`,
        );
        if (old.status !== 200) problems.push(`${id}: old address ${old.status}`);
      }
    }
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
