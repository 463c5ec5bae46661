import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseTags } from './tags.ts';

const corpus = process.env['CABLEDESK_CORPUS'];

test('label spellings and separators', () => {
  assert.deepEqual(parseTags('TAGS: PREL, KWBG, RS\nSUBJECT: X'), ['PREL', 'KWBG', 'RS']);
  assert.deepEqual(parseTags('TAGS PGOV, PINS, ZI, MDC, ZANU-PF \n\nSUBJECT:  X'), [
    'PGOV',
    'PINS',
    'ZI',
    'MDC',
    'ZANU-PF',
  ]);
  assert.deepEqual(parseTags('tAgs: something, \nhere'), ['SOMETHING', 'HERE']);
  assert.deepEqual(parseTags('TAGS: PREL ECON EFIN ELAB PGOV FR'), [
    'PREL',
    'ECON',
    'EFIN',
    'ELAB',
    'PGOV',
    'FR',
  ]);
  assert.deepEqual(parseTags('E.O. 12958: N/A \nTAS: ECON, ETRD, IS, JO \nSUBJECT: X'), [
    'ECON',
    'ETRD',
    'IS',
    'JO',
  ]);
  assert.deepEqual(parseTags('E.O. 12958: N/A \nTAGS, ASEC, APER, AMGT, PE \nSUBJECT: X'), [
    'ASEC',
    'APER',
    'AMGT',
    'PE',
  ]);
  assert.deepEqual(parseTags('E.O. 12958:  DECL: 03/20/2019 TAG PTER, PGOV, SW \n\nSUBJECT: X'), [
    'PTER',
    'PGOV',
    'SW',
  ]);
  assert.deepEqual(parseTags('1. (C) No tags here.'), []);
});

test('wrapped lists, duplicates, caveats', () => {
  assert.deepEqual(
    parseTags('TAGS: OVIP BIDEN JOSEPH PREL ECON PGOV SOCI UK PK\nAF\nSUBJECT: VICE PRESIDENT'),
    ['OVIP', 'BIDEN, JOSEPH', 'PREL', 'ECON', 'PGOV', 'SOCI', 'UK', 'PK', 'AF'],
  );
  assert.deepEqual(parseTags('TAGS: ECON ETRD PGOV CA MX SIPDIS\nSUBJECT: X'), [
    'ECON',
    'ETRD',
    'PGOV',
    'CA',
    'MX',
  ]);
  assert.deepEqual(parseTags('TAGS PHUM, OPRC, OPRC, IT, ITPHUM, ITPHUM, HUMAN RIGHTS\nSUBJECT: X'), [
    'PHUM',
    'OPRC',
    'IT',
    'HUMAN RIGHTS',
  ]);
  // A section header repeated right under the list is not part of it.
  assert.deepEqual(parseTags('TAGS: PGOV, MX\nC O N F I D E N T I A L SECTION 01 OF 02 MEXICO 002409\n'), [
    'PGOV',
    'MX',
  ]);
  // The subject line under a list without a SUBJECT label is prose, not tags.
  assert.deepEqual(
    parseTags("TAGS: TBIO KFLU EG\nEGYPT'S 54TH BIRD FLU VICTIM, 1ST FROM SUEZ GOVERNORATE\n"),
    ['TBIO', 'KFLU', 'EG'],
  );
});

test('multi-word tags and names stay one tag', () => {
  assert.deepEqual(parseTags('TAGS PGOV, PREL, KWBG, IR, IS, COUNTERTERRORISM, GOI EXTERNAL '), [
    'PGOV',
    'PREL',
    'KWBG',
    'IR',
    'IS',
    'COUNTERTERRORISM',
    'GOI EXTERNAL',
  ]);
  assert.deepEqual(parseTags('TAGS: IS ISRAELI PALESTINIAN AFFAIRS GOI EXTERNAL'), [
    'IS',
    'ISRAELI PALESTINIAN AFFAIRS',
    'GOI EXTERNAL',
  ]);
  assert.deepEqual(parseTags('Tags: ovip (steinberg, james b.), prel, ch\nSubject: x'), [
    'OVIP',
    'STEINBERG, JAMES B.',
    'PREL',
    'CH',
  ]);
  assert.deepEqual(parseTags('TAGS: PREL, UNGA/C-6\nSUBJECT: X'), ['PREL', 'UNGA/C-6']);
});

test('codes written without separators are split only when every piece is a code', () => {
  assert.deepEqual(parseTags('TAGS: KCRM KWMN ASEC PHUMBA\nSUBJECT: X'), [
    'KCRM',
    'KWMN',
    'ASEC',
    'PHUM',
    'BA',
  ]);
  assert.deepEqual(parseTags('TAGS: ETRDEINVECINPGOVCS\nSUBJECT: X'), ['ETRD', 'EINV', 'ECIN', 'PGOV', 'CS']);
  assert.deepEqual(parseTags('TAGS: ECON ETRD PM ECONOMIC AFFAIRS\nSUBJECT: X'), [
    'ECON',
    'ETRD',
    'PM',
    'ECONOMIC AFFAIRS',
  ]);
});

test('cablemap tags tables', {
  skip: !corpus && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder',
}, (t) => {
  const cases = [
    ...JSON.parse(readFileSync(`${corpus}/expected/cablemap/tags.json`, 'utf8')).cases,
    ...JSON.parse(readFileSync(`${corpus}/expected/cablemap/tags_no_c14n.json`, 'utf8')).cases,
  ];
  const wrong = cases.filter(
    (c: { input: string; expected: string[] }) =>
      JSON.stringify(parseTags(c.input)) !== JSON.stringify(c.expected),
  );
  for (const c of wrong)
    t.diagnostic(`differs: ${JSON.stringify(c.input).slice(0, 100)} -> ${c.expected.join('|')}`);
  // Differences left: cablemap corrects typos from a table (MOPPS -> MOPS, UNDESCO -> UNESCO).
  assert.ok(wrong.length <= 5, `${wrong.length} of ${cases.length} differ`);
});
