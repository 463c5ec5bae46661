/**
 * Account pages: sign up, log in, and the profile (display name, password change, log out, and
 * for moderators the way to the queue). Plain forms with the form token.
 */
import type { Account } from '../../discuss/types.ts';
import { isModerator } from '../../discuss/types.ts';
import { MIN_PASSWORD } from '../../discuss/validate.ts';
import { CsrfField, discussionUrls } from './discussion-section.tsx';
import { Layout } from './layout.tsx';

function Problem(props: { error?: string | null | undefined }) {
  return props.error ? (
    <p class="notice" role="alert">
      {props.error}
    </p>
  ) : null;
}

export function SignUpPage(props: { csrf: string; error?: string | null; email?: string; name?: string }) {
  return (
    <Layout title="Create an account" noindex>
      <h1>Create an account</h1>
      <Problem error={props.error} />
      <form method="post" action={discussionUrls.signup()}>
        <CsrfField token={props.csrf} />
        <p>
          <label for="signup-name">Display name</label>
          <br />
          <input
            id="signup-name"
            name="name"
            required
            maxlength={80}
            autocomplete="nickname"
            value={props.name ?? ''}
          />
        </p>
        <p>
          <label for="signup-email">E-mail (never shown)</label>
          <br />
          <input
            id="signup-email"
            name="email"
            type="email"
            required
            autocomplete="email"
            value={props.email ?? ''}
          />
        </p>
        <p>
          <label for="signup-password">Password (at least {MIN_PASSWORD} characters)</label>
          <br />
          <input
            id="signup-password"
            name="password"
            type="password"
            required
            minlength={MIN_PASSWORD}
            autocomplete="new-password"
          />
        </p>
        <p>
          <button type="submit">Create the account</button>
        </p>
      </form>
      <p>
        Already have one? <a href={discussionUrls.login()}>Log in</a>.
      </p>
    </Layout>
  );
}

export function LogInPage(props: {
  csrf: string;
  error?: string | null;
  email?: string;
  next?: string;
  providers?: { id: string; name: string }[];
}) {
  const providers = props.providers ?? [];
  return (
    <Layout title="Log in" noindex>
      <h1>Log in</h1>
      <Problem error={props.error} />
      <form method="post" action={discussionUrls.login()}>
        <CsrfField token={props.csrf} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <p>
          <label for="login-email">E-mail</label>
          <br />
          <input
            id="login-email"
            name="email"
            type="email"
            required
            autocomplete="email"
            value={props.email ?? ''}
          />
        </p>
        <p>
          <label for="login-password">Password</label>
          <br />
          <input
            id="login-password"
            name="password"
            type="password"
            required
            autocomplete="current-password"
          />
        </p>
        <p>
          <button type="submit">Log in</button>
        </p>
      </form>
      {providers.length > 0 ? (
        <>
          <h2>Or log in with</h2>
          <ul>
            {providers.map((p) => (
              <li>
                <a
                  href={`/account/oidc/${p.id}/start${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`}
                >
                  {p.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        No account yet? <a href={discussionUrls.signup()}>Create one</a>.
      </p>
    </Layout>
  );
}

export function ProfilePage(props: {
  account: Account;
  csrf: string;
  error?: string | null;
  notice?: string | null;
}) {
  const a = props.account;
  return (
    <Layout title="Your account" noindex>
      <h1>Your account</h1>
      <Problem error={props.error} />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        Logged in as <strong>{a.name}</strong> ({a.email}), role <strong>{a.role}</strong>.
      </p>
      {isModerator(a) ? (
        <p>
          <a href={discussionUrls.moderate()}>Moderation queue</a>
        </p>
      ) : null}
      <h2>Display name</h2>
      <form method="post" action="/account/name">
        <CsrfField token={props.csrf} />
        <p>
          <label for="profile-name">Name shown with your comments</label>
          <br />
          <input id="profile-name" name="name" required maxlength={80} value={a.name} />
        </p>
        <p>
          <button type="submit">Save the name</button>
        </p>
      </form>
      <h2>Password</h2>
      <form method="post" action="/account/password">
        <CsrfField token={props.csrf} />
        <p>
          <label for="profile-current">Current password</label>
          <br />
          <input
            id="profile-current"
            name="current"
            type="password"
            required
            autocomplete="current-password"
          />
        </p>
        <p>
          <label for="profile-new">New password (at least {MIN_PASSWORD} characters)</label>
          <br />
          <input
            id="profile-new"
            name="password"
            type="password"
            required
            minlength={MIN_PASSWORD}
            autocomplete="new-password"
          />
        </p>
        <p>
          <button type="submit">Change the password</button> (this logs out your other sessions)
        </p>
      </form>
      <h2>Log out</h2>
      <form method="post" action="/account/logout">
        <CsrfField token={props.csrf} />
        <button type="submit">Log out</button>
      </form>
    </Layout>
  );
}
