import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commonWords } from './common-words.ts';

test('common words: by the number of texts holding them, folded, without stop words or numbers', () => {
  const texts = [
    'The Minister met the Ambassador in 2006.',
    'MINISTER of Défense: the talks went on.',
    'Ambassador and minister; minister again.',
    'Nothing here but défense.',
  ];
  assert.deepEqual(commonWords(texts, 10, 0.5), ['minister', 'ambassador', 'defense']);
  assert.deepEqual(commonWords(texts, 1, 0.5), ['minister']);
  assert.deepEqual(commonWords(texts, 10, 0.9), []);
  assert.deepEqual(commonWords([], 10, 0.5), []);
});
