import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntities, htmlToText } from './html-text.ts';

test('numeric references: &#x000A; is a newline, decimal and hex work, 0x80-0x9F mean windows-1252', () => {
  assert.equal(decodeEntities('SIPDIS &#x000A;&#x000A;E.O. 12958'), 'SIPDIS \n\nE.O. 12958');
  assert.equal(decodeEntities('&#182;1. &#xB6;2. &#8217;'), '¶1. ¶2. ’');
  assert.equal(decodeEntities('&#146;s'), '’s');
  assert.equal(decodeEntities('&#0; &#x110000;'), '\ufffd \ufffd');
});

test('named references: with a semicolon, and the legacy Latin-1 names even without one', () => {
  assert.equal(decodeEntities('&amp; &lt;b&gt; &quot;x&quot; &eacute;t&eacute; &rsquo;'), '& <b> "x" été ’');
  // Real text from 08BEIRUT523: the page showed "&centrales8" as "¢rales8".
  assert.equal(decodeEntities('there are &centrales8 or hubs'), 'there are ¢rales8 or hubs');
  assert.equal(decodeEntities('AT&T &amp'), 'AT&T &');
});

test('ampersands that name nothing stay as written', () => {
  assert.equal(
    decodeEntities('R&D &HL &lang &very &Kilonzo8 &unknown;'),
    'R&D &HL &lang &very &Kilonzo8 &unknown;',
  );
});

test('tags are removed but their text kept; text that only looks like a tag survives', () => {
  const pre =
    "TAGS: <a href='/tag/PTER_0.html'>PTER</a> <a href='/tag/PREL_0.html'>PREL</a>&#x000A;" +
    "REF: A. 05 PARIS 7528 &#x000A;<a id='parB' href='#parB'>¶</a>B. 01/11/06 PARIS POINTS &#x000A;" +
    "<a id='par1' href='#par1'>¶</a>1. (S) Summary: <<142612>> and 3 < 4 > 2";
  assert.equal(
    htmlToText(pre),
    'TAGS: PTER PREL\nREF: A. 05 PARIS 7528 \n¶B. 01/11/06 PARIS POINTS \n¶1. (S) Summary: <<142612>> and 3 < 4 > 2',
  );
  assert.equal(htmlToText('&lt;a href="x"&gt;'), '<a href="x">');
});
