/**
 * Log-in through outside OpenID Connect providers: `/account/oidc/{id}/start` sends the browser to
 * the provider (the state, nonce and PKCE verifier wait in a short-lived HttpOnly cookie), and
 * `/account/oidc/{id}/callback` checks the state, exchanges the code, verifies the ID token,
 * finds or creates the account and opens a session.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Discussion } from '../../discuss/discussion.ts';
import { DiscussionError } from '../../discuss/errors.ts';
import { OidcClient, type OidcProviderConfig, type PendingLogin } from '../../discuss/oidc.ts';
import type { WebContext } from '../context.ts';
import { baseUrl, HTML } from '../respond.ts';
import { MessagePage } from '../views/discussion-pages.tsx';
import { render } from '../views/layout.tsx';
import { setSessionCookie } from './discussion-http.ts';
import { safeBack } from './form-pages.ts';

const PENDING_SECONDS = 600;

function pendingCookieName(c: Context): { name: string; secure: boolean } {
  const url = new URL(c.req.url);
  const secure = url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return { name: secure ? '__Host-cabledesk_oidc' : 'cabledesk_oidc', secure };
}

export function registerOidcRoutes(
  app: Hono,
  ctx: WebContext,
  discussion: Discussion,
  providers: OidcProviderConfig[],
  fetcher: typeof fetch = fetch,
): void {
  const clients = new Map(providers.map((p) => [p.id, new OidcClient(p, fetcher)]));
  const redirectUri = (c: Context, id: string) => `${baseUrl(c, ctx.publicUrl)}/account/oidc/${id}/callback`;

  async function refuse(c: Context, message: string, status = 400): Promise<Response> {
    const body = await render(MessagePage({ title: 'Log-in failed', message, back: '/account/login' }));
    return c.body(body, status as 400, {
      'Content-Type': HTML,
      'Cache-Control': 'no-store',
    });
  }

  app.get('/account/oidc/:id/start', async (c) => {
    const client = clients.get(c.req.param('id'));
    if (!client) return refuse(c, 'There is no such identity provider.', 404);
    try {
      const { url, pending } = await client.start(
        redirectUri(c, client.config.id),
        safeBack(c.req.query('next'), '/account'),
      );
      const cookie = pendingCookieName(c);
      setCookie(c, cookie.name, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        maxAge: PENDING_SECONDS,
        ...(cookie.secure ? { secure: true } : {}),
      });
      return c.body(null, 302, { Location: url, 'Cache-Control': 'no-store' });
    } catch (error) {
      console.error(`oidc start (${client.config.id}): ${error instanceof Error ? error.message : error}`);
      return refuse(c, 'The identity provider cannot be reached. Please try again later.', 503 as 400);
    }
  });

  app.get('/account/oidc/:id/callback', async (c) => {
    const client = clients.get(c.req.param('id'));
    if (!client) return refuse(c, 'There is no such identity provider.', 404);
    const cookie = pendingCookieName(c);
    const raw = getCookie(c, cookie.name);
    deleteCookie(c, cookie.name, { path: '/', ...(cookie.secure ? { secure: true } : {}) });
    let pending: PendingLogin;
    try {
      pending = JSON.parse(Buffer.from(raw ?? '', 'base64url').toString()) as PendingLogin;
    } catch {
      return refuse(c, 'The log-in took too long or was started elsewhere. Please try again.');
    }
    const state = c.req.query('state');
    const code = c.req.query('code');
    if (!raw || pending.provider !== client.config.id || !state || state !== pending.state) {
      return refuse(c, 'The log-in took too long or was started elsewhere. Please try again.');
    }
    if (c.req.query('error') || !code) return refuse(c, 'The identity provider did not log you in.');
    try {
      const claims = await client.finish(code, redirectUri(c, client.config.id), pending, ctx.now());
      const { token } = await discussion.logInWithIdentity(client.config.issuer, claims);
      setSessionCookie(c, token);
      return c.body(null, 303, {
        Location: safeBack(pending.next, '/account'),
        'Cache-Control': 'no-store',
      });
    } catch (error) {
      if (error instanceof DiscussionError) return refuse(c, error.message, error.status as 400);
      console.error(`oidc callback (${client.config.id}): ${error instanceof Error ? error.message : error}`);
      return refuse(c, 'The log-in could not be completed. Please try again.');
    }
  });
}
