/**
 * Two app servers on one database, as real `cabledesk serve` processes, on both dialects: nothing
 * lives in one server's memory that the other needs. A session made on one is valid on the other;
 * log-in failures count together (rate limits in the database); a comment posted through one shows
 * on the other's cable page within the documented bound (the page cache's check interval, here
 * 300 ms, plus the request), and a moderation through the second is seen by the first likewise.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { cabledeskBin, type ServeProcess, spawnServe } from '../cli/serve-process.ts';
import { dialects, type TestDatabase } from '../store/test-dialects.ts';

const CHECK_MS = 300;
/** The bound the test allows: the check interval, plus generous time for the requests themselves. */
const BOUND_MS = CHECK_MS + 700;
const CABLE = '06MOSCOW1323';
const moderator = { email: 'mod@example.org', password: 'moderator password 1', name: 'Mod' };

function sessionCookie(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => /cabledesk_session=[^;]/.test(c));
  assert.ok(cookie, 'a session cookie');
  return cookie.split(';')[0]!;
}

async function json(url: string, method: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });
}

/** Polls `check` until it is true; answers the time it took (ms), or fails after `limitMs`. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > limitMs * 3) break;
    await sleep(25);
  }
  const took = performance.now() - start;
  assert.ok(took <= limitMs, `took ${Math.round(took)} ms, more than ${limitMs} ms`);
  return took;
}

const pageHas = (server: ServeProcess, text: string) => async () => {
  const res = await fetch(`${server.url}/cable/${CABLE}`);
  return (await res.text()).includes(text);
};

for (const dialect of dialects) {
  describe(`two servers on one ${dialect.name} database`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    let a: ServeProcess;
    let b: ServeProcess;

    before(async () => {
      database = await dialect.create();
      const common = ['--port', '0', '--db', database.url, '--cache-check-ms', String(CHECK_MS)];
      a = await spawnServe(common);
      b = await spawnServe([...common, '--no-sample']);
      const added = spawnSync(
        process.execPath,
        [
          cabledeskBin,
          'user',
          'add',
          '--db',
          database.url,
          '--role',
          'moderator',
          ...Object.entries(moderator).flatMap(([k, v]) => [`--${k}`, v]),
        ],
        { encoding: 'utf8' },
      );
      assert.equal(added.status, 0, added.stderr);
    });
    after(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await database?.drop();
    });

    test('a session made on one server is valid on the other; logging out on it ends it on both', async () => {
      const login = await json(`${a.url}/api/session`, 'POST', {
        email: moderator.email,
        password: moderator.password,
      });
      assert.equal(login.status, 200);
      const cookie = sessionCookie(login);
      const onB = await fetch(`${b.url}/api/session`, { headers: { Cookie: cookie } });
      assert.equal(onB.status, 200);
      assert.equal(((await onB.json()) as { account: { name: string } }).account.name, 'Mod');
      assert.equal(
        (await fetch(`${b.url}/api/session`, { method: 'DELETE', headers: { Cookie: cookie } })).status,
        204,
      );
      assert.equal((await fetch(`${a.url}/api/session`, { headers: { Cookie: cookie } })).status, 401);
    });

    test('log-in failures on both servers count together', async () => {
      const wrong = { email: 'nobody@example.org', password: 'not the password' };
      const statuses: number[] = [];
      for (const server of [a, b, a, b, a, b]) {
        statuses.push((await json(`${server.url}/api/session`, 'POST', wrong)).status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    });

    test('a comment posted through one server shows on the other within the bound; moderation too', async () => {
      const cookie = sessionCookie(
        await json(`${a.url}/api/session`, 'POST', { email: moderator.email, password: moderator.password }),
      );
      const text = `Shared across servers ${dialect.name} ${Date.now()}`;
      // Both servers have the guest page cached, comments section included.
      for (const server of [a, b, a, b]) assert.equal(await pageHas(server, text)(), false);

      const posted = await json(`${a.url}/api/cables/${CABLE}/comments`, 'POST', { body: text }, cookie);
      assert.equal(posted.status, 201);
      const { id, status } = (await posted.json()) as { id: number; status: string };
      assert.equal(status, 'approved');
      await within(BOUND_MS, pageHas(b, text));

      // Trashed through B: gone from A's page within the bound.
      const trashed = await json(
        `${b.url}/api/moderation/comments/${id}`,
        'POST',
        { action: 'trash' },
        cookie,
      );
      assert.equal(trashed.status, 200);
      await within(BOUND_MS, async () => !(await pageHas(a, text)()));
    });
  });
}
