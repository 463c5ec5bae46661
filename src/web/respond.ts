/**
 * Sending pages: the security headers every response carries (a strict Content Security Policy
 * with no third-party source and no inline script), ETag with 304 answers, cache lifetimes, and
 * the error pages. One place, so every route answers the same way.
 */
import type { Context } from 'hono';
import { etagOf, type RenderedPage } from './page-cache.ts';
import { render } from './views/layout.tsx';
import { ErrorPage } from './views/simple-pages.tsx';

/** `script-src 'self'`: the one script is ours; JSON-LD blocks are data, never executed. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const HTML = 'text/html; charset=utf-8';

/** Pages may be cached a little by browsers and proxies, then revalidated with the ETag. */
const PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/** Responses that already carry the security headers (see `secure`). */
const secured = new WeakSet<Response>();

/** Adds the security headers to a response that does not carry them yet. */
export function secure(res: Response): void {
  if (secured.has(res)) return;
  for (const name in SECURITY_HEADERS) res.headers.set(name, SECURITY_HEADERS[name]!);
}

/**
 * Sends a rendered page, or 304 when the client already has it. The bytes and the headers are
 * computed once per cached page and sent as a plain object: the hot path of a popular page does
 * no string encoding and builds no Headers object.
 */
export function send(c: Context, page: RenderedPage, cacheControl = PAGE_CACHE_CONTROL): Response {
  page.bytes ??= Buffer.from(page.body, 'utf8');
  page.sendHeaders ??= {
    ...SECURITY_HEADERS,
    'Content-Type': page.type,
    ETag: page.etag,
    'Cache-Control': page.status === 200 ? cacheControl : 'no-store',
    ...page.headers,
  };
  const match = c.req.header('if-none-match');
  let res: Response;
  if (
    page.status === 200 &&
    match &&
    match.split(/\s*,\s*/).some((t) => t.replace(/^W\//, '') === page.etag)
  ) {
    res = new Response(null, { status: 304, headers: page.sendHeaders });
  } else {
    res = new Response(page.bytes, { status: page.status, headers: page.sendHeaders });
  }
  secured.add(res);
  return res;
}

/** A page built from a body string. */
export function page(
  body: string,
  status = 200,
  type = HTML,
  headers?: Record<string, string>,
): RenderedPage {
  return { status, body, type, etag: etagOf(body), ...(headers ? { headers } : {}) };
}

export async function errorPage(status: 400 | 404 | 500 | 503, message: string): Promise<RenderedPage> {
  const titles = { 400: 'Bad request', 404: 'Not found', 500: 'Server error', 503: 'Unavailable' };
  const body = await render(ErrorPage({ status, title: titles[status], message }));
  return page(body, status);
}

export async function sendError(
  c: Context,
  status: 400 | 404 | 500 | 503,
  message: string,
): Promise<Response> {
  return send(c, await errorPage(status, message));
}

/** The address of the site as the client sees it (or the configured public address). */
export function baseUrl(c: Context, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  return new URL(c.req.url).origin;
}
