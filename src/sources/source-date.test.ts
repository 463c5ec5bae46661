import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoMinute } from './source-date.ts';

test('the source date layouts become ISO 8601 UTC at minute precision', () => {
  assert.equal(isoMinute('2006-08-31 06:06'), '2006-08-31T06:06:00Z');
  assert.equal(isoMinute('2006-08-31T06:06:00Z'), '2006-08-31T06:06:00Z');
  assert.equal(isoMinute('2006-08-31T06:06:59.5+00:00'), '2006-08-31T06:06:00Z');
  assert.equal(isoMinute('09/27/2000 14:02'), '2000-09-27T14:02:00Z');
  assert.equal(isoMinute(' 2006-08-31 '), '2006-08-31T00:00:00Z');
});

test('anything else is null', () => {
  for (const value of [
    undefined,
    null,
    '',
    'unknown',
    '2006-13-01 00:00',
    '31/08/2006 06:06',
    '2006-08-31 25:00',
  ]) {
    assert.equal(isoMinute(value), null, String(value));
  }
});
