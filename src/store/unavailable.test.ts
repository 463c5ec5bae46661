import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDatabaseUnavailable } from './unavailable.ts';

test('an unreachable or restarting database is told from other errors', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });
  for (const code of ['ECONNREFUSED', '57P01', '57P03', '53300', '08006', 'SQLITE_BUSY']) {
    assert.equal(isDatabaseUnavailable(withCode(code)), true, code);
  }
  assert.equal(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')), true);
  assert.equal(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')), true);
  assert.equal(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('ECONNRESET') })), true);
  assert.equal(isDatabaseUnavailable(withCode('23505')), false, 'a unique violation is a bug or bad data');
  assert.equal(isDatabaseUnavailable(new TypeError('x is undefined')), false);
  assert.equal(isDatabaseUnavailable(null), false);
  assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
});
