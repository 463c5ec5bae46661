/**
 * scrypt password hashes: the right password verifies, a wrong one or a malformed hash does not,
 * two hashes of one password differ (salt), and the stored form names its cost.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './passwords.ts';

test('hash and verify', async () => {
  const a = await hashPassword('correct horse', 10);
  const b = await hashPassword('correct horse', 10);
  assert.match(a, /^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword('correct horse', a), true);
  assert.equal(await verifyPassword('correct horsE', a), false);
  assert.equal(await verifyPassword('x', 'md5$abc'), false);
  assert.equal(await verifyPassword('x', null), false);
});

test('the default cost is N = 2^17', async () => {
  const started = Date.now();
  const hash = await hashPassword('a password');
  assert.match(hash, /^scrypt\$17\$8\$1\$/);
  assert.equal(await verifyPassword('a password', hash), true);
  assert.ok(Date.now() - started < 10_000);
});
