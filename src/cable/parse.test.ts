/**
 * Whole-record test of parseCable on the seed cable 06MOSCOW1323 (sample/cables/06MOSCOW1323.txt,
 * the text of the blog page the project started from) against the values spec/cable-record.md
 * gives for it and what its text shows. Where the seed text lacks a part of the full cable (it has
 * no SUBJECT, TAGS, summary or signature), the record must say so (null / []), never invent it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCableFile } from '../sources/cable-file.ts';
import { sampleCablesDir } from '../sources/sample.ts';
import { parseCable } from './parse.ts';

const fileText = readFileSync(join(sampleCablesDir, '06MOSCOW1323.txt'), 'utf8');
const { cable } = readCableFile(fileText);
const record = parseCable(cable);
const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

test('seed 06MOSCOW1323: identity, dates, classification, origin', () => {
  assert.equal(record.refId, '06MOSCOW1323');
  assert.equal(record.publishedRefId, '06MOSCOW1323');
  assert.equal(record.created, '2006-02-10T15:26:00Z');
  assert.equal(record.released, '2011-08-30T01:44:00Z');
  assert.equal(record.classification, 'CONFIDENTIAL');
  assert.equal(record.origin, 'Embassy Moscow');
  assert.equal(record.partial, false);
});

test('seed 06MOSCOW1323: routing header from the DE and precedence lines', () => {
  assert.equal(record.header.dtg, '101526Z FEB 06');
  assert.equal(record.header.station, 'RUEHMO');
  assert.equal(record.header.serial, 1323);
  assert.equal(record.header.precedence, 'IMMEDIATE');
  // The seed's header has no VZCZC line, no FM/TO/INFO lines.
  assert.equal(record.header.transmissionId, null);
  assert.deepEqual(record.header.to, []);
  assert.deepEqual(record.header.info, []);
});

test('seed 06MOSCOW1323: classified by, reasons, E.O., declassification', () => {
  assert.deepEqual(record.classifiedBy, { text: 'Ambassador William J. Burns', name: 'William J. Burns' });
  assert.deepEqual(record.reasons, ['1.4(b)', '1.4(d)']);
  assert.equal(record.executiveOrder, '12958');
  assert.equal(record.declassifyOn, '2016-02-10');
  assert.equal(record.sections, 2);
});

test('seed 06MOSCOW1323: parts the seed text does not have are empty, not invented', () => {
  assert.equal(record.subject, null);
  assert.deepEqual(record.tags, []);
  assert.deepEqual(record.references, []);
  assert.equal(record.summary, null);
  // The spec's full cable is signed BURNS, but the seed text ends with the MFA statement.
  assert.deepEqual(record.signers, []);
});

test('seed 06MOSCOW1323: seven numbered paragraphs marked C', () => {
  const numbered = record.paragraphs.filter((p) => p.number !== null);
  assert.deepEqual(
    numbered.map((p) => p.number),
    [1, 2, 3, 4, 5, 6, 7],
  );
  for (const p of numbered) assert.equal(p.marking, 'C', `paragraph ${p.number} marking`);
  const first = numbered[0]!;
  assert.ok(
    norm(first.text).startsWith(
      'On February 10 Ambassador Burns called on DFM Saltanov seeking clarification',
    ),
    `paragraph 1 starts without its number and marking: ${first.text.slice(0, 80)}`,
  );
  const seventh = numbered[6]!;
  assert.ok(norm(seventh.text).endsWith('considerable interest in the Russian business community.'));
  assert.ok(!seventh.text.includes('MFA Statement'), 'the heading after paragraph 7 is its own block');
});

test('seed 06MOSCOW1323: the MFA statement heading is an unnumbered block', () => {
  const heading = record.paragraphs.find((p) => norm(p.text) === 'MFA Statement on Hamas Invitation');
  assert.ok(heading, 'a paragraph with the text "MFA Statement on Hamas Invitation"');
  assert.equal(heading.number, null);
  assert.equal(heading.marking, null);
  const at = record.paragraphs.indexOf(heading);
  assert.equal(record.paragraphs[at - 1]?.number, 7, 'the heading follows paragraph 7');
  assert.ok(
    record.paragraphs.slice(at + 1).every((p) => p.number === null),
    'the statement after the heading is unnumbered',
  );
});

test('seed 06MOSCOW1323: page break removed and the broken sentence rejoined', () => {
  for (const p of record.paragraphs) {
    assert.ok(!/MOSCOW 0+1323 +002 OF 002/.test(p.text), `page-break line left in: ${p.text.slice(0, 80)}`);
    assert.ok(!/SECTION 0?1 OF 0?2/.test(p.text), `section line left in: ${p.text.slice(0, 80)}`);
  }
  const all = record.paragraphs.map((p) => p.text).join('\n');
  assert.ok(all.includes('to hold open the possibility for further progress'), '"the possibility" rejoined');
  // The statement before the page break continues after it: "...Kamynin said:" then the quote.
  assert.ok(all.includes('Russian MFA Spokesman Kamynin said'));
  assert.ok(norm(all).endsWith('co-existing in peace and security with Israel."'));
});

test('seed 06MOSCOW1323: raw header and body are the file text byte for byte', () => {
  assert.equal(record.raw.header, 'DE RUEHMO #1323/01 0411526\nO 101526Z FEB 06\n');
  assert.ok(record.raw.body.startsWith('C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 001323 \n'));
  assert.ok(record.raw.body.endsWith('co-existing in \npeace and security with Israel." '));
  assert.ok(fileText.endsWith(`<<<HEADER>>>\n${record.raw.header}\n<<<BODY>>>\n${record.raw.body}`));
  assert.equal(record.bodyClassification, 'CONFIDENTIAL');
});
