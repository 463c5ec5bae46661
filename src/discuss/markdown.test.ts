/**
 * Comment Markdown: GFM renders (emphasis, lists, tables, autolinks), raw HTML is escaped, links
 * get rel="nofollow ugc noopener" and only web and mail schemes, images are dropped.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countLinks, plainText, renderMarkdown } from './markdown.ts';

test('GFM renders', () => {
  assert.equal(
    renderMarkdown('**bold** _em_ ~~del~~'),
    '<p><strong>bold</strong> <em>em</em> <del>del</del></p>',
  );
  assert.match(renderMarkdown('- a\n- b'), /<ul>\s*<li>a<\/li>\s*<li>b<\/li>\s*<\/ul>/);
  assert.match(renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |'), /<table>[\s\S]*<td>1<\/td>/);
  assert.equal(renderMarkdown('# Title'), '<h4>Title</h4>');
});

test('links: nofollow ugc, safe schemes only', () => {
  assert.equal(
    renderMarkdown('see https://example.org'),
    '<p>see <a href="https://example.org" rel="nofollow ugc noopener">https://example.org</a></p>',
  );
  assert.equal(renderMarkdown('[x](javascript:alert(1))'), '<p><a rel="nofollow ugc noopener">x</a></p>');
  assert.equal(renderMarkdown('[x](mailto:a@example.org)').includes('href="mailto:a@example.org"'), true);
  assert.equal(countLinks(renderMarkdown('https://a.example https://b.example')), 2);
});

test('raw HTML is text, images are dropped', () => {
  assert.equal(renderMarkdown('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.equal(renderMarkdown('![a](https://example.org/a.png)'), '<p></p>');
  assert.equal(plainText(renderMarkdown('**a** & <b>')), 'a &amp; &lt;b&gt;');
});
