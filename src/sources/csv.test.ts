import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCableFile } from './cable-file.ts';
import { CsvCableScanner, readCsv, unescapeCsvField } from './csv.ts';
import { fileBytes } from './input.ts';
import type { ReadItem } from './read-item.ts';

const corpus = process.env['CABLEDESK_CORPUS'];

// Two rows in the dump's layout (real snippets): escaped quotes, an escaped backslash before a
// newline (a published line continuation), newlines inside fields, a non-ASCII apostrophe.
const ROWS = [
  '"1","09/27/2000 14:02","00HARARE5461","Embassy Harare","CONFIDENTIAL","","FM AMEMBASSY HARARE',
  'TO SECSTATE WASHDC IMMEDIATE 7212","C O N F I D E N T I A L SECTION 01 OF 02 HARARE 005461 ',
  '',
  'SUBJECT:  ZANU-PF REPORTEDLY INTERESTED IN DEAL WITH MDC ',
  'THAT INVOLVES MUGABE’S DEPARTURE',
  '',
  'FINANCE A \\"RETIREMENT PACKAGE\\" FOR THE PRESIDENT.\\\\',
  'END SUMMARY."',
  '"2","02/10/2006 15:26","06MOSCOW1323","Embassy Moscow","CONFIDENTIAL","","","C O N F I D E N T I A L MOSCOW 001323 ',
  '',
  'BURNS"',
  '',
].join('\n');

function scanInPieces(text: string, cuts: number[]): ReadItem[] {
  const bytes = Buffer.from(text);
  const scanner = new CsvCableScanner('cables.csv');
  const items: ReadItem[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    items.push(...scanner.push(bytes.subarray(from, cut)));
    from = cut;
  }
  items.push(...scanner.finish());
  return items;
}

function cables(items: ReadItem[]) {
  return items.flatMap((item) => (item.cable ? [item.cable] : []));
}

function errors(items: ReadItem[]) {
  return items.flatMap((item) => (item.error ? [item.error] : []));
}

test('reads the columns, unescapes \\" and \\\\ and keeps newlines inside fields', () => {
  const items = scanInPieces(ROWS, []);
  assert.deepEqual(errors(items), []);
  const [harare, moscow] = cables(items);
  assert.equal(harare!.publishedRefId, '00HARARE5461');
  assert.equal(harare!.created, '2000-09-27T14:02:00Z');
  assert.equal(harare!.origin, 'Embassy Harare');
  assert.equal(harare!.classification, 'CONFIDENTIAL');
  assert.equal(harare!.released, null);
  assert.equal(harare!.header, 'FM AMEMBASSY HARARE\nTO SECSTATE WASHDC IMMEDIATE 7212');
  assert.ok(harare!.body.includes('MUGABE’S DEPARTURE'));
  assert.ok(harare!.body.endsWith('FINANCE A "RETIREMENT PACKAGE" FOR THE PRESIDENT.\\\nEND SUMMARY.'));
  assert.deepEqual(harare!.source, { format: 'csv', path: 'cables.csv', line: 1 });
  assert.equal(moscow!.publishedRefId, '06MOSCOW1323');
  assert.equal(moscow!.header, '');
  assert.equal(moscow!.body, 'C O N F I D E N T I A L MOSCOW 001323 \n\nBURNS');
  assert.equal(moscow!.source?.line, 9);
});

test('a row split across chunks at any byte (even inside a multi-byte character) reads the same', () => {
  const whole = JSON.stringify(scanInPieces(ROWS, []));
  const length = Buffer.byteLength(ROWS);
  for (let cut = 1; cut < length; cut++) {
    assert.equal(JSON.stringify(scanInPieces(ROWS, [cut])), whole, `cut at byte ${cut}`);
  }
  const everyByte = Array.from({ length: length - 1 }, (_, i) => i + 1);
  assert.equal(JSON.stringify(scanInPieces(ROWS, everyByte)), whole);
});

test('a row far larger than a chunk is read whole', () => {
  const body = 'PARAGRAPH \\"QUOTED\\" TEXT ¶\n'.repeat(100_000);
  const text = `"1","09/27/2000 14:02","00HARARE5461","E","C","","h","${body}"\n"2","09/28/2000 14:02","00HARARE5462","E","C","","h","b"\n`;
  const length = Buffer.byteLength(text);
  const cuts = Array.from({ length: Math.floor(length / 65_536) }, (_, i) => (i + 1) * 65_536);
  const items = scanInPieces(text, cuts);
  assert.deepEqual(errors(items), []);
  const [big, next] = cables(items);
  assert.equal(big!.body, body.replaceAll('\\"', '"'));
  assert.equal(next!.source?.line, 100_002);
});

test('other backslashes are text; escapes are undone in one pass', () => {
  assert.equal(unescapeCsvField('a \\"b\\" c'), 'a "b" c');
  assert.equal(unescapeCsvField('line\\\\\nnext'), 'line\\\nnext');
  assert.equal(unescapeCsvField('\\\\"'), '\\"');
  assert.equal(unescapeCsvField('C:\\n \\A'), 'C:\\n \\A');
});

test('a row with a wrong column count is reported with its line and reading goes on', () => {
  const text = [
    '"1","09/27/2000 14:02","00HARARE5461","Embassy Harare","CONFIDENTIAL","","head","body"',
    '"2","02/10/2006 15:26","06MOSCOW1323","Embassy Moscow","CONFIDENTIAL","","line one',
    'line two"',
    '"3","02/11/2006 10:00","06MOSCOW1400","Embassy Moscow","SECRET","","","body 3"',
  ].join('\n');
  const items = scanInPieces(text, [100]);
  assert.deepEqual(
    cables(items).map((c) => [c.publishedRefId, c.source?.line]),
    [
      ['00HARARE5461', 1],
      ['06MOSCOW1400', 4],
    ],
  );
  assert.deepEqual(
    errors(items).map((e) => e.where),
    ['cables.csv:2'],
  );
  assert.match(errors(items)[0]!.message, /7 columns instead of 8/);
});

test('an unescaped quote or a field never closed breaks only its own row', () => {
  const text = [
    '"1","09/27/2000 14:02","00HARARE5461","Embassy Harare","CONFIDENTIAL","","","he said "no" to it"',
    '"2","02/10/2006 15:26","06MOSCOW1323","Embassy Moscow","CONFIDENTIAL","","","body 2',
    '"3","02/11/2006 10:00","06MOSCOW1400","Embassy Moscow","SECRET","","","body 3"',
    '"4","02/12/2006 10:00","06MOSCOW1500","Embassy Moscow","SECRET","","","body 4 never closed',
  ].join('\n');
  for (const cuts of [[], [7], [150, 151, 152]]) {
    const items = scanInPieces(text, cuts);
    assert.deepEqual(
      cables(items).map((c) => c.publishedRefId),
      ['06MOSCOW1400'],
    );
    assert.deepEqual(
      errors(items).map((e) => e.where),
      ['cables.csv:1', 'cables.csv:2', 'cables.csv:4'],
    );
  }
});

test('CRLF line ends, a byte order mark and blank lines between rows are accepted', () => {
  const text =
    '\ufeff"1","09/27/2000 14:02","00HARARE5461","E","C","","h","b"\r\n\r\n"2","09/28/2000 14:02","00HARARE5462","E","C","","h","b"\r\n';
  const items = scanInPieces(text, [40]);
  assert.deepEqual(errors(items), []);
  assert.deepEqual(
    cables(items).map((c) => [c.publishedRefId, c.body, c.source?.line]),
    [
      ['00HARARE5461', 'b', 1],
      ['00HARARE5462', 'b', 3],
    ],
  );
});

test('garbage before the first row is skipped up to the next row start', () => {
  const text = 'id,date,refid\n"1","09/27/2000 14:02","00HARARE5461","E","C","","h","b"\n';
  const items = scanInPieces(text, []);
  assert.equal(errors(items).length, 1);
  assert.equal(errors(items)[0]!.where, 'cables.csv:1');
  assert.deepEqual(
    cables(items).map((c) => [c.publishedRefId, c.source?.line]),
    [['00HARARE5461', 2]],
  );
});

test('corpus: every cable of cables.csv has the header and body of its cables/*.txt, byte for byte', {
  skip: !corpus && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder',
}, async (t) => {
  const dir = corpus!;
  const names = new Set(readdirSync(join(dir, 'cables')));
  const path = join(dir, 'cables.csv');
  let read = 0;
  const mismatches: string[] = [];
  const problems: string[] = [];
  for await (const item of readCsv(fileBytes(path), path)) {
    if (item.error) {
      problems.push(`${item.error.where}: ${item.error.message}`);
      continue;
    }
    read++;
    const cable = item.cable;
    const name = `${cable.publishedRefId}.txt`;
    if (!names.has(name)) {
      mismatches.push(`${cable.publishedRefId}: no cables/${name}`);
      continue;
    }
    const reference = readCableFile(readFileSync(join(dir, 'cables', name), 'utf8')).cable;
    if (reference.header !== cable.header) mismatches.push(`${cable.publishedRefId}: header differs`);
    if (reference.body !== cable.body) mismatches.push(`${cable.publishedRefId}: body differs`);
    if (reference.classification !== cable.classification || reference.origin !== cable.origin) {
      mismatches.push(`${cable.publishedRefId}: classification or origin differs`);
    }
  }
  t.diagnostic(`cables.csv: ${read} cables read, ${read - mismatches.length} identical to cables/*.txt`);
  assert.deepEqual(problems, []);
  assert.deepEqual(mismatches, []);
  assert.equal(read, names.size);
});
