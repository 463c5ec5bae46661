/**
 * Tests of the Atom writer: structure and escaping of texts and attributes, characters XML forbids.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atomXml, xmlEscape } from './atom.ts';

test('xmlEscape escapes markup and drops characters XML does not allow', () => {
  assert.equal(xmlEscape(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  assert.equal(xmlEscape('bell\u0007 tab\t'), 'bell tab\t');
});

test('a feed with one entry', () => {
  const xml = atomXml({
    id: 'https://cables.test/feeds/new.atom',
    title: 'new <cables>',
    self: 'https://cables.test/feeds/new.atom',
    alternate: 'https://cables.test/cables',
    updated: '2011-08-30T01:44:00Z',
    entries: [
      {
        id: 'https://cables.test/cable/06MOSCOW1323',
        title: '06MOSCOW1323: "A & B"',
        url: 'https://cables.test/cable/06MOSCOW1323?a=1&b=2',
        updated: '2011-08-30T01:44:00Z',
        published: '2011-08-30T01:44:00Z',
        author: 'Embassy Moscow',
        summary: 'CONFIDENTIAL cable',
        categories: ['CONFIDENTIAL'],
      },
    ],
  });
  assert.match(
    xml,
    /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
  );
  assert.match(xml, /<title>new &lt;cables&gt;<\/title>/);
  assert.match(xml, /<title>06MOSCOW1323: &quot;A &amp; B&quot;<\/title>/);
  assert.match(xml, /href="https:\/\/cables.test\/cable\/06MOSCOW1323\?a=1&amp;b=2"/);
  assert.match(xml, /<category term="CONFIDENTIAL"\/>/);
  assert.match(xml, /<\/feed>\n$/);
});
