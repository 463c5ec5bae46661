/**
 * The generator end to end on the bundled sample: same seed, same bytes; the file reads back
 * through the csv reader and the parser with the requested count, unique ids, subjects, TAGS,
 * paragraphs and references, years spread as the release's, classifications in their shares.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { hasPageBreak } from '../cable/page-breaks.ts';
import { parseCable } from '../cable/parse.ts';
import type { CableRecord } from '../cable/record.ts';
import { readCables } from '../sources/index.ts';
import { yearPlan } from './distributions.ts';
import { generateCorpus } from './generate.ts';

const COUNT = 3000;
const dir = mkdtempSync(join(tmpdir(), 'cabledesk-generate-'));
const records: CableRecord[] = [];
let readErrors = 0;

before(async () => {
  await generateCorpus({ count: COUNT, out: join(dir, 'a.csv'), seed: 'test' });
  for await (const item of readCables([join(dir, 'a.csv')], 'csv')) {
    if (item.cable) records.push(parseCable(item.cable));
    else readErrors++;
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

const share = (pass: (record: CableRecord) => boolean, of: CableRecord[] = records): number =>
  of.filter(pass).length / Math.max(1, of.length);

test('the same seed gives the same bytes, another seed other bytes', async () => {
  await generateCorpus({ count: 300, out: join(dir, 'x.csv'), seed: 's1' });
  await generateCorpus({ count: 300, out: join(dir, 'y.csv'), seed: 's1' });
  await generateCorpus({ count: 300, out: join(dir, 'z.csv'), seed: 's2' });
  const x = readFileSync(join(dir, 'x.csv'));
  assert.ok(x.equals(readFileSync(join(dir, 'y.csv'))));
  assert.ok(!x.equals(readFileSync(join(dir, 'z.csv'))));
});

test('the file reads back as the requested number of cables with unique ids', () => {
  assert.equal(readErrors, 0);
  assert.equal(records.length, COUNT);
  assert.equal(new Set(records.map((r) => r.refId)).size, COUNT);
  for (const record of records.slice(0, 200)) assert.match(record.refId, /^\d\d[A-Z]+\d+$/);
});

test('subject, TAGS, paragraphs, header fields and dates parse for the vast majority', () => {
  assert.ok(share((r) => r.subject !== null) > 0.95, 'subject');
  assert.ok(share((r) => r.tags.length > 0) > 0.95, 'tags');
  assert.ok(share((r) => r.paragraphs.some((p) => p.number !== null)) > 0.95, 'numbered paragraphs');
  assert.ok(share((r) => r.header.from !== null) > 0.95, 'FM line');
  assert.ok(share((r) => r.header.dtg !== null && r.created !== null) > 0.95, 'date-time group');
  assert.ok(share((r) => r.warnings.length === 0) > 0.9, 'no warnings');
});

test('the header agrees with the id: DE station serial and date-time group', () => {
  const withDe = records.filter((r) => r.header.serial !== null);
  assert.ok(withDe.length > COUNT * 0.5);
  for (const record of withDe) {
    const serial = Number(/\d+$/.exec(record.refId)![0]);
    assert.equal(record.header.serial, serial % 10000, record.refId);
  }
  for (const record of records)
    assert.equal(record.created?.slice(2, 4), record.refId.slice(0, 2), record.refId);
});

test('long cables have sections with page-break lines that the parser takes out', () => {
  const long = records.filter((r) =>
    /^SECTION 01 OF 0[2-9] /m.test(r.raw.body.slice(0, 200).replace(/^.*?(?=SECTION)/, '')),
  );
  assert.ok(long.length > COUNT * 0.1, `multi-section cables: ${long.length}`);
  assert.ok(share((r) => (r.sections ?? 0) > 1, long) > 0.95, 'section count parsed');
  assert.ok(
    share((r) => !r.paragraphs.some((p) => hasPageBreak(p.text)), long) > 0.95,
    'no page-break mark left',
  );
});

test('REF lists parse, and cite ids of the set and ids outside it', () => {
  const ids = new Set(records.map((r) => r.refId));
  const withList = records.filter((r) => /^REF: /m.test(r.raw.body.slice(0, 4000)));
  assert.ok(
    withList.length > COUNT * 0.35 && withList.length < COUNT * 0.6,
    `cables with a REF list: ${withList.length}`,
  );
  assert.ok(share((r) => r.references.length > 0, withList) > 0.9, 'references parsed');
  const cited = withList
    .flatMap((r) => r.references.map((ref) => ref.refId))
    .filter((id): id is string => id !== null);
  const inside = cited.filter((id) => ids.has(id)).length / cited.length;
  assert.ok(inside > 0.55 && inside < 0.9, `share of cited ids in the set: ${inside}`);
});

test('years follow the release, classifications its shares', () => {
  const years = new Map<number, number>();
  for (const record of records) {
    const year = Number(record.created!.slice(0, 4));
    years.set(year, (years.get(year) ?? 0) + 1);
  }
  for (const [year, expected] of yearPlan(COUNT)) assert.equal(years.get(year), expected, String(year));
  const secret = share((r) => r.classification.startsWith('SECRET'));
  const unclassified = share((r) => r.classification.startsWith('UNCLASSIFIED'));
  assert.ok(Math.abs(secret - 15_652 / 251_287) < 0.02, `secret ${secret}`);
  assert.ok(Math.abs(unclassified - 133_887 / 251_287) < 0.03, `unclassified ${unclassified}`);
});

test('word frequencies are Zipf-like: a few words in most cables, many words in few', () => {
  const documents = new Map<string, number>();
  for (const record of records.slice(0, 1000)) {
    const words = new Set(
      record.paragraphs
        .map((p) => p.text)
        .join(' ')
        .toLowerCase()
        .match(/[a-z]{3,}/g) ?? [],
    );
    for (const word of words) documents.set(word, (documents.get(word) ?? 0) + 1);
  }
  const counts = [...documents.values()];
  assert.ok(counts.filter((n) => n > 500).length >= 10, 'common words');
  assert.ok(counts.filter((n) => n <= 100).length > counts.length * 0.7, 'rare words');
});
