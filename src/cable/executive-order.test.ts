import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDeclassDate, parseExecutiveOrder } from './executive-order.ts';

const corpus = process.env['CABLEDESK_CORPUS'];

test('E.O. line spellings', () => {
  assert.deepEqual(parseExecutiveOrder('E.O. 12958: DECL: 02/10/2016 \nTAGS: PREL, KWBG, RS'), {
    executiveOrder: '12958',
    declassifyOn: '2016-02-10',
  });
  assert.deepEqual(parseExecutiveOrder('EO 12958 DECL: 09/21/10 \nTAGS PGOV, PINS, ZI'), {
    executiveOrder: '12958',
    declassifyOn: '2010-09-21',
  });
  assert.equal(parseExecutiveOrder('E.O. 12958: DECL: 2020/02/24 \n').declassifyOn, '2020-02-24');
  assert.equal(parseExecutiveOrder('E.o. 12958: decl: 6/3/08').declassifyOn, '2008-06-03');
  assert.equal(parseExecutiveOrder('E.O. 12958:DECL:11/13/11 ').declassifyOn, '2011-11-13');
  assert.equal(parseExecutiveOrder('E.O. 12958: Declassify on 8/31/2034 ').declassifyOn, '2034-08-31');
});

test('no date is invented', () => {
  assert.deepEqual(parseExecutiveOrder('E.O. 12958: N/A \nTAGS: ECON'), {
    executiveOrder: '12958',
    declassifyOn: null,
  });
  assert.deepEqual(parseExecutiveOrder('¶E. O. 11652: GDS \n'), {
    executiveOrder: '11652',
    declassifyOn: null,
  });
  assert.equal(parseExecutiveOrder('E.O.12356: DECL:OADR \n').declassifyOn, null);
  assert.equal(parseExecutiveOrder('E.O. 12958: DECL: 25X1 \n').declassifyOn, null);
  assert.equal(parseExecutiveOrder('E.O. 12958: DECL: TWENTY YEARS \n').declassifyOn, null);
  // A downgrading instruction is not a declassification date.
  assert.equal(parseExecutiveOrder('E.O. 12958: DNG: CO 01/26/2021 \n').declassifyOn, null);
  assert.equal(parseDeclassDate('02/30/2016'), null);
  assert.deepEqual(parseExecutiveOrder('1. (C) Nothing here.'), { executiveOrder: null, declassifyOn: null });
});

test('E.O. line glued to the lines around it', () => {
  const body =
    'S E C R E T SECTION 01 OF 02 SANAA 001352SIPDISE.O. 12958: DECL: 05/21/2015TAGS: PREL PGOV PTER';
  assert.deepEqual(parseExecutiveOrder(body), { executiveOrder: '12958', declassifyOn: '2015-05-21' });
  assert.equal(parseExecutiveOrder('E.O. 12958: \nDECL: 5/11/2017 \nTAGS: PREL').declassifyOn, '2017-05-11');
});

test('dates in words', () => {
  assert.equal(parseDeclassDate('30 JUN 2019'), '2019-06-30');
  assert.equal(parseDeclassDate('June 21, 2006'), '2006-06-21');
  assert.equal(parseDeclassDate('12-29-13'), '2013-12-29');
});

test('cablemap nondisclosure deadline table', {
  skip: !corpus && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder',
}, () => {
  const table = JSON.parse(readFileSync(`${corpus}/expected/cablemap/nondisclosure_deadline.json`, 'utf8'));
  for (const c of table.cases) assert.equal(parseExecutiveOrder(c.input).declassifyOn, c.expected, c.input);
});
