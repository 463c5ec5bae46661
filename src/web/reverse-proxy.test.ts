/**
 * Behind a reverse proxy that terminates TLS (deploy/nginx): over real HTTP on loopback, with the
 * proxy's address in the trusted list, `X-Forwarded-Proto: https` makes the session cookie
 * `__Host-` and Secure and the site's origin https (so same-site forms pass the cross-site check),
 * and `X-Forwarded-For` names the client (so /metrics is not open to it). From a peer that is not
 * trusted, the same headers change nothing.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../store/open.ts';
import { dialects, type TestDatabase } from '../store/test-dialects.ts';
import { type RunningServer, startServer } from './server.ts';

const SITE = 'cables.example.org';

interface Answer {
  status: number;
  cookies: string[];
}

function send(
  url: string,
  path: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers: { Host: SITE, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookies: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const account = { email: 'proxy@example.org', password: 'a long enough password', name: 'Proxied' };

for (const dialect of dialects) {
  describe(`behind a reverse proxy on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    let trusting: RunningServer;
    let plain: RunningServer;
    before(async () => {
      database = await dialect.create();
      const options = { port: 0, host: '127.0.0.1', discussion: { scryptLogN: 10 } };
      trusting = await startServer({
        ...options,
        store: await openStore(database.url),
        trustedProxies: ['127.0.0.1'],
      });
      plain = await startServer({ ...options, store: await openStore(database.url), trustedProxies: [] });
      const json = { 'Content-Type': 'application/json' };
      assert.equal(
        (await send(trusting.url, '/api/accounts', 'POST', json, JSON.stringify(account))).status,
        201,
      );
    });
    after(async () => {
      await Promise.all([trusting.close(), plain.close()]);
      await database.drop();
    });

    const logIn = (server: RunningServer, headers: Record<string, string>) =>
      send(
        server.url,
        '/api/session',
        'POST',
        { 'Content-Type': 'application/json', Origin: `https://${SITE}`, ...headers },
        JSON.stringify({ email: account.email, password: account.password }),
      );

    test('from a trusted proxy, X-Forwarded-Proto https: https origin, __Host- Secure cookie', async () => {
      const answer = await logIn(trusting, {
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-For': '198.51.100.7',
      });
      assert.equal(answer.status, 200);
      const cookie = answer.cookies.find((c) => c.includes('cabledesk_session='));
      assert.match(cookie ?? '', /^__Host-cabledesk_session=[^;]+;.*\bSecure\b/i);
    });

    test('from a peer that is not trusted, the same headers change nothing', async () => {
      const answer = await logIn(plain, { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.7' });
      assert.equal(answer.status, 403, 'https://... is not the origin of an http request');
      const http = await send(
        plain.url,
        '/api/session',
        'POST',
        { 'Content-Type': 'application/json', Origin: `http://${SITE}` },
        JSON.stringify({ email: account.email, password: account.password }),
      );
      assert.equal(http.status, 200);
      const cookie = http.cookies.find((c) => c.includes('cabledesk_session='));
      assert.match(cookie ?? '', /^cabledesk_session=/);
      assert.doesNotMatch(cookie ?? '', /Secure/i);
    });

    test('/metrics: a request forwarded by the proxy is not a loopback one', async () => {
      assert.equal((await send(trusting.url, '/metrics', 'GET', {})).status, 200);
      assert.equal(
        (await send(trusting.url, '/metrics', 'GET', { 'X-Forwarded-For': '198.51.100.7' })).status,
        403,
      );
    });
  });
}
