/**
 * The website and JSON API as one Hono app: `createApp({ store })`. A request id, a log line and
 * metrics for every request (observe.ts), security headers on every response, the routes (cable
 * pages, browsing, feeds, old addresses, API, health and metrics), our static files, and error
 * pages: an unknown address is a 404 page, a malformed request a 400, and a failure inside is
 * logged with its request id and answered with a 500 page that says nothing internal.
 */
import { Hono } from 'hono';
import { Discussion, type DiscussionOptions } from '../discuss/discussion.ts';
import { type OidcProviderConfig, providersFromEnv } from '../discuss/oidc.ts';
import type { Comment } from '../discuss/types.ts';
import { createJobQueue } from '../jobs/queue.ts';
import { Linkbacks } from '../linkback/linkbacks.ts';
import { createLogger, type Logger } from '../ops/logger.ts';
import { type MetricFamily, MetricsRegistry } from '../ops/metrics.ts';
import type { Store } from '../store/store.ts';
import { isDatabaseUnavailable } from '../store/unavailable.ts';
import { appMetrics } from './app-metrics.ts';
import { assets } from './assets.ts';
import type { WebContext } from './context.ts';
import { observe } from './observe.ts';
import { PageCache } from './page-cache.ts';
import { secure, sendError } from './respond.ts';
import { registerOidcRoutes } from './routes/account-oidc.ts';
import { registerAccountPages } from './routes/account-pages.ts';
import { registerBrowseRoutes } from './routes/browse.ts';
import { registerCableRoutes } from './routes/cable.ts';
import { registerDiscussionApi } from './routes/discussion-api.ts';
import { isCrossSite, trustedProxiesFromEnv } from './routes/discussion-http.ts';
import { registerDiscussionPages, registerDiscussionSection } from './routes/discussion-pages.ts';
import { registerFeedRoutes } from './routes/feeds.ts';
import { registerLegacyRoutes } from './routes/legacy.ts';
import { registerLinkbackApi } from './routes/linkback-api.ts';
import { registerLinkbackModeration, registerLinkbackSection } from './routes/linkback-pages.ts';
import { registerLinkbackReceivers } from './routes/linkback-receive.ts';
import { registerOperationsRoutes } from './routes/operations.ts';
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
  /** Reverse proxies whose X-Forwarded-For is believed (default: CABLEDESK_TRUSTED_PROXIES). */
  trustedProxies?: string[];
  /** Request and error logs (default: errors only, readable, on standard error). */
  logger?: Logger;
  /** Where the app's metrics are kept (default: a registry of its own). */
  metrics?: MetricsRegistry;
  /** What /metrics answers (default: this registry's families; a cluster worker asks every worker). */
  gatherMetrics?: () => Promise<MetricFamily[]>;
  /** Opens /metrics to `Authorization: Bearer TOKEN` from any address (else loopback only). */
  metricsToken?: string;
  /** Linkbacks (shared with the job runner of `serve`); default: one over the store's queue, no runner. */
  linkbacks?: Linkbacks;
  /** Jobs in the queue per state, for the metrics (when the app runs a queue). */
  jobCounts?: () => Promise<Partial<Record<string, number>>>;
}

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
  const linkbacks =
    options.linkbacks ??
    new Linkbacks(options.store, createJobQueue(options.store), {
      now: ctx.now,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    });
  const discussion = new Discussion(options.store, {
    now: ctx.now,
    ...(linkbacks.sending ? { onPublished: (comment: Comment) => linkbacks.commentPublished(comment) } : {}),
    ...options.discussion,
  });
  const logger = options.logger ?? createLogger({ level: 'error', format: 'pretty' });
  const registry = options.metrics ?? new MetricsRegistry();
  const metrics = appMetrics(registry, options.store, options.jobCounts);
  const trustedProxies = options.trustedProxies ? new Set(options.trustedProxies) : trustedProxiesFromEnv();

  app.use('*', observe(logger, metrics));

  app.use('*', async (c, next) => {
    c.set('trustedProxies', trustedProxies);
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

  registerOperationsRoutes(app, {
    store: options.store,
    metrics: options.gatherMetrics ?? (() => registry.families()),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
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
  registerLinkbackSection(app, ctx, linkbacks);
  registerCableRoutes(app, ctx);
  registerDiscussionApi(app, discussion);
  registerDiscussionPages(app, ctx, discussion);
  registerLinkbackReceivers(app, ctx, linkbacks);
  registerLinkbackApi(app, discussion, linkbacks);
  registerLinkbackModeration(app, discussion, linkbacks);
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
    if (isDatabaseUnavailable(error)) {
      logger.warn('database unavailable', { requestId: c.get('requestId'), path: c.req.path, error });
      const message = 'The archive is briefly unavailable. Please try again in a few seconds.';
      if (c.req.path.startsWith('/api/')) return c.json({ error: message }, 503, { 'Retry-After': '5' });
      return sendError(c, 503, message).then((res) => {
        res.headers.set('Retry-After', '5');
        return res;
      });
    }
    logger.error('request failed', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error,
    });
    return sendError(c, 500, 'Something went wrong on our side. Please try again later.');
  });
  return app;
}
