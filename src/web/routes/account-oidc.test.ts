/**
 * OpenID Connect log-in end to end against a real provider (the `oidc-provider` package, serving
 * on loopback inside the test), on both databases: the start sends the browser to the provider
 * with PKCE, state and nonce; the provider's own log-in and consent forms are filled; the callback
 * exchanges the code over HTTP, verifies the signed ID token and opens a session for a new
 * account, and the same identity later finds the same account. A forged state and a callback
 * without the pending cookie are refused.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../store/store.ts';
import { dialects, useFreshStore } from '../../store/test-dialects.ts';
import { createApp } from '../app.ts';

const SITE = 'http://localhost';
const CALLBACK = `${SITE}/account/oidc/test/callback`;

/** Cookies per host, enough for the provider's session and interaction cookies. */
class Jar {
  private cookies = new Map<string, string>();
  header(): Record<string, string> {
    const value = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return value ? { Cookie: value } : {};
  }
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** Walks the provider's pages like a browser until it redirects back to us; fills its forms. */
async function throughProvider(start: string, login: string): Promise<string> {
  const jar = new Jar();
  let url = start;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(CALLBACK)) return url;
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...jar.header(), ...(init.headers ?? {}) },
    });
    jar.take(res);
    init = {};
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    assert.ok(form, `no form on ${url} (${res.status}): ${html.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const [, name, value] of form[2]!.matchAll(
      /<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g,
    )) {
      fields.set(name!, value!);
    }
    if (fields.get('prompt') === 'login') {
      fields.set('login', login);
      fields.set('password', 'anything');
    }
    url = new URL(form[1]!, url).toString();
    init = {
      method: 'POST',
      body: fields.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('the provider never sent the browser back');
}

describe('OpenID Connect log-in against oidc-provider', () => {
  let server: Server;
  let issuer: string;

  before(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Imported by a name held in a variable: the package ships no type declarations.
    const packageName = 'oidc-provider';
    const { default: Provider } = await import(packageName);
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'cabledesk',
          client_secret: 'a client secret that is long enough',
          redirect_uris: [CALLBACK],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: async (_ctx: unknown, sub: string) => ({
        accountId: sub,
        claims: async () => ({ sub, email: `${sub}@idp.example`, email_verified: true, name: `User ${sub}` }),
      }),
      pkce: { required: () => true },
    });
    server.on('request', provider.callback());
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  for (const dialect of dialects) {
    describe(`on ${dialect.name}`, { skip: dialect.skip }, () => {
      let store: Store;
      useFreshStore(dialect, (opened) => {
        store = opened;
      });
      let app: ReturnType<typeof createApp>;
      before(async () => {
        app = createApp({
          store,
          oidcProviders: [
            {
              id: 'test',
              name: 'Test provider',
              issuer,
              clientId: 'cabledesk',
              clientSecret: 'a client secret that is long enough',
            },
          ],
        });
      });

      async function logIn(
        login: string,
      ): Promise<{ status: number; session: string | undefined; location: string | null }> {
        const start = await app.request(`${SITE}/account/oidc/test/start?next=/comments`);
        assert.equal(start.status, 302);
        const authorize = new URL(start.headers.get('location')!);
        assert.equal(authorize.origin, issuer);
        assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
        assert.ok(authorize.searchParams.get('state')!.length >= 43);
        assert.ok(authorize.searchParams.get('nonce')!.length >= 43);
        const pending = start.headers.getSetCookie().find((c) => c.startsWith('__Host-cabledesk_oidc='))!;
        assert.match(pending, /HttpOnly/i);
        const back = await throughProvider(authorize.toString(), login);
        const callback = await app.request(back.replace(SITE, SITE), {
          headers: { Cookie: pending.split(';')[0]! },
        });
        const session = callback.headers
          .getSetCookie()
          .find((c) => c.startsWith('__Host-cabledesk_session='))
          ?.split(';')[0];
        return { status: callback.status, session, location: callback.headers.get('location') };
      }

      test('a new identity gets an account and a session; the same identity the same account', async () => {
        const first = await logIn('olga');
        assert.equal(first.status, 303);
        assert.equal(first.location, '/comments');
        assert.ok(first.session);
        const me = await app.request(`${SITE}/api/session`, { headers: { Cookie: first.session } });
        assert.deepEqual(await me.json(), {
          account: { id: 1, email: 'olga@idp.example', name: 'User olga', role: 'member' },
        });
        const second = await logIn('olga');
        const again = await app.request(`${SITE}/api/session`, { headers: { Cookie: second.session! } });
        assert.equal(((await again.json()) as { account: { id: number } }).account.id, 1);
        const other = await logIn('piet');
        const third = await app.request(`${SITE}/api/session`, { headers: { Cookie: other.session! } });
        assert.equal(((await third.json()) as { account: { id: number } }).account.id, 2);
      });

      test('a forged state or a missing pending cookie is refused', async () => {
        const start = await app.request(`${SITE}/account/oidc/test/start`);
        const pending = start.headers.getSetCookie().find((c) => c.startsWith('__Host-cabledesk_oidc='))!;
        const back = new URL(await throughProvider(start.headers.get('location')!, 'mallory'));
        const forged = new URL(back);
        forged.searchParams.set('state', 'x'.repeat(43));
        const refused = await app.request(forged.toString(), { headers: { Cookie: pending.split(';')[0]! } });
        assert.equal(refused.status, 400);
        const noCookie = await app.request(back.toString());
        assert.equal(noCookie.status, 400);
        assert.ok(!noCookie.headers.getSetCookie().some((c) => c.startsWith('__Host-cabledesk_session=')));
      });
    });
  }
});
