import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dtgToIso } from './dtg.ts';

test('military date-time groups', () => {
  assert.equal(dtgToIso('310639Z AUG 06', null), '2006-08-31T06:39:00Z');
  assert.equal(dtgToIso('291359Z Nov 00', null), '2000-11-29T13:59:00Z');
  assert.equal(dtgToIso('201405Z DEC 89', null), '1989-12-20T14:05:00Z');
  assert.equal(dtgToIso('101526ZFEB06', null), '2006-02-10T15:26:00Z');
  assert.equal(dtgToIso('101526Z FEB 2006', null), '2006-02-10T15:26:00Z');
});

test('the hint chooses the century', () => {
  assert.equal(dtgToIso('281200Z DEC 66', '1966-12-28T12:00:00Z'), '1966-12-28T12:00:00Z');
  assert.equal(dtgToIso('281200Z DEC 66', null), '1966-12-28T12:00:00Z');
  assert.equal(dtgToIso('010000Z JAN 10', '2009-12-31T23:30:00Z'), '2010-01-01T00:00:00Z');
});

test('media-partner date lines', () => {
  assert.equal(dtgToIso('Thursday, 31 August 2006, 06:39', null), '2006-08-31T06:39:00Z');
  assert.equal(dtgToIso('Monday, 2 March 2009, 7:05', null), '2009-03-02T07:05:00Z');
});

test('impossible dates give null', () => {
  assert.equal(dtgToIso('320639Z AUG 06', null), null);
  assert.equal(dtgToIso('290639Z FEB 06', null), null);
  assert.equal(dtgToIso('312539Z AUG 06', null), null);
  assert.equal(dtgToIso('310639Z XYZ 06', null), null);
  assert.equal(dtgToIso('no date here', null), null);
  assert.equal(dtgToIso('290639Z FEB 08', null), '2008-02-29T06:39:00Z');
});

test('a DTG days away from the hint is distrusted', () => {
  // 08STOCKHOLM748: DTG says the 10th, DE line (day 312) and page say 7 November.
  assert.equal(dtgToIso('101632Z NOV 08', '2008-11-07T16:04:00Z'), null);
  assert.equal(dtgToIso('190706Z JUN 09', '2009-06-19T05:05:00Z'), '2009-06-19T07:06:00Z');
});

test('day-only groups of old-format headers take month and year from the hint', () => {
  assert.equal(dtgToIso('271458Z', '2000-09-27T14:02:00Z'), '2000-09-27T14:58:00Z');
  assert.equal(dtgToIso('312350Z', '2001-01-01T00:10:00Z'), '2000-12-31T23:50:00Z');
  assert.equal(dtgToIso('271458Z', null), null);
});
