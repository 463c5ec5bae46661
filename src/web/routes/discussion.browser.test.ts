/**
 * XSS in a real browser: a moderator (whose comments are published at once) posts every vector of
 * the OWASP filter-evasion selection through the ordinary comment form of a cable page, then the
 * page is loaded, every comment hovered, focused and clicked, while the test listens for dialogs,
 * script errors, Content-Security-Policy refusals and requests to any other host. None may happen.
 * Runs when CABLEDESK_CHROMIUM names the chromium executable; skipped loudly otherwise.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { parseCable } from '../../cable/parse.ts';
import { Discussion } from '../../discuss/discussion.ts';
import { openStore } from '../../store/open.ts';
import { prepareCable } from '../../store/prepared-cable.ts';
import { browserSkip, launchChromium, logIn, seriousViolations, watchForAlarms } from '../browser-kit.ts';
import { type RunningServer, startServer } from '../server.ts';
import { XSS_VECTORS } from './discussion-xss-vectors.ts';

const skip = browserSkip;
const REF = '10TESTPOST1';
const CABLE = {
  publishedRefId: REF,
  header: '',
  body: 'UNCLAS\n\nE.O. 12958: N/A\nTAGS: PREL, XX\nSUBJECT: XSS TARGET\n\n1. (U) A paragraph.\n',
  created: '2010-01-05T10:00:00Z',
  released: '2011-08-30T01:44:00Z',
  classification: 'UNCLASSIFIED',
  origin: 'Embassy Test',
};

describe('comments in a browser', { skip }, () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cabledesk-xss-'));
    const store = await openStore(`sqlite:${join(dir, 'test.db')}`);
    await store.writeBatch([prepareCable(CABLE, parseCable(CABLE))]);
    await new Discussion(store).addUser({
      email: 'mod@example.org',
      password: 'moderator password',
      role: 'moderator',
      name: 'Mo',
    });
    server = await startServer({ store, port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    mkdirSync('test-results', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('XSS vectors posted through the comment form never execute', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const alarms = watchForAlarms(page, new URL(server.url).host);
    await logIn(page, server.url, 'mod@example.org', 'moderator password');

    for (const vector of XSS_VECTORS) {
      await page.goto(`${server.url}/cable/${REF}`);
      await page.fill('#comment-body', vector);
      await Promise.all([page.waitForURL(/posted=/), page.click('#comment-form button[type=submit]')]);
    }
    await page.goto(`${server.url}/cable/${REF}`);
    const bodies = page.locator('.comment-body');
    assert.equal(await bodies.count(), XSS_VECTORS.length);
    for (let i = 0; i < XSS_VECTORS.length; i++) {
      const body = bodies.nth(i);
      // A comment left empty by the sanitiser has nothing to point at.
      if (!(await body.isVisible())) continue;
      await body.hover();
      await body.click({ position: { x: 2, y: 2 } });
      await page.keyboard.press('Tab');
    }
    // Links left in comments go to web or mail addresses only.
    const hrefs = (await page.evaluate(
      "[...document.querySelectorAll('.comment-body a[href]')].map((a) => a.protocol)",
    )) as string[];
    assert.ok(
      hrefs.every((p) => ['http:', 'https:', 'mailto:'].includes(p)),
      hrefs.join(' '),
    );
    await page.waitForTimeout(500);
    await page.screenshot({ path: join('test-results', 'comments-xss.png'), fullPage: false });
    assert.deepEqual(alarms, []);
    await context.close();
  });

  test('discussion pages: no serious accessibility violation (axe-core, WCAG 2.1 A/AA)', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    const audit = async (path: string) => {
      await page.goto(`${server.url}${path}`);
      assert.deepEqual(await seriousViolations(page, path), []);
    };
    for (const path of [
      '/account/login',
      '/account/signup',
      '/comments',
      `/cable/${REF}`,
      `/cable/${REF}?reply=1`,
    ]) {
      await audit(path);
    }
    await logIn(page, server.url, 'mod@example.org', 'moderator password');
    for (const path of [
      '/account',
      '/moderation?status=approved',
      '/moderation/log',
      `/cable/${REF}`,
      '/comments/1/edit',
    ]) {
      await audit(path);
    }
    await context.close();
  });

  test('comments with long unbroken words fit a phone screen', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    for (const path of ['/comments', `/cable/${REF}`]) {
      await page.goto(`${server.url}${path}`);
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      assert.ok(width <= 375, `${path} is ${width}px wide on a 375px screen`);
    }
    await page.close();
  });
});
