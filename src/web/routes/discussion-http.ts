/**
 * What the discussion routes share at the HTTP edge: the site's own origin and the cross-site
 * check (a state-changing request whose `Origin`, or failing that `Sec-Fetch-Site`, says another
 * site is refused with 403), the session cookie (`__Host-` prefixed, HttpOnly, SameSite=Lax; only
 * its SHA-256 is in the database), the form token (a hidden field derived from the session), the client's address, and reading a JSON or form body within a size limit.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Discussion } from '../../discuss/discussion.ts';
import { DiscussionError } from '../../discuss/errors.ts';
import { SESSION_DAYS } from '../../discuss/sessions.ts';
import { sha256 } from '../../discuss/tokens.ts';
import type { Account } from '../../discuss/types.ts';

/** Bodies larger than this are refused (413). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Endpoints that other sites call by design (linkbacks). */
const CROSS_SITE_PATHS = /^\/(?:trackback\/|xmlrpc$|webmention$)/;

export function siteOrigin(c: Context, publicUrl: string | undefined): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const url = new URL(c.req.url);
  if (url.protocol === 'http:' && viaHttps(c)) url.protocol = 'https:';
  return url.origin;
}

/** True when a state-changing request comes from another site. */
export function isCrossSite(c: Context, publicUrl: string | undefined): boolean {
  if (CROSS_SITE_PATHS.test(c.req.path)) return false;
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin !== siteOrigin(c, publicUrl);
  const fetchSite = c.req.header('sec-fetch-site');
  return fetchSite === 'cross-site' || fetchSite === 'same-site';
}

/**
 * Cookies get the `__Host-` prefix (Secure) on HTTPS (also behind a trusted reverse proxy that
 * terminates TLS and sends `X-Forwarded-Proto: https`) and on loopback, which browsers treat as secure.
 */
function securePrefix(c: Context): boolean {
  const url = new URL(c.req.url);
  return viaHttps(c) || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function cookieName(c: Context, base: string): string {
  return securePrefix(c) ? `__Host-${base}` : base;
}

function putCookie(c: Context, base: string, value: string, maxAge: number): void {
  setCookie(c, cookieName(c, base), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    maxAge,
    ...(securePrefix(c) ? { secure: true } : {}),
  });
}

const SESSION = 'cabledesk_session';

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, cookieName(c, SESSION));
}

export function setSessionCookie(c: Context, token: string): void {
  putCookie(c, SESSION, token, SESSION_DAYS * 86_400);
}

export function clearSessionCookie(c: Context): void {
  putCookie(c, SESSION, '', 0);
}

/** The logged-in account of this request (looked up once per request). */
export async function currentAccount(c: Context, discussion: Discussion): Promise<Account | null> {
  const cached = c.get('account' as never) as Account | null | undefined;
  if (cached !== undefined) return cached;
  const account = await discussion.accountForToken(sessionToken(c));
  c.set('account' as never, account as never);
  return account;
}

/**
 * The form token: derived from the session token (`sha256('form:' + token)`), so it needs no
 * storage, is the same on every app server and cannot be guessed without the session cookie.
 * Guests have no session, so no ambient authority a forged form could borrow: their token is a
 * fixed value and the Origin check (every browser sends Origin on a form POST) is what protects
 * them. A fixed guest token also keeps anonymous pages identical (cacheable, same ETag).
 */
export function formToken(c: Context): string {
  const session = sessionToken(c);
  return sha256(`form:${session ?? 'guest'}`);
}

/** Throws 403 unless the form's `_csrf` field is this browser's form token. */
export function checkFormToken(c: Context, form: Record<string, string>): void {
  if (form['_csrf'] !== formToken(c)) {
    throw new DiscussionError(403, 'The form has expired: please go back, reload the page and try again.');
  }
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Reverse proxies whose `X-Forwarded-For` is believed (set by the app for every request). */
    trustedProxies: ReadonlySet<string>;
  }
}

/** Addresses from a comma-separated list (CABLEDESK_TRUSTED_PROXIES). */
export function trustedProxiesFromEnv(env: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set(
    (env['CABLEDESK_TRUSTED_PROXIES'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

const proxiesFromEnv = trustedProxiesFromEnv();

/** The socket's peer when it is a trusted reverse proxy, else null. */
function trustedPeer(c: Context): string | null {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    return null;
  }
  const trusted: ReadonlySet<string> | undefined = c.get('trustedProxies');
  return peer !== undefined && (trusted ?? proxiesFromEnv).has(peer) ? peer : null;
}

/**
 * The client's address, for rate limits and the moderators' view: the socket's peer, or, when
 * that peer is a trusted reverse proxy, the last address it added to `X-Forwarded-For`.
 */
export function clientAddress(c: Context): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
  if (trustedPeer(c)) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return peer;
}

/** The request came over HTTPS: to us, or to a trusted reverse proxy that says so (`X-Forwarded-Proto`). */
function viaHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' && trustedPeer(c) !== null;
}

/**
 * The request body, at most `maxBytes` (413 past it). Read as a stream and given up at the limit,
 * so a chunked body without Content-Length cannot make the server buffer it whole.
 */
export async function limitedBytes(c: Context, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () => new DiscussionError(413, 'The request is too large.');
  if (Number(c.req.header('content-length') ?? 0) > maxBytes) throw tooLarge();
  const body = c.req.raw.body;
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The request body as UTF-8 text, at most `maxBytes` (see limitedBytes). */
export async function limitedText(c: Context, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return (await limitedBytes(c, maxBytes)).toString('utf8');
}

/**
 * The JSON object of the request body (400 when it is not one). The type must say JSON: a form
 * from another site cannot send that type without a CORS preflight, which we never grant.
 */
export async function readJson(c: Context): Promise<Record<string, unknown>> {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new DiscussionError(415, 'Send the body as application/json.');
  }
  const text = await limitedText(c);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DiscussionError(400, 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DiscussionError(400, 'The body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** The fields of a urlencoded form (the last value of repeated fields, and `ids` collected). */
export async function readForm(
  c: Context,
): Promise<{ fields: Record<string, string>; all: URLSearchParams }> {
  const all = new URLSearchParams(await limitedText(c));
  const fields: Record<string, string> = {};
  for (const [key, value] of all) fields[key] = value;
  return { fields, all };
}
