import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCableText, refIdFromFileName, refIdFromText, splitHeader } from './text.ts';

// Real text of 06MOSCOW1323 (shortened).
const HEADER = `VZCZCXRO9862
OO RUEHDBU
DE RUEHMO #1323/01 0411526
ZNY CCCCC ZZH
O 101526Z FEB 06
FM AMEMBASSY MOSCOW
TO RUEHC/SECSTATE WASHDC IMMEDIATE 4936
INFO RUCNCIS/CIS COLLECTIVE`;
const BODY = `C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 001323 

SIPDIS 

E.O. 12958: DECL: 02/10/2016 
TAGS: PREL, KWBG, RS 
SUBJECT: RUSSIA AND HAMAS 

MOSCOW 00001323  002 OF 002 

BURNS
`;

test('a routing header block at the top is split off at the classification line', () => {
  assert.deepEqual(splitHeader(`${HEADER}\n${BODY}`), { header: HEADER, body: BODY });
});

test('a text without a routing header is all body', () => {
  assert.deepEqual(splitHeader(BODY), { header: '', body: BODY });
  const media = 'Thursday, 31 August 2006, 06:39\nS E C R E T SECTION 01 OF 03 ANKARA 005038 \n';
  assert.deepEqual(splitHeader(media), { header: '', body: media });
});

test('the partial-extract notice starts a header too', () => {
  const header =
    'This record is a partial extract of the original cable. The full text of the original cable is not available.\n\n\n\n                           CONFIDENTIAL     PTQ2529\n\nPAGE 01        HARARE  05461  01 OF 02  271458Z \nFM AMEMBASSY HARARE';
  const body = 'C O N F I D E N T I A L SECTION 01 OF 02 HARARE 005461 \n\nSIPDIS \n';
  assert.deepEqual(splitHeader(`${header}\n${body}`), { header, body });
});

test('the reference id: from the file name, else from the classification or page line and the DTG year', () => {
  assert.equal(refIdFromFileName('/data/06MOSCOW1323.txt'), '06MOSCOW1323');
  assert.equal(refIdFromFileName('notes.txt'), null);
  assert.equal(refIdFromText(HEADER, BODY), '06MOSCOW1323');
  assert.equal(refIdFromText('R 251502Z FEB 06', 'UNCLAS SAO PAULO 000348 \n\nSIPDIS'), '06SAOPAULO348');
  assert.equal(
    refIdFromText('O 101526Z FEB 06', 'SUBJECT: X\n\nMOSCOW 00001323  002 OF 002 \n'),
    '06MOSCOW1323',
  );
  assert.equal(refIdFromText('', BODY), null);
});

test('readCableText: plain text, and the cable-file layout', () => {
  const plain = readCableText(`${HEADER}\n${BODY}`, 'in/06MOSCOW1323.txt');
  assert.equal(plain.publishedRefId, '06MOSCOW1323');
  assert.equal(plain.header, HEADER);
  assert.equal(plain.body, BODY);
  assert.deepEqual(plain.source, { format: 'text', path: 'in/06MOSCOW1323.txt' });
  assert.equal(readCableText(`${HEADER}\n${BODY}`).publishedRefId, '06MOSCOW1323');

  const file = `ref_id: 06MOSCOW1323\ncreated: 2006-02-10 15:26\nreleased: 2011-08-30 01:44\nclassification: CONFIDENTIAL\norigin: Embassy Moscow\npartial: no\n\n<<<HEADER>>>\n${HEADER}\n<<<BODY>>>\n${BODY}`;
  const cable = readCableText(file, 'x.txt');
  assert.equal(cable.publishedRefId, '06MOSCOW1323');
  assert.equal(cable.header, HEADER);
  assert.equal(cable.body, BODY);
  assert.equal(cable.created, '2006-02-10T15:26:00Z');
  assert.equal(cable.source?.format, 'cable-file');
});
