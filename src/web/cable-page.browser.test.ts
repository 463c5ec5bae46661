/**
 * Browser tests of the cable page in a real Chromium (playwright-core driving the system's
 * chromium; never a downloaded browser): following a `¶` link targets and highlights the
 * paragraph, the page has no serious accessibility violation (axe-core, WCAG 2.1 A/AA), it fits a
 * phone's width, it works without JavaScript, and the copy buttons appear with it. Screenshots go
 * to test-results/. Runs when CABLEDESK_CHROMIUM names the chromium executable
 * (e.g. /usr/bin/chromium); skipped loudly otherwise.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { sampleCablesDir, sampleVariantsDir } from '../sources/sample.ts';
import { runImport } from '../store/import/importer.ts';
import { openStore } from '../store/open.ts';
import { browserSkip, launchChromium, seriousViolations } from './browser-kit.ts';
import { type RunningServer, startServer } from './server.ts';

const skip = browserSkip;
const SHOTS = 'test-results';

describe('cable page in a browser', { skip }, () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cabledesk-browser-'));
    const store = await openStore(`sqlite:${join(dir, 'test.db')}`);
    await runImport({ store, paths: [sampleCablesDir, sampleVariantsDir], format: 'auto', worker: false });
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
    assert.equal(await page.locator('button[data-copy="permalink"]').isVisible(), false);
    await page.locator('summary', { hasText: 'Routing header' }).click();
    assert.equal(await page.getByText('IMMEDIATE').first().isVisible(), true);
    await noJs.close();
    const withJs = await browser.newPage();
    const errors: string[] = [];
    withJs.on('pageerror', (e) => errors.push(e.message));
    withJs.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await withJs.goto(`${server.url}/cable/06MOSCOW1323`);
    assert.equal(await withJs.locator('button[data-copy="permalink"]').isVisible(), true);
    assert.deepEqual(errors, [], 'no script error and no CSP violation');
    await withJs.screenshot({ path: join(SHOTS, 'cable-page.png'), fullPage: false });
    await withJs.close();
  });
});
