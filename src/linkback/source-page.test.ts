/**
 * Reading a source page: the link is found in every place the Webmention spec names (and
 * relative to the page or its <base>), the h-entry that holds it gives title, author (text or
 * h-card), excerpt, address and date; without microformats the <title> and the text around the
 * link; everything comes out as plain text, cut to length; script and style never leak in.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanText, MAX_EXCERPT, readSourcePage } from './source-page.ts';
import { linksToCable } from './targets.ts';

const BASE = 'https://cables.example.org';
const PAGE = 'https://blog.example/2024/post';
const toCable = (url: URL) => linksToCable(url, BASE, '06MOSCOW1323', null);
const toPar3 = (url: URL) => linksToCable(url, BASE, '06MOSCOW1323', 3);

test('links in every place the spec names, relative ones resolved', () => {
  const target = `${BASE}/cable/06MOSCOW1323`;
  for (const html of [
    `<a href="${target}">x</a>`,
    `<A HREF="${target}">x</A>`,
    `<img src="${target}">`,
    `<video src="${target}"></video>`,
    `<audio src="${target}"></audio>`,
    `<blockquote cite="${target}">q</blockquote>`,
    `<base href="${BASE}/cable/"><a href="06MOSCOW1323">x</a>`,
    `<a href="${BASE}/cable/2006/02/06MOSCOW1323.html">old address</a>`,
  ]) {
    assert.ok(readSourcePage(html, PAGE, toCable).linksToTarget, html);
  }
  for (const html of [
    `<p>${target}</p>`,
    `<a href="javascript:${target}">x</a>`,
    `<a data-href="${target}">x</a>`,
    `<!-- <a href="${target}">x</a> -->`,
    `<a href="06MOSCOW1323">relative to the blog</a>`,
  ]) {
    assert.ok(!readSourcePage(html, PAGE, toCable).linksToTarget, html);
  }
  assert.ok(readSourcePage(`<a href="${target}#par3">x</a>`, PAGE, toPar3).linksToTarget);
  assert.ok(!readSourcePage(`<a href="${target}">x</a>`, PAGE, toPar3).linksToTarget);
});

test('h-entry: name, author h-card, summary, url, published', () => {
  const html = `<!doctype html><html><head><title>Blog · a post</title><script>var x = "<a href='${BASE}/cable/06MOSCOW1323'>";</script></head>
  <body><article class="h-entry">
    <h1 class="p-name">On the <em>Moscow</em> cable</h1>
    <a class="u-url" href="/2024/post">permalink</a>
    <time class="dt-published" datetime="2024-05-01T10:00:00Z">May 1</time>
    <span class="p-author h-card"><a class="p-name u-url" href="https://blog.example/">Ann Author</a></span>
    <p class="p-summary">A short summary.</p>
    <div class="e-content"><p>See <a href="${BASE}/cable/06MOSCOW1323">the cable</a>.</p><script>alert(1)</script></div>
  </article></body></html>`;
  const facts = readSourcePage(html, PAGE, toCable);
  assert.deepEqual(facts, {
    linksToTarget: true,
    title: 'On the Moscow cable',
    authorName: 'Ann Author',
    authorUrl: 'https://blog.example/',
    excerpt: 'A short summary.',
    url: 'https://blog.example/2024/post',
    published: '2024-05-01T10:00:00Z',
  });
});

test('h-entry note: content as excerpt, plain-text author, no title of its own', () => {
  const html = `<title>Notes</title><div class="h-entry"><a class="p-author" href="https://me.example/">me</a>
    <div class="e-content p-name">Reading <a href="${BASE}/cable/06MOSCOW1323">this</a> now</div></div>`;
  const facts = readSourcePage(html, PAGE, toCable);
  assert.equal(facts.title, 'Notes');
  assert.equal(facts.authorName, 'me');
  assert.equal(facts.authorUrl, 'https://me.example/');
  assert.equal(facts.excerpt, 'Reading this now');
});

test('without microformats: <title>, meta author, the text around the link', () => {
  const html = `<html><head><title>  Plain   page </title><meta name="author" content="Bob"><style>p{}</style></head>
    <body><p>First.</p><p>Here the <b>embassy</b> wrote <a href="${BASE}/cable/06MOSCOW1323">06MOSCOW1323</a> about it.</p></body></html>`;
  const facts = readSourcePage(html, PAGE, toCable);
  assert.equal(facts.title, 'Plain page');
  assert.equal(facts.authorName, 'Bob');
  assert.equal(facts.excerpt, 'Here the embassy wrote 06MOSCOW1323 about it.');
  assert.equal(facts.url, null);
});

test('text is cleaned and cut; addresses are http(s) only', () => {
  assert.equal(cleanText(' a\u0000b\u202e c \n d ', 100), 'a b c d');
  const long = cleanText('word '.repeat(400), MAX_EXCERPT)!;
  assert.ok(long.length <= MAX_EXCERPT && long.endsWith('…'));
  const html = `<div class="h-entry"><a class="u-url" href="javascript:alert(1)">x</a><span class="p-author h-card"><a class="u-url" href="data:x">e</a></span><a href="${BASE}/cable/06MOSCOW1323">c</a></div>`;
  const facts = readSourcePage(html, PAGE, toCable);
  assert.equal(facts.url, null);
  assert.equal(facts.authorUrl, null);
});

test("the entry's address (u-url) counts only on the page's own host", () => {
  const entry = (href: string) =>
    `<div class="h-entry"><a class="u-url" href="${href}">permalink</a><a href="${BASE}/cable/06MOSCOW1323">c</a></div>`;
  assert.equal(
    readSourcePage(entry('/2024/post?x=1'), PAGE, toCable).url,
    'https://blog.example/2024/post?x=1',
  );
  assert.equal(readSourcePage(entry('http://BLOG.example/p'), PAGE, toCable).url, 'http://blog.example/p');
  assert.equal(readSourcePage(entry('https://phishing.example/login'), PAGE, toCable).url, null);
  assert.equal(readSourcePage(entry('https://sub.blog.example/p'), PAGE, toCable).url, null);
});
