/** The cables.csv writer against the csv reader: quotes, backslashes and newlines survive a round trip. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CsvCableScanner } from '../sources/csv.ts';
import { csvField, csvRow } from './csv-writer.ts';

test('fields are quoted, with \\" and \\\\ escapes', () => {
  assert.equal(csvField('plain'), '"plain"');
  assert.equal(csvField('say "no" \\ now'), '"say \\"no\\" \\\\ now"');
});

test('a row reads back through the csv reader unchanged', () => {
  const body =
    'UNCLAS SECTION 01 OF 02 BOGOTA 011207 \\\nREF: A) BOGOTA 11207 \\\n"QUOTED" text ends with \\';
  const fields = [
    '7',
    '09/27/2000 14:02',
    '00BOGOTA11207',
    'Embassy Bogota',
    'UNCLASSIFIED',
    '',
    'R 271402Z SEP 00\nFM AMEMBASSY BOGOTA',
    body,
  ];
  const scanner = new CsvCableScanner();
  const items = [...scanner.push(Buffer.from(csvRow(fields) + csvRow(fields))), ...scanner.finish()];
  assert.equal(items.length, 2);
  const cable = items[0]!.cable!;
  assert.equal(cable.publishedRefId, '00BOGOTA11207');
  assert.equal(cable.header, fields[6]);
  assert.equal(cable.body, body);
  assert.equal(cable.created, '2000-09-27T14:02:00Z');
});
