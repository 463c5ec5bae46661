/**
 * Tests of the query language parser (./query.ts): words, phrases, OR, exclusions, prefixes,
 * fields, dates, reference ids, stop words, and syntax errors that say what and where.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery, SearchSyntaxError } from './query.ts';

const text = (tokens: string[], extra: { field?: 'any' | 'subject'; prefix?: boolean } = {}) => ({
  kind: 'text',
  field: extra.field ?? 'any',
  tokens,
  prefix: extra.prefix ?? false,
});

test('words must all match; case and diacritics are folded', () => {
  assert.deepEqual(parseQuery('Nuclear IRAN Évian').root, {
    kind: 'and',
    children: [text(['nuclear']), text(['iran']), text(['evian'])],
  });
});

test('phrases, OR, exclusion, prefix, grouping', () => {
  assert.deepEqual(parseQuery('"prime minister" iran OR iraq -oil negoti*').root, {
    kind: 'and',
    children: [
      text(['prime', 'minister']),
      { kind: 'or', children: [text(['iran']), text(['iraq'])] },
      { kind: 'not', child: text(['oil']) },
      text(['negoti'], { prefix: true }),
    ],
  });
  assert.deepEqual(parseQuery('(iran OR iraq) -(oil gas)').root, {
    kind: 'and',
    children: [
      { kind: 'or', children: [text(['iran']), text(['iraq'])] },
      { kind: 'not', child: { kind: 'and', children: [text(['oil']), text(['gas'])] } },
    ],
  });
});

test('a hyphenated word is a phrase of its parts; a dash inside a word is no exclusion', () => {
  assert.deepEqual(parseQuery('anti-american').root, text(['anti', 'american']));
});

test('fields and dates', () => {
  assert.deepEqual(
    parseQuery('subject:"human rights" origin:"Embassy Paris" tag:prel classification:secret').root,
    {
      kind: 'and',
      children: [
        text(['human', 'rights'], { field: 'subject' }),
        { kind: 'filter', field: 'origin', value: 'Embassy Paris' },
        { kind: 'filter', field: 'tag', value: 'prel' },
        { kind: 'filter', field: 'classification', value: 'secret' },
      ],
    },
  );
  assert.deepEqual(parseQuery('from:2008 to:2008-06-30 ref:09state1234').root, {
    kind: 'and',
    children: [
      { kind: 'date', bound: 'from', value: '2008' },
      { kind: 'date', bound: 'to', value: '2008-06-30' },
      { kind: 'filter', field: 'ref', value: '09STATE1234' },
    ],
  });
});

test('a reference id alone is recognised', () => {
  assert.equal(parseQuery(' 09state1234 ').refId, '09STATE1234');
  assert.equal(parseQuery('iran 09STATE1234').refId, null);
});

test('stop words alone are left out and said so; an unknown field is plain words', () => {
  const plan = parseQuery('the iran');
  assert.deepEqual(plan.root, text(['iran']));
  assert.deepEqual(plan.ignored, ['the']);
  assert.deepEqual(parseQuery('the').root, { kind: 'all' });
  assert.deepEqual(parseQuery('re:iran').root, text(['re', 'iran']));
});

test('syntax errors say what and where', () => {
  const cases: [string, RegExp, number][] = [
    ['iran "oil', /quote/, 5],
    ['(iran', /parenthesis/, 0],
    ['iran)', /closing parenthesis/, 4],
    ['iran OR', /OR needs/, 5],
    ['OR iran', /OR needs/, 0],
    ['from:yesterday', /from: takes a date/, 0],
    ['subject:', /subject: needs a value/, 0],
    ['a*b', /may only end a word/, 1],
    ['x*', /at least 2 letters/, 0],
  ];
  for (const [query, message, position] of cases) {
    assert.throws(
      () => parseQuery(query),
      (e: unknown) => e instanceof SearchSyntaxError && message.test(e.message) && e.position === position,
      query,
    );
  }
});
