/**
 * Account pages through plain forms: sign up (logs in at once), log in (throttled like the API),
 * log out, and the profile (display name, password change). Answers are private and never cached.
 */
import type { Context, Hono } from 'hono';
import type { Discussion } from '../../discuss/discussion.ts';
import { DiscussionError } from '../../discuss/errors.ts';
import type { OidcProviderConfig } from '../../discuss/oidc.ts';
import type { WebContext } from '../context.ts';
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
import { privatePage, redirect, safeBack, setRetryAfter } from './form-pages.ts';

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
      return redirect(c, discussionUrls.account());
    } catch (error) {
      if (!(error instanceof DiscussionError)) throw error;
      setRetryAfter(c, error);
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
      await render(
        LogInPage({
          csrf: formToken(c),
          providers,
          ...(next ? { next: safeBack(next, discussionUrls.account()) } : {}),
        }),
      ),
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
      return redirect(c, safeBack(fields['next'], discussionUrls.account()));
    } catch (error) {
      if (!(error instanceof DiscussionError)) throw error;
      setRetryAfter(c, error);
      const page = LogInPage({
        csrf: formToken(c),
        providers,
        error: error.message,
        email: fields['email'] ?? '',
        ...(fields['next'] ? { next: safeBack(fields['next'], discussionUrls.account()) } : {}),
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
    return redirect(c, '/');
  });

  app.get('/account', async (c) => {
    const account = await currentAccount(c, discussion);
    if (!account) return redirect(c, discussionUrls.login());
    const saved = c.req.query('saved');
    return privatePage(
      c,
      await render(ProfilePage({ account, csrf: formToken(c), notice: saved ? 'Saved.' : null })),
    );
  });

  async function profileForm(c: Context, change: (fields: Record<string, string>) => Promise<void>) {
    const account = await currentAccount(c, discussion);
    if (!account) return redirect(c, discussionUrls.login());
    const { fields } = await readForm(c).catch(() => ({ fields: {} as Record<string, string> }));
    try {
      checkFormToken(c, fields);
      await change(fields);
      return redirect(c, `${discussionUrls.account()}?saved=1`);
    } catch (error) {
      if (!(error instanceof DiscussionError)) throw error;
      setRetryAfter(c, error);
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
