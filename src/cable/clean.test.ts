import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cleanBody } from './clean.ts';

test('modern page-break line removed, preamble kept', () => {
  const body =
    'C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 001323 \nE.O. 12958: DECL: 02/10/2016 \nClassified By: Ambassador William J. Burns.  Reasons: 1.4(B/D). \n7. (C)  Saltanov said. \nMFA Statement on Hamas Invitation \nMOSCOW 00001323  002 OF 002 \nIn response to a press correspondent\n';
  const out = cleanBody(body);
  assert.ok(!out.includes('00001323'));
  assert.ok(out.startsWith('C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 001323'));
  assert.ok(out.includes('E.O. 12958: DECL: 02/10/2016'));
  assert.ok(out.includes('MFA Statement on Hamas Invitation \nIn response'));
});

test('old PAGE line glued into a paragraph: sentence rejoined, foot classification dropped', () => {
  const body =
    '¶2. (C) AT THE SAME TIME, THEY REALIZE  CONFIDENTIAL\nPAGE 03 HARARE 05461 01 OF 02 271458Z THAT THE MDC IS GAINING STRENGTH.\n';
  assert.equal(cleanBody(body), '¶2. (C) AT THE SAME TIME, THEY REALIZE THAT THE MDC IS GAINING STRENGTH.\n');
});

test('repeated section header of old cables removed', () => {
  const body = [
    'C O N F I D E N T I A L SECTION 01 OF 02 HARARE 005461 ',
    'TAGS PGOV, PINS',
    '¶5. (C) HE INSISTED THAT HE HAD CREDIBILITY WITH BOTH MAJOR',
    ' CONFIDENTIAL',
    ' CONFIDENTIAL PTQ2532',
    'PAGE 01 HARARE 05461 02 OF 02 271459Z ACTION AF-00',
    'INFO LOG-00 NP-00 /006W  ------------------8A8E22 271459Z /38 O 271459Z SEP 00 FM AMEMBASSY HARARE TO SECSTATE WASHDC',
    'C O N F I D E N T I A L SECTION 02 OF 02 HARARE 005461',
    'SIPDIS',
    'XXXXXXXXXXXX',
    'E.O. 12958: DECL: 09/21/10 TAGS: PGOV PINS ZI MDC ZANU PF',
    'POLITICAL PARTIES.',
    'MCDONALD',
  ].join('\n');
  const out = cleanBody(body);
  assert.ok(out.includes('BOTH MAJOR\nPOLITICAL PARTIES.'), out);
  assert.ok(!/PTQ|PAGE 01|SECTION 02|ACTION AF|XXXXXXXXXXXX/.test(out), out);
  assert.ok(out.includes('TAGS PGOV, PINS'));
});

test('inline modern page break inside a reflowed line', () => {
  const out = cleanBody(
    'UNCLAS SECTION 01 OF 03 BRASILIA 001185\nlater placing BRASILIA 00001185 002 OF 003 two more conditions upon the bid.\n',
  );
  assert.ok(out.includes('later placing two more conditions upon the bid.'), out);
});

test('SIPDIS lines and mid-sentence SIPDIS words removed', () => {
  const out = cleanBody(
    '1. (C) DCM \n\nSIPDIS\nthe EU-AU SIPDIS summit. Please use the caption SIPDIS in replies.\n',
  );
  assert.ok(!out.includes('\nSIPDIS\n'));
  assert.ok(out.includes('the EU-AU summit.'));
  assert.ok(out.includes('caption SIPDIS'));
});

const dir = process.env['CABLEDESK_CORPUS'];

test('cablemap clean_content: SIPDIS case', {
  skip: !dir && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder',
}, () => {
  const table = JSON.parse(readFileSync(`${dir}/expected/cablemap/clean_content.json`, 'utf8'));
  const sipdis = table.cases.find((c: { name: string }) => c.name === 'sipdis.txt');
  // cablemap also strips paragraph numbers; we keep them (the paragraph parser reads them).
  assert.equal(
    cleanBody(sipdis.input)
      .replace(/^1\. \(C\) /, '')
      .replace(/\n\n/g, '\n'),
    sipdis.expected,
  );
});

test('dump-row record before the cable: only the cable is kept', () => {
  const body =
    'id: 35687\ndate: 6/30/2005 22:35\nrefid: 05BOGOTA6237\nheader:\nThis record is a partial extract.\n\n----------------- header ends ----------------\n\nS E C R E T SECTION 01 OF 02 BOGOTA 006237 \nTAGS: PTER\n';
  assert.equal(cleanBody(body), 'S E C R E T SECTION 01 OF 02 BOGOTA 006237 \nTAGS: PTER\n');
});

test('truncated preview followed by the whole cable: first preamble, second text', () => {
  const body = [
    'C O N F I D E N T I A L MOSCOW 002981 ',
    'SUBJECT: SMALL BUSINESSES REPORT SOME EASING IN CORRUPTION ',
    '',
    'Classified By: DCM Daniel A. Russell for Reasons 1.4 B and D. ',
    '',
    '¶1. (C) Su...',
    '',
    'C O N F I D E N T I A L MOSCOW 002981 E.O. 12958: DECL: 06/13/2017 TAGS: ECON PREL RS',
    '¶1. (C) Summary. Corruption is arguably pressing.',
  ].join('\n');
  const out = cleanBody(body);
  assert.ok(out.includes('SUBJECT: SMALL BUSINESSES'));
  assert.ok(!out.includes('Su...'));
  assert.equal(out.split('C O N F I D E N T I A L').length, 2);
  assert.ok(out.endsWith('¶1. (C) Summary. Corruption is arguably pressing.'));
});

test('Unicode line separators become line breaks', () => {
  assert.equal(cleanBody('1. (U) Summary.\u2028The death'), '1. (U) Summary.\nThe death');
});

test('page-break mark with an untruncated station name is removed whole', () => {
  assert.equal(
    cleanBody('UNCLAS USUN NEW YORK 000123\ntext goes\nUSUN NEW YORK 00000123  002 OF 003\non here.\n'),
    'UNCLAS USUN NEW YORK 000123\ntext goes\non here.\n',
  );
});
