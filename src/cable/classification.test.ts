import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseClassificationLine } from './classification.ts';

test('spaced-out classification, caveats in order, sections', () => {
  const body = `Thursday, 31 August 2006, 06:39
C O N F I D E N T I A L SECTION 01 OF 05 MOSCOW 009533 
SIPDIS 
SIPDIS 
EO 12958 DECL: 08/30/2016 
TAGS PGOV, ECON, PINR, RS 
SUBJECT: A CAUCASUS WEDDING 
`;
  assert.deepEqual(parseClassificationLine(body), {
    classification: 'CONFIDENTIAL',
    caveats: ['SIPDIS'],
    sections: 5,
  });
});

test('levels are normalised', () => {
  const level = (text: string) => parseClassificationLine(text).classification;
  assert.equal(level('S E C R E T STATE 134490 \n \nSIPDIS \n'), 'SECRET');
  assert.equal(level('UNCLAS BRASILIA 002619 \n'), 'UNCLASSIFIED');
  assert.equal(level('CONFIDENTIAL\n'), 'CONFIDENTIAL');
  assert.equal(level('C o n f i d e n t i a l section 01 of 04 ankara 000348\n'), 'CONFIDENTIAL');
  assert.equal(
    level('Cable dated:2005-11-29T14:19:00C O N F I D E N T I A L CAIRO 008938SIPDIS'),
    'CONFIDENTIAL',
  );
  assert.equal(level('NCLAS SECTION 01 OF 02 BRASILIA 001017 \n'), 'UNCLASSIFIED');
  assert.equal(level('TOP SECRET\n'), 'TOP SECRET');
  assert.equal(level('SUBJECT: nothing classified\n'), null);
});

test('caveats: NOFORN, FOUO, SBU, REL TO', () => {
  assert.deepEqual(parseClassificationLine('SECRET NOFORN STATE 000123\nSIPDIS\nSUBJECT: X\n').caveats, [
    'NOFORN',
    'SIPDIS',
  ]);
  const fouo = parseClassificationLine('UNCLASSIFIED//FOR OFFICIAL USE ONLY\n\nSIPDIS\n');
  assert.equal(fouo.classification, 'UNCLASSIFIED');
  assert.deepEqual(fouo.caveats, ['FOUO', 'SIPDIS']);
  const sbu = parseClassificationLine('UNCLAS CAIRO 000258 \n \nSENSITIVE \n \nSIPDIS \n');
  assert.deepEqual(sbu.caveats, ['SBU', 'SIPDIS']);
  assert.deepEqual(parseClassificationLine('SENSITIVE BUT UNCLASSIFIED\n').caveats, ['SBU']);
  const rel = parseClassificationLine('S E C R E T KABUL 000001 \n\nNOFORN REL TO USA, AUS, GBR\n');
  assert.deepEqual(rel.caveats, ['NOFORN', 'REL TO USA, AUS, GBR']);
});

test('caveats after the SUBJECT line are not preamble', () => {
  const line = parseClassificationLine('CONFIDENTIAL\nSUBJECT: X\n1. NODIS in text\n');
  assert.deepEqual(line.caveats, []);
  assert.equal(line.sections, null);
});

test('SENSITIVE before SIPDIS is SBU, SENSITIVE in prose is not', () => {
  assert.deepEqual(parseClassificationLine('UNCLAS CAIRO 000210\n\nSENSITIVE, SIPDIS\n').caveats, [
    'SBU',
    'SIPDIS',
  ]);
  assert.deepEqual(parseClassificationLine('UNCLAS X 000210\nSIPDIS SENSITIVE POSTS FOR FRAUD\n').caveats, [
    'SIPDIS',
  ]);
});
