/**
 * Targets: which addresses of the site are cables (plain, with a paragraph, the old cablegate
 * form, under a path prefix), which are elsewhere or not cables, and when a link in a source
 * counts as a link to the target.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTarget, httpUrl, linksToCable } from './targets.ts';

const BASE = 'https://cables.example.org';
const existing = async (ids: string[]) => new Set(ids.filter((id) => id === '06MOSCOW1323'));

test('cable addresses, paragraphs and old addresses', async () => {
  assert.deepEqual(await checkTarget(`${BASE}/cable/06MOSCOW1323`, BASE, existing), {
    kind: 'cable',
    refId: '06MOSCOW1323',
    paragraph: null,
  });
  assert.deepEqual(await checkTarget(`${BASE}/cable/06MOSCOW1323#par3`, BASE, existing), {
    kind: 'cable',
    refId: '06MOSCOW1323',
    paragraph: 3,
  });
  assert.deepEqual(await checkTarget(`${BASE}/cable/2006/02/06MOSCOW1323.html#par2`, BASE, existing), {
    kind: 'cable',
    refId: '06MOSCOW1323',
    paragraph: 2,
  });
  assert.deepEqual(await checkTarget(`http://cables.example.org/cable/06moscow1323?hl=x`, BASE, existing), {
    kind: 'cable',
    refId: '06MOSCOW1323',
    paragraph: null,
  });
  const prefixed = 'https://example.org/archive';
  assert.equal((await checkTarget(`${prefixed}/cable/06MOSCOW1323`, prefixed, existing)).kind, 'cable');
  assert.equal(
    (await checkTarget('https://example.org/cable/06MOSCOW1323', prefixed, existing)).kind,
    'elsewhere',
  );
});

test('what is not a cable target', async () => {
  assert.equal(
    (await checkTarget('ftp://cables.example.org/cable/06MOSCOW1323', BASE, existing)).kind,
    'invalid',
  );
  assert.equal((await checkTarget('not a url', BASE, existing)).kind, 'invalid');
  assert.equal((await checkTarget(`${BASE}/search?q=x`, BASE, existing)).kind, 'not-a-cable');
  assert.equal((await checkTarget(`${BASE}/cable/06MOSCOW1323/diff`, BASE, existing)).kind, 'not-a-cable');
  assert.deepEqual(await checkTarget(`${BASE}/cable/09STATE1`, BASE, existing), {
    kind: 'no-such-cable',
    id: '09STATE1',
  });
  assert.equal(
    (await checkTarget('https://evil.example/cable/06MOSCOW1323', BASE, existing)).kind,
    'elsewhere',
  );
  assert.equal(
    (await checkTarget('https://cables.example.org:8443/cable/06MOSCOW1323', BASE, existing)).kind,
    'elsewhere',
  );
  assert.equal(httpUrl('https://user:pw@cables.example.org/'), null);
});

test('links to the target', () => {
  const at = (u: string) => new URL(u);
  assert.ok(linksToCable(at(`${BASE}/cable/06MOSCOW1323`), BASE, '06MOSCOW1323', null));
  assert.ok(linksToCable(at(`${BASE}/cable/06MOSCOW1323#par3`), BASE, '06MOSCOW1323', null));
  assert.ok(linksToCable(at(`${BASE}/cable/2006/02/06MOSCOW1323.html`), BASE, '06MOSCOW1323', null));
  assert.ok(linksToCable(at(`${BASE}/cable/06MOSCOW1323#par3`), BASE, '06MOSCOW1323', 3));
  assert.ok(
    !linksToCable(at(`${BASE}/cable/06MOSCOW1323`), BASE, '06MOSCOW1323', 3),
    'the page is not the paragraph',
  );
  assert.ok(!linksToCable(at(`${BASE}/cable/06MOSCOW1323#par4`), BASE, '06MOSCOW1323', 3));
  assert.ok(!linksToCable(at(`${BASE}/cable/06MOSCOW1324`), BASE, '06MOSCOW1323', null));
  assert.ok(!linksToCable(at('https://other.example/cable/06MOSCOW1323'), BASE, '06MOSCOW1323', null));
});
