/**
 * Browser tests of the cable page in a real Chromium (playwright-core driving the system's
 * chromium; never a downloaded browser): following a `¶` link targets and highlights the
 * paragraph, the page has no serious accessibility violation (axe-core, WCAG 2.1 A/AA), it fits a
 * phone's width, it works without JavaScript (mentions included, their hostile text kept as text),
 * loads nothing from another site, and the copy buttons appear with JavaScript. Screenshots go
 * to test-results/. Runs when CABLEDESK_CHROMIUM names the chromium executable
 * (e.g. /usr/bin/chromium); skipped loudly otherwise.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { receiveMention, storeVerified } from '../linkback/mentions.ts';
import { sampleCablesDir, sampleVariantsDir } from '../sources/sample.ts';
import { runImport } from '../store/import/importer.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { browserSkip, launchChromium, seriousViolations } from './browser-kit.ts';
import { type RunningServer, startServer } from './server.ts';

const skip = browserSkip;
const SHOTS = 'test-results';

/** Two approved mentions of 06MOSCOW1323 (one on ¶3), with hostile text, as verification stores them. */
async function addMentions(store: Store): Promise<void> {
  const db = store.runner;
  const now = '2024-05-01T10:00:00.000Z';
  for (const [i, paragraph] of [null, 3].entries()) {
    const { mention } = await receiveMention(db, {
      token: `browser-test-token-${i}`,
      kind: i === 0 ? 'webmention' : 'pingback',
      source: `https://blog${i}.example/post`,
      sourceHost: `blog${i}.example`,
      target: `https://cables.example.org/cable/06MOSCOW1323${paragraph ? `#par${paragraph}` : ''}`,
      refId: '06MOSCOW1323',
      paragraph,
      status: 'verifying',
      address: '192.0.2.1',
      now,
    });
    const facts = {
      title: `A post <img src=x onerror="window.__xss=${i}"> about the cable`,
      authorName: i === 0 ? 'Ann Blogger' : null,
      authorUrl: i === 0 ? `https://blog${i}.example/` : null,
      excerpt: `It says a lot </blockquote><script>window.__xss=${i}</script>`,
      url: null,
      published: null,
    };
    await storeVerified(db, mention.id, facts, 'approved', now);
  }
}

describe('cable page in a browser', { skip }, () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cabledesk-browser-'));
    const store = await openStore(`sqlite:${join(dir, 'test.db')}`);
    await runImport({ store, paths: [sampleCablesDir, sampleVariantsDir], format: 'auto', worker: false });
    await addMentions(store);
    server = await startServer({ store, port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('following a ¶ link targets and highlights the paragraph', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${server.url}/cable/06MOSCOW1323`);
    await page.click('#par3 a.pilcrow');
    assert.equal(new URL(page.url()).hash, '#par3');
    const targeted = await page.evaluate("document.querySelector(':target')?.id");
    assert.equal(targeted, 'par3');
    const [highlighted, other] = (await page.evaluate(
      "['par3', 'par2'].map((id) => getComputedStyle(document.getElementById(id)).backgroundColor)",
    )) as string[];
    assert.notEqual(highlighted, other, 'the targeted paragraph looks different');
    assert.equal(highlighted, 'rgb(255, 244, 194)');
    await page.screenshot({ path: join(SHOTS, 'cable-page-par3.png') });
    const direct = await browser.newPage();
    await direct.goto(`${server.url}/cable/06MOSCOW1323#par5`);
    assert.equal(await direct.evaluate("document.querySelector(':target')?.id"), 'par5');
    await direct.close();
    await page.close();
  });

  test('no serious accessibility violation (axe-core, WCAG 2.1 A and AA)', async () => {
    // The site's CSP allows no injected script: the audit's own context bypasses it.
    const context = await browser.newContext({ bypassCSP: true });
    for (const path of [
      '/cable/06MOSCOW1323',
      '/cable/04RANGOON1100',
      '/cable/09STATE68231',
      '/',
      '/cables?sort=refid',
      '/origins',
      '/years/2009',
      '/released',
      '/tags/PREL',
      '/about/classification',
      '/no-such-page',
    ]) {
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      assert.deepEqual(await seriousViolations(page, path), []);
      await page.close();
    }
    await context.close();
  });

  test('fits a phone screen, without horizontal scrolling of the page', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
    await page.goto(`${server.url}/cable/09BERN279`);
    const [scrollWidth, width] = (await page.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as [number, number];
    assert.ok(scrollWidth <= width, `page is ${scrollWidth}px wide on a ${width}px screen`);
    await page.screenshot({ path: join(SHOTS, 'cable-page-phone.png') });
    await page.close();
  });

  test('works without JavaScript; the copy buttons appear only with it', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${server.url}/cable/06MOSCOW1323`);
    assert.equal(await page.locator('#par1').isVisible(), true);
    // The mentions, under the cable and beside ¶3, are plain HTML; their text stays text.
    assert.equal(await page.locator('ol.mentions > li').count(), 2);
    assert.equal(await page.locator('#par3 + .par-mentions a').isVisible(), true);
    assert.match((await page.locator('ol.mentions').textContent()) ?? '', /<img src=x[\s\S]*<script>/);
    assert.equal(await page.locator('#mentions img, #mentions script, .par-mentions img').count(), 0);
    await page.locator('#par3 + .par-mentions a').click();
    assert.equal(new URL(page.url()).hash, '#mention-2');
    assert.equal(await page.locator('button[data-copy="permalink"]').isVisible(), false);
    await page.locator('summary', { hasText: 'Routing header' }).click();
    assert.equal(await page.getByText('IMMEDIATE').first().isVisible(), true);
    await noJs.close();
    const withJs = await browser.newPage();
    const requested: string[] = [];
    withJs.on('request', (request) => requested.push(request.url()));
    const errors: string[] = [];
    withJs.on('pageerror', (e) => errors.push(e.message));
    withJs.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await withJs.goto(`${server.url}/cable/06MOSCOW1323`);
    assert.equal(await withJs.locator('button[data-copy="permalink"]').isVisible(), true);
    assert.deepEqual(errors, [], 'no script error and no CSP violation');
    assert.equal(await withJs.evaluate('window.__xss'), undefined, 'nothing from a mention ran');
    const origin = new URL(server.url).origin;
    assert.deepEqual(
      requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:')),
      [],
      'the page loads nothing from another site',
    );
    await withJs.screenshot({ path: join(SHOTS, 'cable-page.png'), fullPage: false });
    await withJs.close();
  });
});
