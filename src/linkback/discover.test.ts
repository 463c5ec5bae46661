/**
 * Endpoint discovery (the Webmention spec's discovery tests, Pingback's header and link) and the
 * outside links of a comment.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discoverEndpoint, outsideLinks, parseLinkHeader } from './discover.ts';

const PAGE = 'https://site.example/post/1?x=1';

test('Link headers are parsed with several links, rel lists and quoting', () => {
  assert.deepEqual(parseLinkHeader(['<https://a.example/>; rel="webmention other", </b>; rel=next']), [
    { target: 'https://a.example/', rels: ['webmention', 'other'] },
    { target: '/b', rels: ['next'] },
  ]);
});

test('webmention: the header first, then <link> or <a> in document order, relative and empty hrefs', () => {
  const wm = (url: string) => ({ kind: 'webmention', url });
  assert.deepEqual(
    discoverEndpoint(PAGE, ['</wm>; rel="webmention"'], null, '<link rel="webmention" href="/other">'),
    wm('https://site.example/wm'),
  );
  assert.deepEqual(
    discoverEndpoint(PAGE, ['<https://x.example/wm?a=1>; rel=webmention'], null, null),
    wm('https://x.example/wm?a=1'),
  );
  assert.deepEqual(
    discoverEndpoint(PAGE, ['</a>; rel="alternate", </wm>; rel="webmention"'], null, null),
    wm('https://site.example/wm'),
  );
  assert.deepEqual(
    discoverEndpoint(
      PAGE,
      [],
      null,
      '<a rel="webmention" href="endpoint">x</a><link rel="webmention" href="/late">',
    ),
    wm('https://site.example/post/endpoint'),
  );
  assert.deepEqual(
    discoverEndpoint(PAGE, [], null, '<link rel="stylesheet webmention" href="../wm">'),
    wm('https://site.example/wm'),
  );
  assert.deepEqual(discoverEndpoint(PAGE, [], null, '<link rel="webmention" href="">'), wm(PAGE));
  assert.deepEqual(
    discoverEndpoint(
      PAGE,
      [],
      null,
      '<!-- <link rel="webmention" href="/no"> --><link rel="webmention" href="/yes">',
    ),
    wm('https://site.example/yes'),
  );
  assert.equal(discoverEndpoint(PAGE, [], null, '<link rel="webmention">'), null, 'no href');
  assert.equal(discoverEndpoint(PAGE, [], null, '<link rel="webmention" href="javascript:x">'), null);
});

test('pingback: X-Pingback, else <link rel="pingback">; webmention preferred', () => {
  assert.deepEqual(discoverEndpoint(PAGE, [], 'https://site.example/xmlrpc.php', '<p>x</p>'), {
    kind: 'pingback',
    url: 'https://site.example/xmlrpc.php',
  });
  assert.deepEqual(discoverEndpoint(PAGE, [], null, '<link rel="pingback" href="/xmlrpc">'), {
    kind: 'pingback',
    url: 'https://site.example/xmlrpc',
  });
  assert.equal(
    discoverEndpoint(PAGE, [], 'https://site.example/xmlrpc.php', '<link rel="webmention" href="/wm">')?.kind,
    'webmention',
  );
  assert.equal(discoverEndpoint(PAGE, [], null, '<p>nothing</p>'), null);
});

test('outside links of a comment, without the site and duplicates', () => {
  const html =
    '<p><a href="https://blog.example/a" rel="nofollow">a</a> <a href="https://blog.example/a">again</a> ' +
    '<a href="https://cables.example.org/cable/X">ours</a> <a href="mailto:x@y">mail</a> <a href="https://b.example/#f">b</a></p>';
  assert.deepEqual(outsideLinks(html, 'https://cables.example.org'), [
    'https://blog.example/a',
    'https://b.example/#f',
  ]);
});
