import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readCables } from './index.ts';
import type { ReadItem } from './read-item.ts';

const dir = mkdtempSync(join(tmpdir(), 'cabledesk-sources-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CSV =
  '"1","09/27/2000 14:02","00HARARE5461","Embassy Harare","CONFIDENTIAL","","","C O N F I D E N T I A L HARARE 005461"\n' +
  '"2","09/28/2000 14:02","00HARARE5462","Embassy Harare","CONFIDENTIAL",""\n' +
  '"3","09/29/2000 14:02","00HARARE5463","Embassy Harare","SECRET","","","S E C R E T HARARE 005463"\n';
const PAGE = (id: string) =>
  `<html><body><table class='cable'><tr><th>Reference ID</th><th>Created</th><th>Classification</th><th>Origin</th></tr>` +
  `<tr><td><a href='#'>${id}</a></td><td>2006-03-30 13:01</td><td>SECRET</td><td>Embassy Paris</td></tr></table>` +
  `<code><pre>FM AMEMBASSY PARIS</pre></code><code><pre>S E C R E T PARIS 002069 &#x000A;</pre></code></body></html>`;

writeFileSync(join(dir, 'cables.csv'), CSV);
mkdirSync(join(dir, 'tree', '2006', '03'), { recursive: true });
mkdirSync(join(dir, 'tree', '2006', '10'), { recursive: true });
writeFileSync(join(dir, 'tree', '2006', '10', '06PARIS7000.html'), PAGE('06PARIS7000'));
writeFileSync(join(dir, 'tree', '2006', '03', '06PARIS2069.html'), PAGE('06PARIS2069'));
writeFileSync(join(dir, 'tree', '2006', '03', 'notes.md'), 'not a cable');
writeFileSync(join(dir, '06MOSCOW1323.txt'), 'C O N F I D E N T I A L MOSCOW 001323 \n\nBURNS\n');
writeFileSync(join(dir, 'empty.txt'), '');

async function readAll(paths: string[], format: Parameters<typeof readCables>[1] = 'auto') {
  const items: ReadItem[] = [];
  for await (const item of readCables(paths, format)) items.push(item);
  return items.map((item) =>
    item.cable ? `${item.cable.source?.format} ${item.cable.publishedRefId}` : `error ${item.error.where}`,
  );
}

test('files and folder trees are read in the order given, folders sorted, problems in place', async () => {
  const items = await readAll([
    join(dir, 'cables.csv'),
    join(dir, 'missing.csv'),
    join(dir, 'tree'),
    join(dir, '06MOSCOW1323.txt'),
    join(dir, 'empty.txt'),
  ]);
  assert.deepEqual(items, [
    'csv 00HARARE5461',
    `error ${join(dir, 'cables.csv')}:2`,
    'csv 00HARARE5463',
    `error ${join(dir, 'missing.csv')}`,
    'html 06PARIS2069',
    'html 06PARIS7000',
    'text 06MOSCOW1323',
    `error ${join(dir, 'empty.txt')}`,
  ]);
});

test('a forced format applies to every file; in a folder only its files are taken', async () => {
  assert.deepEqual(await readAll([join(dir, 'tree')], 'html'), ['html 06PARIS2069', 'html 06PARIS7000']);
  assert.deepEqual(await readAll([dir], 'csv'), [
    'csv 00HARARE5461',
    `error ${join(dir, 'cables.csv')}:2`,
    'csv 00HARARE5463',
  ]);
  const forced = await readAll([join(dir, '06MOSCOW1323.txt')], 'jsonl');
  assert.deepEqual(forced, [
    `error ${join(dir, '06MOSCOW1323.txt')}:1`,
    `error ${join(dir, '06MOSCOW1323.txt')}:3`,
  ]);
});
