import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readJsonl } from './jsonl.ts';
import type { ReadItem } from './read-item.ts';

async function readAll(chunks: string[], path?: string): Promise<ReadItem[]> {
  async function* source() {
    yield* chunks;
  }
  const items: ReadItem[] = [];
  for await (const item of readJsonl(source(), path)) items.push(item);
  return items;
}

const LINES = [
  JSON.stringify({
    refId: '06MOSCOW1323',
    created: '2006-02-10 15:26',
    released: '2011-08-30T01:44:00Z',
    classification: 'CONFIDENTIAL',
    origin: 'Embassy Moscow',
    header: 'FM AMEMBASSY MOSCOW',
    body: 'C O N F I D E N T I A L MOSCOW 001323 \n\nBURNS\n',
  }),
  '',
  '{"body": "broken',
  '{"refId": "06MOSCOW1324"}',
  JSON.stringify({ header: 'O 101526Z FEB 06', body: 'UNCLAS MOSCOW 001400 \n' }),
].join('\n');

test('one cable per line, bad lines reported with their line number, in any chunking', async () => {
  for (const cut of [0, 5, 100, 230, LINES.length - 3]) {
    const items = await readAll([LINES.slice(0, cut), LINES.slice(cut)], 'in.jsonl');
    const cables = items.flatMap((i) => (i.cable ? [i.cable] : []));
    const errors = items.flatMap((i) => (i.error ? [i.error] : []));
    assert.deepEqual(
      cables.map((c) => [c.publishedRefId, c.source?.line]),
      [
        ['06MOSCOW1323', 1],
        ['06MOSCOW1400', 5],
      ],
    );
    assert.equal(cables[0]!.created, '2006-02-10T15:26:00Z');
    assert.equal(cables[0]!.released, '2011-08-30T01:44:00Z');
    assert.equal(cables[0]!.header, 'FM AMEMBASSY MOSCOW');
    assert.equal(cables[0]!.body, 'C O N F I D E N T I A L MOSCOW 001323 \n\nBURNS\n');
    assert.equal(cables[1]!.header, 'O 101526Z FEB 06');
    assert.deepEqual(
      errors.map((e) => e.where),
      ['in.jsonl:3', 'in.jsonl:4'],
    );
    assert.match(errors[0]!.message, /not valid JSON/);
    assert.match(errors[1]!.message, /"body" is missing/);
  }
});

test('wrong types are reported, not guessed', async () => {
  const items = await readAll([
    '[1,2]\n{"body": 3}\n{"body": "x", "created": "soon"}\n{"body":"x","origin":7}',
  ]);
  assert.deepEqual(
    items.map((i) => i.error?.message),
    [
      'not a JSON object',
      '"body" is missing or not a string',
      '"created" is not a date: "soon"',
      '"origin" is not a string',
    ],
  );
  assert.deepEqual(
    items.map((i) => i.error?.where),
    ['stdin:1', 'stdin:2', 'stdin:3', 'stdin:4'],
  );
});

test('a cable record (parse output, an export line) is read from its raw header and body', async () => {
  const record = {
    refId: '06MOSCOW1323',
    publishedRefId: '06MOSCOW1323',
    created: '2006-02-10T15:26:00Z',
    released: '2011-08-30T01:44:00Z',
    classification: 'CONFIDENTIAL',
    origin: 'Embassy Moscow',
    partial: false,
    header: { transmissionId: null, to: [] },
    raw: { header: 'FM AMEMBASSY MOSCOW\n', body: 'C O N F I D E N T I A L MOSCOW 001323 \n' },
    versions: [],
  };
  const [item] = await readAll([JSON.stringify(record)], 'cables.jsonl');
  assert.equal(item!.error, undefined);
  assert.equal(item!.cable!.header, 'FM AMEMBASSY MOSCOW\n');
  assert.equal(item!.cable!.body, 'C O N F I D E N T I A L MOSCOW 001323 \n');
  assert.equal(item!.cable!.released, '2011-08-30T01:44:00Z');
  assert.equal(item!.cable!.classification, 'CONFIDENTIAL');
});
