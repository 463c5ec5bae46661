/**
 * Mentions in a real browser: every XSS vector of the comments' selection stored as the title,
 * author and excerpt of an approved mention (as verification stores what a source page says),
 * then the cable page and the moderators' mentions queue are loaded, every mention hovered and
 * clicked, while the test listens for dialogs, script errors, Content-Security-Policy refusals and
 * requests to any other host. None may happen, and both pages pass the accessibility audit
 * (axe-core, WCAG 2.1 A/AA). Runs when CABLEDESK_CHROMIUM names the chromium executable; skipped
 * loudly otherwise.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parseCable } from '../../cable/parse.ts';
import { Discussion } from '../../discuss/discussion.ts';
import { receiveMention, storeVerified } from '../../linkback/mentions.ts';
import { openStore } from '../../store/open.ts';
import { prepareCable } from '../../store/prepared-cable.ts';
import { browserSkip, launchChromium, logIn, seriousViolations, watchForAlarms } from '../browser-kit.ts';
import { type RunningServer, startServer } from '../server.ts';
import { XSS_VECTORS } from './discussion-xss-vectors.ts';

const REF = '10TESTMENTION1';
const CABLE = {
  publishedRefId: REF,
  header: '',
  body: 'UNCLAS\n\nE.O. 12958: N/A\nTAGS: PREL, XX\nSUBJECT: MENTIONED\n\n1. (U) One.\n\n2. (U) Two.\n',
  created: '2010-01-05T10:00:00Z',
  released: '2011-08-30T01:44:00Z',
  classification: 'UNCLASSIFIED',
  origin: 'Embassy Test',
};

describe('mentions in a browser', { skip: browserSkip }, () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cabledesk-mentions-'));
    const store = await openStore(`sqlite:${join(dir, 'test.db')}`);
    await store.writeBatch([prepareCable(CABLE, parseCable(CABLE))]);
    await new Discussion(store, { scryptLogN: 10 }).addUser({
      email: 'mod@example.org',
      password: 'moderator password',
      role: 'moderator',
      name: 'Mo',
    });
    const db = store.runner;
    const now = '2024-05-01T10:00:00.000Z';
    for (const [i, vector] of XSS_VECTORS.entries()) {
      const paragraph = i % 3 === 0 ? 2 : null;
      const { mention } = await receiveMention(db, {
        token: `xss-mention-token-${i}`,
        kind: (['trackback', 'pingback', 'webmention'] as const)[i % 3]!,
        source: `https://blog.example/xss/${i}`,
        sourceHost: 'blog.example',
        target: `https://cables.example.org/cable/${REF}`,
        refId: REF,
        paragraph,
        status: 'verifying',
        address: '192.0.2.1',
        now,
      });
      const facts = {
        title: vector,
        authorName: vector,
        authorUrl: 'https://blog.example/',
        excerpt: `${vector} ${vector}`,
        url: `https://blog.example/xss/${i}#entry`,
        published: null,
      };
      await storeVerified(db, mention.id, facts, 'approved', now);
    }
    server = await startServer({ store, port: 0, host: '127.0.0.1', discussion: { scryptLogN: 10 } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const logInModerator = (page: Page) => logIn(page, server.url, 'mod@example.org', 'moderator password');

  test('hostile titles, authors and excerpts never run or load anything', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const alarms = watchForAlarms(page, new URL(server.url).host);

    await page.goto(`${server.url}/cable/${REF}`);
    const items = page.locator('ol.mentions > li');
    assert.equal(await items.count(), XSS_VECTORS.length);
    assert.equal(await page.locator('.par-mentions a').count(), Math.ceil(XSS_VECTORS.length / 3));
    for (let i = 0; i < XSS_VECTORS.length; i++) {
      const item = items.nth(i);
      await item.hover();
      await item.locator('.kind').click();
      // Text stays text: the title reads as the vector, whitespace aside.
      const title = (await item.locator('a').first().textContent()) ?? '';
      assert.equal(title.replace(/\s+/g, ' '), XSS_VECTORS[i]!.replace(/\s+/g, ' '));
    }
    // Only what the page itself is made of: links, the time, the quote.
    const tags = (await page.evaluate(
      "[...new Set([...document.querySelectorAll('#mentions *, .par-mentions *')].map((e) => e.localName))].sort()",
    )) as string[];
    assert.deepEqual(tags, ['a', 'blockquote', 'code', 'h2', 'li', 'ol', 'p', 'span', 'time']);

    await logInModerator(page);
    await page.goto(`${server.url}/moderation/mentions?status=approved`);
    const queued = page.locator('ol.comments > li');
    assert.equal(await queued.count(), XSS_VECTORS.length);
    for (let i = 0; i < XSS_VECTORS.length; i++) await queued.nth(i).hover();
    assert.deepEqual(alarms, []);
    await context.close();
  });

  test('the cable page with mentions and the mentions queue: no serious accessibility violation', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/cable/${REF}`);
    assert.deepEqual(await seriousViolations(page, `/cable/${REF}`), []);
    await logInModerator(page);
    for (const path of ['/moderation/mentions?status=approved', '/moderation/mentions?status=pending']) {
      await page.goto(`${server.url}${path}`);
      assert.deepEqual(await seriousViolations(page, path), []);
    }
    await context.close();
  });
});
