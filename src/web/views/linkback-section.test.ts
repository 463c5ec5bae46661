/**
 * The TrackBack autodiscovery block: the page's address and the ping address exactly as written
 * (TrackBack clients compare `dc:identifier` with the page address as text), and a hostile title
 * that can neither end the HTML comment nor the attribute.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import { trackbackRdf } from './linkback-section.tsx';

test('the RDF block keeps addresses as written and cannot be broken out of', async () => {
  const page = 'https://cable-archive.example.org/cable/09STATE-1234';
  const ping = 'https://cable-archive.example.org/trackback/09STATE-1234';
  const html = `<p>before</p>${await trackbackRdf(page, 'A -- title --> "quoted" <b>--!></b>', ping).toString()}<p>after</p>`;
  const document = parseDocument(html);
  // One comment between the two paragraphs: nothing of it became markup.
  assert.deepEqual(
    document.children.map((n) => n.type),
    ['tag', 'comment', 'tag'],
  );
  assert.equal(DomUtils.textContent(document.children[2]!), 'after');
  const rdf = (document.children[1] as unknown as { data: string }).data;
  assert.match(rdf, new RegExp(`rdf:about="${page}"`));
  assert.match(rdf, new RegExp(`dc:identifier="${page}"`));
  assert.match(rdf, new RegExp(`trackback:ping="${ping}"`));
  assert.match(rdf, /dc:title="A -- title --&gt; &quot;quoted&quot; &lt;b&gt;--!&gt;&lt;\/b&gt;"/);
  // The block read as XML gives the address and the title back.
  const xml = parseDocument(rdf, { xmlMode: true });
  const description = DomUtils.findOne((e) => e.name === 'rdf:Description', xml.children)!;
  assert.equal(description.attribs['dc:identifier'], page);
  assert.equal(description.attribs['dc:title'], 'A -- title --> "quoted" <b>--!></b>');
});
