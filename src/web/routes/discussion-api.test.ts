/**
 * Route tests of the discussion, in-process (`app.request()`), on both databases: the JSON shapes
 * and status codes of spec/interfaces.md, 403 for cross-site requests, 429 for repeated log-in
 * failures and comment floods, the moderation flow (held first comments, approve, bans, audit
 * log), threads, edit and delete, the HTML forms with their token, feeds, and XSS vectors
 * rendered inert.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parseCable } from '../../cable/parse.ts';
import { Discussion } from '../../discuss/discussion.ts';
import { prepareCable } from '../../store/prepared-cable.ts';
import type { Store } from '../../store/store.ts';
import { dialects, useFreshStore } from '../../store/test-dialects.ts';
import { createApp } from '../app.ts';
import { dangerous, XSS_VECTORS } from './discussion-xss-vectors.ts';

const SITE = 'http://localhost';
const REF = '10TESTPOST1';
const CABLE = {
  publishedRefId: REF,
  header: '',
  body:
    'UNCLAS\n\nE.O. 12958: N/A\nTAGS: PREL, XX\nSUBJECT: A CABLE TO DISCUSS\n\n' +
    '1. (U) First paragraph.\n\n2. (U) Second paragraph.\n',
  created: '2010-01-05T10:00:00Z',
  released: '2011-08-30T01:44:00Z',
  classification: 'UNCLASSIFIED',
  origin: 'Embassy Test',
};

/** A minimal cookie jar for one client. */
class Client {
  cookies = new Map<string, string>();
  constructor(private readonly app: ReturnType<typeof createApp>) {}
  async request(
    path: string,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.request(`${SITE}${path}`, {
      ...init,
      headers: { ...(cookie ? { Cookie: cookie } : {}), ...init.headers },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  json(method: string, path: string, body: unknown, origin = SITE) {
    return this.request(path, {
      method,
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Origin: origin },
    });
  }
  form(path: string, fields: Record<string, string | string[]>, origin = SITE) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) params.append(k, x);
    return this.request(path, {
      method: 'POST',
      body: params.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    });
  }
  /** The form token of the page at `path`. */
  async token(path: string): Promise<string> {
    const page = await (await this.request(path)).text();
    const match = /name="_csrf" value="([^"]+)"/.exec(page);
    assert.ok(match, `no form token on ${path}`);
    return match[1]!;
  }
}

for (const dialect of dialects) {
  describe(`discussion on ${dialect.name}`, { skip: dialect.skip }, () => {
    let store: Store;
    useFreshStore(dialect, (opened) => {
      store = opened;
    });
    let app: ReturnType<typeof createApp>;
    let clock = new Date('2026-11-27T12:00:00Z');
    const discussionOptions = {
      scryptLogN: 10,
      limits: {
        loginFailuresPerEmail: { max: 3, windowMs: 15 * 60_000 },
        commentsPerAddress: { max: 1000, windowMs: 60_000 },
        commentsPerAccount: { max: 1000, windowMs: 60_000 },
      },
    };
    let moderator: Client;

    before(async () => {
      await store.writeBatch([prepareCable(CABLE, parseCable(CABLE))]);
      app = createApp({ store, now: () => clock, cacheCheckMs: 0, discussion: discussionOptions });
      await new Discussion(store, { scryptLogN: 10 }).addUser({
        email: 'mod@example.org',
        password: 'moderator password',
        role: 'moderator',
        name: 'Mo',
      });
      moderator = new Client(app);
      const res = await moderator.json('POST', '/api/session', {
        email: 'mod@example.org',
        password: 'moderator password',
      });
      assert.equal(res.status, 200);
    });

    test('sign up: 201, the same address again 409, bad input 400; cross-site 403', async () => {
      const client = new Client(app);
      const res = await client.json('POST', '/api/accounts', {
        email: 'Ann@Example.org',
        password: 'a long password',
        name: 'Ann',
      });
      assert.equal(res.status, 201);
      assert.deepEqual(await res.json(), { id: 2, email: 'ann@example.org', name: 'Ann', role: 'member' });
      assert.equal(
        (
          await client.json('POST', '/api/accounts', {
            email: 'ann@example.org',
            password: 'another password',
            name: 'A',
          })
        ).status,
        409,
      );
      assert.equal(
        (
          await client.json('POST', '/api/accounts', {
            email: 'nope',
            password: 'a long password',
            name: 'B',
          })
        ).status,
        400,
      );
      assert.equal(
        (await client.json('POST', '/api/accounts', { email: 'b@example.org', password: 'short', name: 'B' }))
          .status,
        400,
      );
      const cross = await client.json(
        'POST',
        '/api/accounts',
        { email: 'c@example.org', password: 'a long password', name: 'C' },
        'https://evil.example',
      );
      assert.equal(cross.status, 403);
      const fetchSite = await client.request('/api/accounts', {
        method: 'POST',
        body: JSON.stringify({ email: 'd@example.org', password: 'a long password', name: 'D' }),
        headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' },
      });
      assert.equal(fetchSite.status, 403);
      const nullOrigin = await client.json(
        'POST',
        '/api/session',
        { email: 'ann@example.org', password: 'a long password' },
        'null',
      );
      assert.equal(nullOrigin.status, 403);
    });

    test('log in: 200 with a __Host- session cookie, wrong password 401, repeated failures 429; log out', async () => {
      const client = new Client(app);
      const ok = await client.json('POST', '/api/session', {
        email: 'ann@example.org',
        password: 'a long password',
      });
      assert.equal(ok.status, 200);
      const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('__Host-cabledesk_session='));
      assert.ok(cookie, 'session cookie');
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /Secure/i);
      assert.match(cookie, /SameSite=Lax/i);
      assert.match(cookie, /Path=\//);
      assert.equal((await client.request('/api/session')).status, 200);
      // Only the token's hash is stored.
      const token = client.cookies.get('__Host-cabledesk_session')!;
      const rows = await new Discussion(store).db.all<{ token_hash: string }>(
        'SELECT token_hash FROM sessions',
      );
      assert.ok(rows.every((r) => r.token_hash !== token && r.token_hash.length === 64));
      assert.equal((await client.json('DELETE', '/api/session', {})).status, 204);
      assert.equal((await client.request('/api/session')).status, 401);

      const other = new Client(app);
      for (let i = 0; i < 3; i++) {
        const bad = await other.json('POST', '/api/session', {
          email: 'ann@example.org',
          password: 'wrong password',
        });
        assert.equal(bad.status, 401);
      }
      const throttled = await other.json('POST', '/api/session', {
        email: 'ann@example.org',
        password: 'a long password',
      });
      assert.equal(throttled.status, 429);
      assert.ok(Number(throttled.headers.get('retry-after')) > 0);
      clock = new Date(clock.getTime() + 16 * 60_000);
      assert.equal(
        (await other.json('POST', '/api/session', { email: 'ann@example.org', password: 'a long password' }))
          .status,
        200,
      );
    });

    test('guest comments: the first is held, shown to moderators, approved, then the next goes straight through', async () => {
      const guest = new Client(app);
      const first = await guest.json('POST', `/api/cables/${REF}/comments`, {
        body: 'Interesting **point**.',
        paragraph: 2,
        name: 'Guest <b>One</b>',
        email: 'guest@example.org',
      });
      assert.equal(first.status, 201);
      const { id, status } = (await first.json()) as { id: number; status: string };
      assert.equal(status, 'pending');
      const publicList = (await (await guest.request(`/api/cables/${REF}/comments`)).json()) as {
        comments: unknown[];
      };
      assert.deepEqual(publicList, { comments: [] });
      const modList = (await (await moderator.request(`/api/cables/${REF}/comments`)).json()) as {
        comments: { id: number; status: string }[];
      };
      assert.equal(modList.comments.find((c) => c.id === id)?.status, 'pending');
      const queue = (await (await moderator.request('/api/moderation/comments?status=pending')).json()) as {
        comments: { id: number }[];
      };
      assert.ok(queue.comments.some((c) => c.id === id));
      assert.equal((await guest.request('/api/moderation/comments?status=pending')).status, 401);
      assert.equal(
        (await guest.json('POST', `/api/moderation/comments/${id}`, { action: 'approve' })).status,
        401,
      );
      const approve = await moderator.json('POST', `/api/moderation/comments/${id}`, { action: 'approve' });
      assert.equal(approve.status, 200);
      assert.deepEqual(await approve.json(), { id, status: 'approved' });
      const list = (await (await guest.request(`/api/cables/${REF}/comments`)).json()) as {
        comments: unknown[];
      };
      assert.deepEqual(list.comments, [
        {
          id,
          parentId: null,
          paragraph: 2,
          author: { name: 'Guest <b>One</b>' },
          html: '<p>Interesting <strong>point</strong>.</p>',
          created: clock.toISOString(),
        },
      ]);
      assert.ok(!JSON.stringify(list).includes('guest@example.org'), 'the e-mail address is never shown');
      const second = await guest.json('POST', `/api/cables/${REF}/comments`, {
        body: 'And another.',
        name: 'Guest One',
        email: 'GUEST@example.org',
      });
      assert.equal(((await second.json()) as { status: string }).status, 'approved');
      // Many links are held even from a known author.
      const links = await guest.json('POST', `/api/cables/${REF}/comments`, {
        body: 'https://a.example https://b.example https://c.example',
        name: 'Guest One',
        email: 'guest@example.org',
      });
      assert.equal(((await links.json()) as { status: string }).status, 'pending');
      // Unknown cable, missing name, honeypot.
      assert.equal(
        (
          await guest.json('POST', '/api/cables/99NOWHERE1/comments', {
            body: 'x',
            name: 'G',
            email: 'g@example.org',
          })
        ).status,
        404,
      );
      assert.equal(
        (await guest.json('POST', `/api/cables/${REF}/comments`, { body: 'x', email: 'g@example.org' }))
          .status,
        400,
      );
      const bot = await guest.json('POST', `/api/cables/${REF}/comments`, {
        body: 'buy',
        name: 'B',
        email: 'b@example.org',
        website: 'http://spam.example',
      });
      assert.equal(((await bot.json()) as { status: string }).status, 'pending');
      const spam = (await (await moderator.request('/api/moderation/comments?status=spam')).json()) as {
        comments: unknown[];
      };
      assert.equal(spam.comments.length, 1);
    });

    test('threads: replies nest to a bounded depth and keep the paragraph', async () => {
      let parent: number | null = null;
      const ids: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await moderator.json('POST', `/api/cables/${REF}/comments`, {
          body: `level ${i}`,
          ...(parent === null ? { paragraph: 1 } : { parentId: parent }),
        });
        assert.equal(res.status, 201);
        parent = ((await res.json()) as { id: number }).id;
        ids.push(parent);
      }
      const list = (await (await moderator.request(`/api/cables/${REF}/comments`)).json()) as {
        comments: { id: number; parentId: number | null; paragraph: number | null }[];
      };
      const byId = new Map(list.comments.map((c) => [c.id, c]));
      const depth = (id: number): number => {
        const p = byId.get(id)!.parentId;
        return p === null ? 0 : depth(p) + 1;
      };
      assert.deepEqual(ids.map(depth), [0, 1, 2, 3, 4, 4, 4]);
      assert.ok(ids.every((id) => byId.get(id)!.paragraph === 1));
    });

    test("members: edit within the window, not after; delete their own, not others'", async () => {
      const ann = new Client(app);
      await ann.json('POST', '/api/session', { email: 'ann@example.org', password: 'a long password' });
      const res = await ann.json('POST', `/api/cables/${REF}/comments`, { body: 'first take' });
      const { id } = (await res.json()) as { id: number };
      await moderator.json('POST', `/api/moderation/comments/${id}`, { action: 'approve' });
      const edited = await ann.json('PATCH', `/api/comments/${id}`, { body: 'second _take_' });
      assert.equal(edited.status, 200);
      assert.equal(((await edited.json()) as { html: string }).html, '<p>second <em>take</em></p>');
      clock = new Date(clock.getTime() + 16 * 60_000);
      assert.equal((await ann.json('PATCH', `/api/comments/${id}`, { body: 'third' })).status, 403);
      const stranger = new Client(app);
      await stranger.json('POST', '/api/accounts', {
        email: 'bob@example.org',
        password: 'bob password 1',
        name: 'Bob',
      });
      await stranger.json('POST', '/api/session', { email: 'bob@example.org', password: 'bob password 1' });
      assert.equal((await stranger.json('DELETE', `/api/comments/${id}`, {})).status, 403);
      assert.equal((await ann.json('DELETE', `/api/comments/${id}`, {})).status, 204);
      const list = (await (await ann.request(`/api/cables/${REF}/comments`)).json()) as {
        comments: { id: number }[];
      };
      assert.ok(!list.comments.some((c) => c.id === id));
    });

    test('XSS vectors from the OWASP list are rendered inert (API and page)', async () => {
      const ids: number[] = [];
      for (const body of XSS_VECTORS) {
        const res = await moderator.json('POST', `/api/cables/${REF}/comments`, { body });
        assert.equal(res.status, 201, body);
        ids.push(((await res.json()) as { id: number }).id);
      }
      const list = (await (await moderator.request(`/api/cables/${REF}/comments`)).json()) as {
        comments: { id: number; html: string }[];
      };
      for (const [i, id] of ids.entries()) {
        const html = list.comments.find((c) => c.id === id)!.html;
        assert.equal(dangerous(html), null, `${XSS_VECTORS[i]} -> ${html}`);
        for (const link of html.match(/<a [^>]*>/g) ?? []) assert.match(link, /rel="nofollow ugc noopener"/);
      }
      // On the page, every comment body is exactly the checked HTML.
      const page = await (await moderator.request(`/cable/${REF}`)).text();
      const bodies = [
        ...page.matchAll(/<div class="comment-body">([\s\S]*?)<\/div><p class="comment-actions">/g),
      ];
      assert.ok(bodies.length >= XSS_VECTORS.length);
      for (const [, body] of bodies) assert.equal(dangerous(body!), null, body);
      const scripts = page.match(/<script[^>]*>/gi) ?? [];
      assert.ok(
        scripts.every((t) => /^<script (?:src="\/static\/|type="application\/ld\+json")/.test(t)),
        `no script but ours: ${scripts.join(' ')}`,
      );
    });

    test('the cable page shows the comments live and posts through a plain form with its token', async () => {
      const guest = new Client(app);
      const page = await (await guest.request(`/cable/${REF}`)).text();
      assert.match(page, /<h2 id="comments-heading">Comments \(\d+\)<\/h2>/);
      assert.match(page, /Interesting <strong>point<\/strong>/);
      assert.ok(!page.includes('guest@example.org'));
      assert.match(page, /<img class="avatar" src="data:image\/svg\+xml;base64,/);
      const token = await guest.token(`/cable/${REF}`);
      const fields = { body: 'Posted by a form', name: 'Form Guest', email: 'form@example.org', website: '' };
      assert.equal((await guest.form(`/cable/${REF}/comments`, fields)).status, 403, 'no token');
      assert.equal(
        (await guest.form(`/cable/${REF}/comments`, { ...fields, _csrf: token }, 'https://evil.example'))
          .status,
        403,
      );
      const posted = await guest.form(`/cable/${REF}/comments`, { ...fields, _csrf: token });
      assert.equal(posted.status, 303);
      assert.match(posted.headers.get('location')!, /\?held=1#comments$/);
      const refused = await guest.form(`/cable/${REF}/comments`, { ...fields, body: '', _csrf: token });
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /value="Form Guest"/);
      // The moderator approves it through the queue page (bulk form) and it shows at once.
      const modToken = await moderator.token('/moderation');
      const queue = await (await moderator.request('/moderation')).text();
      const id =
        /name="ids" value="(\d+)"[^>]*>\s*<label[^>]*>Select comment \d+<\/label> \(guest form@example\.org/.exec(
          queue,
        );
      assert.ok(id, 'the comment is in the queue');
      const approve = await moderator.form('/moderation', {
        _csrf: modToken,
        action: 'approve',
        ids: [id[1]!],
      });
      assert.equal(approve.status, 303);
      assert.match(await (await guest.request(`/cable/${REF}`)).text(), /Posted by a form/);
      const log = await (await moderator.request('/moderation/log')).text();
      assert.match(log, new RegExp(`<td>approve</td><td>comment:${id[1]}</td>`));
    });

    test('banning an author: their held comment goes to spam, their next one is refused', async () => {
      const spammer = new Client(app);
      const res = await spammer.json('POST', `/api/cables/${REF}/comments`, {
        body: 'spam',
        name: 'S',
        email: 'spam@example.org',
      });
      const { id } = (await res.json()) as { id: number };
      const token = await moderator.token('/moderation');
      assert.equal((await moderator.form(`/moderation/ban/${id}`, { _csrf: token })).status, 303);
      assert.equal(
        (
          await spammer.json('POST', `/api/cables/${REF}/comments`, {
            body: 'again',
            name: 'S',
            email: 'spam@example.org',
          })
        ).status,
        403,
      );
      const spam = (await (await moderator.request('/api/moderation/comments?status=spam')).json()) as {
        comments: { id: number }[];
      };
      assert.ok(spam.comments.some((c) => c.id === id));
    });

    test('account pages: sign up, profile name, password change, log out, all by forms', async () => {
      const client = new Client(app);
      const guestToken = await client.token('/account/signup');
      const signup = await client.form('/account/signup', {
        _csrf: guestToken,
        email: 'cy@example.org',
        password: 'cy password 1',
        name: 'Cy',
      });
      assert.equal(signup.status, 303);
      assert.match(await (await client.request('/account')).text(), /Logged in as <strong>Cy<\/strong>/);
      // The token follows the session: the guest one no longer works.
      assert.equal((await client.form('/account/name', { _csrf: guestToken, name: 'Cyrus' })).status, 403);
      const token = await client.token('/account');
      assert.notEqual(token, guestToken);
      assert.equal((await client.form('/account/name', { _csrf: token, name: 'Cyrus' })).status, 303);
      assert.equal(
        (
          await client.form('/account/password', {
            _csrf: token,
            current: 'wrong',
            password: 'cy password 2',
          })
        ).status,
        403,
      );
      assert.equal(
        (
          await client.form('/account/password', {
            _csrf: token,
            current: 'cy password 1',
            password: 'cy password 2',
          })
        ).status,
        303,
      );
      assert.match(await (await client.request('/account')).text(), /Cyrus/);
      assert.equal((await client.form('/account/logout', { _csrf: token })).status, 303);
      assert.equal((await client.request('/account')).status, 303);
      const login = await client.form('/account/login', {
        _csrf: await client.token('/account/login'),
        email: 'cy@example.org',
        password: 'cy password 2',
      });
      assert.equal(login.status, 303);
    });

    test('feeds, recent comments, body size limit, comment flood 429', async () => {
      const feed = await (await app.request(`${SITE}/feeds/comments/${REF}.atom`)).text();
      assert.match(feed, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
      assert.match(feed, /Interesting point\./);
      assert.ok(!feed.includes('<script'));
      const site = await app.request(`${SITE}/feeds/comments.atom`);
      assert.equal(site.status, 200);
      assert.match(await (await app.request(`${SITE}/comments`)).text(), /Recent comments/);
      const counts = await (
        await app.request(`${SITE}/api/comments/counts?refId=${REF}&refId=99NONE1`)
      ).json();
      const n = (
        (await (await app.request(`${SITE}/api/cables/${REF}/comments`)).json()) as { comments: unknown[] }
      ).comments.length;
      assert.deepEqual(counts, { counts: { [REF]: n, '99NONE1': 0 } });
      const plain = await new Client(app).request(`/api/cables/${REF}/comments`, {
        method: 'POST',
        body: JSON.stringify({ body: 'x', name: 'G', email: 'g@example.org' }),
        headers: { 'Content-Type': 'text/plain', Origin: SITE },
      });
      assert.equal(plain.status, 415);
      const big = await new Client(app).json('POST', `/api/cables/${REF}/comments`, {
        body: 'x'.repeat(70_000),
        name: 'G',
        email: 'g@example.org',
      });
      assert.equal(big.status, 413);
      const flooding = createApp({
        store,
        now: () => clock,
        discussion: { scryptLogN: 10, limits: { commentsPerAddress: { max: 2, windowMs: 60_000 } } },
      });
      const flood = new Client(flooding);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push(
          (
            await flood.json('POST', `/api/cables/${REF}/comments`, {
              body: `f${i}`,
              name: 'F',
              email: 'f@example.org',
            })
          ).status,
        );
      }
      // Limits are shared through the database: earlier posts from this address count too.
      assert.equal(statuses.at(-1), 429);
    });
  });
}
