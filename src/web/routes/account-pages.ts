/**
 * Account pages through plain forms: sign up (logs in at once), log in (throttled like the API),
 * log out, and the profile (display name, password change). Answers are private and never cached.
 */
import type { Context, Hono } from 'hono';
import type { Discussion } from '../../discuss/discussion.ts';
import { DiscussionError } from '../../discuss/errors.ts';
import type { OidcProviderConfig } from '../../discuss/oidc.ts';
import type { WebContext } from '../context.ts';
import { HTML, SECURITY_HEADERS } from '../respond.ts';
import { LogInPage, ProfilePage, SignUpPage } from '../views/account-pages.tsx';
import { discussionUrls } from '../views/discussion-section.tsx';
import { render } from '../views/layout.tsx';
import {
  checkFormToken,
  clearSessionCookie,
  clientAddress,
  currentAccount,
  formToken,
  readForm,
  sessionToken,
  setSessionCookie,
} from './discussion-http.ts';

function privatePage(c: Context, body: string, status = 200): Response {
  // c.body keeps the cookies set on this context (the form token).
  return c.body(body, status as 200, {
    ...SECURITY_HEADERS,
    'Content-Type': HTML,
    'Cache-Control': 'private, no-store',
  });
}

function seeOther(c: Context, location: string): Response {
  return c.body(null, 303, { ...SECURITY_HEADERS, Location: location, 'Cache-Control': 'no-store' });
}

/** Only our own paths are followed after logging in. */
function safeNext(value: string | undefined): string {
  return value && /^\/(?![/\\])/.test(value) ? value : discussionUrls.account();
}

function withRetry(c: Context, error: DiscussionError): void {
  if (error.retryAfter) c.header('Retry-After', String(error.retryAfter));
}

export function registerAccountPages(
  app: Hono,
  _ctx: WebContext,
  discussion: Discussion,
  oidcProviders: OidcProviderConfig[] = [],
): void {
  const providers = oidcProviders.map((p) => ({ id: p.id, name: p.name }));
  app.get('/account/signup', async (c) => privatePage(c, await render(SignUpPage({ csrf: formToken(c) }))));

  app.post('/account/signup', async (c) => {
    const { fields } = await readForm(c).catch(() => ({ fields: {} as Record<string, string> }));
    try {
      checkFormToken(c, fields);
      const address = clientAddress(c);
      await discussion.signUp(
        { email: fields['email'], password: fields['password'], name: fields['name'] },
        address,
      );
      const { token } = await discussion.logIn(
        { email: fields['email'], password: fields['password'] },
        address,
      );
      setSessionCookie(c, token);
      return seeOther(c, discussionUrls.account());
    } catch (error) {
      if (!(error instanceof DiscussionError)) throw error;
      withRetry(c, error);
      const page = SignUpPage({
        csrf: formToken(c),
        error: error.message,
        email: fields['email'] ?? '',
        name: fields['name'] ?? '',
      });
      return privatePage(c, await render(page), error.status);
    }
  });

  app.get('/account/login', async (c) => {
    const next = c.req.query('next');
    return privatePage(
      c,
      await render(LogInPage({ csrf: formToken(c), providers, ...(next ? { next: safeNext(next) } : {}) })),
    );
  });

  app.post('/account/login', async (c) => {
    const { fields } = await readForm(c).catch(() => ({ fields: {} as Record<string, string> }));
    try {
      checkFormToken(c, fields);
      const { token } = await discussion.logIn(
        { email: fields['email'], password: fields['password'] },
        clientAddress(c),
      );
      setSessionCookie(c, token);
      return seeOther(c, safeNext(fields['next']));
    } catch (error) {
      if (!(error instanceof DiscussionError)) throw error;
      withRetry(c, error);
      const page = LogInPage({
        csrf: formToken(c),
        providers,
        error: error.message,
        email: fields['email'] ?? '',
        ...(fields['next'] ? { next: safeNext(fields['next']) } : {}),
      });
      return privatePage(c, await render(page), error.status);
    }
  });

  app.post('/account/logout', async (c) => {
    const { fields } = await readForm(c);
    try {
      checkFormToken(c, fields);
    } catch (error) {
      if (error instanceof DiscussionError) return privatePage(c, error.message, 403);
      throw error;
    }
    const token = sessionToken(c);
    if (token) await discussion.logOut(token);
    clearSessionCookie(c);
    return seeOther(c, '/');
  });

  app.get('/account', async (c) => {
    const account = await currentAccount(c, discussion);
    if (!account) return seeOther(c, discussionUrls.login());
    const saved = c.req.query('saved');
    return privatePage(
      c,
      await render(ProfilePage({ account, csrf: formToken(c), notice: saved ? 'Saved.' : null })),
    );
  });

  async function profileForm(c: Context, change: (fields: Record<string, string>) => Promise<void>) {
    const account = await currentAccount(c, discussion);
    if (!account) return seeOther(c, discussionUrls.login());
    const { fields } = await readForm(c).catch(() => ({ fields: {} as Record<string, string> }));
    try {
      checkFormToken(c, fields);
      await change(fields);
      return seeOther(c, `${discussionUrls.account()}?saved=1`);
    } catch (error) {
      if (!(error instanceof DiscussionError)) throw error;
      withRetry(c, error);
      return privatePage(
        c,
        await render(ProfilePage({ account, csrf: formToken(c), error: error.message })),
        error.status,
      );
    }
  }

  app.post('/account/name', (c) =>
    profileForm(c, async (fields) =>
      discussion.rename((await currentAccount(c, discussion))!, fields['name']),
    ),
  );

  app.post('/account/password', (c) =>
    profileForm(c, async (fields) =>
      discussion.changePassword(
        (await currentAccount(c, discussion))!,
        fields['current'],
        fields['password'],
        sessionToken(c) ?? '',
      ),
    ),
  );
}
