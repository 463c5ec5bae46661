/**
 * Tests of the citation exports for the seed cable: BibTeX (escaped), RIS, CSL-JSON and the
 * formatted reference.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CitationFacts, formattedCitation, toBibtex, toCslJson, toRis } from './citation.ts';

const seed: CitationFacts = {
  refId: '06MOSCOW1323',
  title: 'Cable 06MOSCOW1323',
  origin: 'Embassy Moscow',
  created: '2006-02-10T15:26:00Z',
  released: '2011-08-30T01:44:00Z',
  classification: 'CONFIDENTIAL',
  url: 'https://cables.test/cable/06MOSCOW1323',
  accessed: '2026-11-27',
};

test('BibTeX: a @misc entry with the post as corporate author, special characters escaped', () => {
  const bib = toBibtex({ ...seed, title: 'AT&T {100%} deal_2 #1' });
  assert.match(bib, /^@misc\{06MOSCOW1323,\n/);
  assert.match(bib, /author = \{\{Embassy Moscow\}\},/);
  assert.match(bib, /title = \{\{AT\\&T \\\{100\\%\\\} deal\\_2 \\#1\}\},/);
  assert.match(bib, /year = \{2006\},\n {2}month = feb,/);
  assert.match(bib, /url = \{https:\/\/cables\.test\/cable\/06MOSCOW1323\},/);
  assert.match(bib, /\}\n$/);
});

test('RIS: tagged lines ending with ER, CRLF line ends, no line break inside a value', () => {
  const ris = toRis({ ...seed, title: 'TWO\nLINES' });
  const lines = ris.split('\r\n');
  assert.equal(lines[0], 'TY  - GOVDOC');
  assert.ok(lines.includes('TI  - TWO LINES'));
  assert.ok(lines.includes('DA  - 2006/02/10/'));
  assert.ok(lines.includes('M1  - 06MOSCOW1323'));
  assert.equal(lines[lines.length - 2], 'ER  - ');
});

test('CSL-JSON: a document with issued and accessed dates', () => {
  const csl = toCslJson(seed) as Record<string, unknown>;
  assert.equal(csl['type'], 'document');
  assert.deepEqual(csl['issued'], { 'date-parts': [[2006, 2, 10]] });
  assert.deepEqual(csl['author'], [{ literal: 'Embassy Moscow' }]);
  assert.equal(csl['URL'], seed.url);
});

test('formatted citation', () => {
  assert.equal(
    formattedCitation(seed),
    'Embassy Moscow. “Cable 06MOSCOW1323.” Diplomatic cable 06MOSCOW1323, 10 February 2006 (Confidential). ' +
      'Released 30 August 2011. https://cables.test/cable/06MOSCOW1323 (accessed 27 November 2026).',
  );
});
