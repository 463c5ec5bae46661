import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cleanBody } from './clean.ts';
import { parseSigners } from './signers.ts';

const corpus = process.env['CABLEDESK_CORPUS'];

test('signature lines', () => {
  assert.deepEqual(parseSigners('END COMMENT.\n\nBURNS\n'), ['BURNS']);
  assert.deepEqual(parseSigners('media. \nvan Voorst\n'), ['VAN VOORST']);
  assert.deepEqual(parseSigners('may mean that Karimov prefers to avoid them. Herbst'), ['HERBST']);
  assert.deepEqual(
    parseSigners('SOME NEW ONES. POPE\n CONFIDENTIAL\n>  2002ROME01196 - Classification: CONFIDENTIAL'),
    ['POPE'],
  );
  assert.deepEqual(parseSigners('cleared this cable. HOAGLAND NNNN'), ['HOAGLAND']);
  assert.deepEqual(parseSigners('there is concern.\nEND COMMENT.'), []);
});

test('cablemap signed_by table', {
  skip: !corpus && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder',
}, () => {
  const table = JSON.parse(readFileSync(`${corpus}/expected/cablemap/signed_by.json`, 'utf8'));
  for (const c of table.cases) assert.deepEqual(parseSigners(cleanBody(c.input)), c.expected, c.input);
});
