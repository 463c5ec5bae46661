/**
 * Tests of the word-level diff: reflowed text is the same, changed words are marked, the limit on
 * edits gives up cleanly, and the parts always rebuild the newer text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffWords } from './diff.ts';

const rebuild = (parts: { kind: string; text: string }[], keep: string) =>
  parts
    .filter((p) => p.kind !== keep)
    .map((p) => p.text)
    .join('');

test('a reflowed paragraph has no differences', () => {
  const a = '1. (C) On February 10 Ambassador Burns called on DFM\nSaltanov seeking clarification';
  const b = '1. (C) On February 10 Ambassador Burns\ncalled on DFM Saltanov seeking clarification';
  const d = diffWords(a, b);
  assert.equal(d.added, 0);
  assert.equal(d.removed, 0);
  assert.deepEqual(
    d.parts.map((p) => p.kind),
    ['same'],
  );
});

test('a redaction shows as removed and added words', () => {
  const a = 'met with Minister Ivanov and his deputy';
  const b = 'met with XXXXXXXXXXXX and his deputy';
  const d = diffWords(a, b);
  assert.equal(d.removed, 2);
  assert.equal(d.added, 1);
  assert.deepEqual(
    d.parts.map((p) => [p.kind, p.text.trim()]),
    [
      ['same', 'met with'],
      ['removed', 'Minister Ivanov'],
      ['added', 'XXXXXXXXXXXX'],
      ['same', 'and his deputy'],
    ],
  );
  assert.equal(rebuild(d.parts, 'removed'), b);
});

test('empty texts and identical texts', () => {
  assert.deepEqual(diffWords('', '').parts, []);
  assert.equal(diffWords('', 'a b').added, 2);
  assert.equal(diffWords('a b', '').removed, 2);
  assert.equal(diffWords('same text', 'same text').parts.length, 1);
});

test('texts too different for the edit limit are shown whole, marked as such', () => {
  const a = Array.from({ length: 50 }, (_, i) => `a${i}`).join(' ');
  const b = Array.from({ length: 50 }, (_, i) => `b${i}`).join(' ');
  const d = diffWords(a, b, 10);
  assert.equal(d.tooDifferent, true);
  assert.equal(rebuild(d.parts, 'removed'), b);
  assert.equal(diffWords(a, b).tooDifferent, false);
});

test('the parts rebuild both texts (random edits)', () => {
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 50; round++) {
    const words = Array.from({ length: 40 }, () => `w${rand(8)}`);
    const other = words.filter(() => rand(5) > 0).map((w) => (rand(6) === 0 ? `x${rand(3)}` : w));
    const a = words.join(' ');
    const b = other.join(' ');
    const d = diffWords(a, b);
    assert.equal(rebuild(d.parts, 'removed').replace(/\s+/g, ' ').trim(), b);
    assert.equal(rebuild(d.parts, 'added').replace(/\s+/g, ' ').trim(), a);
  }
});
