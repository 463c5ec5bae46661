import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cleanBody } from './clean.ts';
import { parseSummary } from './summary.ts';

const corpus = process.env['CABLEDESK_CORPUS'];
const flat = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

test('summary inside the first paragraph', () => {
  assert.equal(
    parseSummary('1. (C) Summary: The Dutch are ready. END\nSUMMARY.\n\n2. (S) Econoff delivered'),
    'The Dutch are ready.',
  );
  assert.equal(parseSummary('¶1. (C) Summay: Short. End Summay.\n'), 'Short.');
  assert.equal(parseSummary('1. (C) Nothing to sum up here.\n'), null);
});

test('cablemap summary table (whitespace-insensitive)', {
  skip: !corpus && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder',
}, () => {
  const table = JSON.parse(readFileSync(`${corpus}/expected/cablemap/summary.json`, 'utf8'));
  for (const c of table.cases)
    assert.equal(flat(parseSummary(cleanBody(c.input))), flat(c.expected), c.input);
});
