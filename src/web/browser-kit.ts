/**
 * For browser tests: Debian's chromium through playwright-core (CABLEDESK_CHROMIUM names the
 * executable; without it the tests skip with this reason), and an axe-core audit of a page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

const chromiumPath = process.env['CABLEDESK_CHROMIUM'];

/** node:test's `skip` option for browser suites. */
export const browserSkip: string | false = chromiumPath
  ? false
  : 'SKIPPED: set CABLEDESK_CHROMIUM to a chromium executable (e.g. /usr/bin/chromium) to run the browser tests';

/** Headless chromium with no background traffic (this machine's network is closed). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath!,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

let axeSource: string | null = null;

/**
 * The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page now open, one line
 * each naming `path`. The page's context must bypass the site's CSP (axe is an injected script).
 */
export async function seriousViolations(page: Page, path: string): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })" +
      '.then((result) => result.violations)',
  )) as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${path}: ${v.id} (${v.impact}): ${v.help} at ${v.nodes[0]?.target.join(' ')}`);
}

/**
 * Starts listening on `page` for what must never happen on our pages: a dialog (dismissed), a
 * script error, a console error (CSP refusals are reported there), a request to another host.
 * Returns the list the alarms are written to, one line each.
 */
export function watchForAlarms(page: Page, ownHost: string): string[] {
  const alarms: string[] = [];
  page.on('dialog', async (dialog) => {
    alarms.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('pageerror', (error) => alarms.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') alarms.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.host !== ownHost) alarms.push(`outside request: ${request.url()}`);
  });
  return alarms;
}

/** Logs `page` in through the site's own form (then on /account). */
export async function logIn(page: Page, siteUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${siteUrl}/account/login`);
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await Promise.all([page.waitForURL(/\/account$/), page.click('main button[type=submit]')]);
}
