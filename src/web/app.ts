/**
 * The website and JSON API as one Hono app: `createApp({ store })`. Security headers on every
 * response, the routes (cable pages, browsing, feeds, old addresses, API, health), our static
 * files, and error pages: an unknown address is a 404 page, a malformed request a 400, and a
 * failure inside is logged and answered with a 500 page that says nothing internal.
 */
import { Hono } from 'hono';
import { Discussion, type DiscussionOptions } from '../discuss/discussion.ts';
import { type OidcProviderConfig, providersFromEnv } from '../discuss/oidc.ts';
import type { Store } from '../store/store.ts';
import { assets } from './assets.ts';
import type { WebContext } from './context.ts';
import { PageCache } from './page-cache.ts';
import { secure, sendError } from './respond.ts';
import { registerOidcRoutes } from './routes/account-oidc.ts';
import { registerAccountPages } from './routes/account-pages.ts';
import { registerBrowseRoutes } from './routes/browse.ts';
import { registerCableRoutes } from './routes/cable.ts';
import { registerDiscussionApi } from './routes/discussion-api.ts';
import { isCrossSite } from './routes/discussion-http.ts';
import { registerDiscussionPages, registerDiscussionSection } from './routes/discussion-pages.ts';
import { registerFeedRoutes } from './routes/feeds.ts';
import { registerLegacyRoutes } from './routes/legacy.ts';
import { registerSearchRoutes } from './routes/search.ts';

export interface AppOptions {
  store: Store;
  /** Public address used in permalinks and feeds (default: the request's own origin). */
  publicUrl?: string;
  /** Clock, for tests. */
  now?: () => Date;
  /** How often the page cache checks whether the archive changed (ms, default 1000). */
  cacheCheckMs?: number;
  /** Rendered pages kept in memory (default 1000; 0 renders every request, for measurements). */
  pageCacheSize?: number;
  /** Discussion settings (clock, scrypt cost, rate limits), for tests. */
  discussion?: DiscussionOptions;
  /** OpenID Connect providers for log-in (default: CABLEDESK_OIDC_PROVIDERS, a JSON array). */
  oidcProviders?: OidcProviderConfig[];
}

const HEALTH_TIMEOUT_MS = 2000;

export function createApp(options: AppOptions): Hono {
  const ctx: WebContext = {
    store: options.store,
    cache: new PageCache(options.store, {
      checkEveryMs: options.cacheCheckMs ?? 1000,
      max: options.pageCacheSize ?? 1000,
    }),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    now: options.now ?? (() => new Date()),
  };
  const app = new Hono();
  const discussion = new Discussion(options.store, { now: ctx.now, ...options.discussion });

  app.use('*', async (c, next) => {
    await next();
    secure(c.res);
  });

  // `/origins/` -> `/origins`. Built from the address as sent (still percent-encoded, so `%5C`
  // stays encoded), with leading slashes collapsed: `//host/` and `/\host/` cannot leave the site.
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (path.length > 1 && path.endsWith('/') && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      const url = new URL(c.req.url);
      return c.redirect(`/${url.pathname.replace(/^[/\\]+|\/+$/g, '')}${url.search}`, 301);
    }
    await next();
  });

  // A state-changing request from another site is refused (linkback endpoints excepted).
  app.use('*', async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && isCrossSite(c, ctx.publicUrl)) {
      return c.json({ error: 'forbidden', message: 'Cross-site requests are not accepted.' }, 403);
    }
    await next();
  });

  app.get('/healthz', async (c) => {
    try {
      // The fingerprint is two primary-key lookups: cheap enough for a probe every few seconds.
      await Promise.race([
        ctx.store.archiveFingerprint(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS).unref(),
        ),
      ]);
      return c.json({ status: 'ok' }, 200, { 'Cache-Control': 'no-store' });
    } catch {
      return c.json({ status: 'unavailable', message: 'the database does not answer' }, 503, {
        'Cache-Control': 'no-store',
      });
    }
  });

  app.get('/robots.txt', (c) =>
    c.text('User-agent: *\nDisallow: /cable/*/diff\nDisallow: /api/\n', 200, {
      'Cache-Control': 'public, max-age=86400',
    }),
  );

  app.get('/static/:file', (c) => {
    const asset = assets.get(c.req.path);
    if (!asset) return sendError(c, 404, 'There is no such file.');
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    return c.body(asset.body, 200, {
      'Content-Type': asset.type,
      ETag: asset.etag,
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });

  registerDiscussionSection(app, ctx, discussion);
  registerCableRoutes(app, ctx);
  registerDiscussionApi(app, discussion);
  registerDiscussionPages(app, ctx, discussion);
  const oidcProviders = options.oidcProviders ?? providersFromEnv();
  registerAccountPages(app, ctx, discussion, oidcProviders);
  registerOidcRoutes(app, ctx, discussion, oidcProviders);
  registerBrowseRoutes(app, ctx);
  registerFeedRoutes(app, ctx);
  registerLegacyRoutes(app);
  registerSearchRoutes(app, ctx);

  app.notFound((c) => sendError(c, 404, 'There is no page at this address.'));
  app.onError((error, c) => {
    if (error instanceof URIError) return sendError(c, 400, 'The address is not valid.');
    console.error(
      `cabledesk serve: ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.stack : error}`,
    );
    return sendError(c, 500, 'Something went wrong on our side. Please try again later.');
  });
  return app;
}
