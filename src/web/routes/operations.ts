/**
 * Routes for machines: `GET /healthz` (200 when the server and its database answer within 2 s,
 * 503 otherwise; never cached) and `GET /metrics` (Prometheus text format 0.0.4). Metrics are
 * answered only to the loopback address (a request that came through a reverse proxy is not
 * loopback: its `X-Forwarded-For` names the client) or to `Authorization: Bearer TOKEN` when a
 * token is configured (CABLEDESK_METRICS_TOKEN); anyone else gets 403.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { CONTENT_TYPE, type MetricFamily, renderMetrics } from '../../ops/metrics.ts';
import type { Store } from '../../store/store.ts';
import { clientAddress } from './discussion-http.ts';

const HEALTH_TIMEOUT_MS = 2000;

export interface OperationsOptions {
  store: Store;
  /** The metric families to answer with (this process's, or every worker's in a cluster). */
  metrics: () => Promise<MetricFamily[]>;
  /** A bearer token that opens /metrics from any address. */
  metricsToken?: string;
}

function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);
}

function hasToken(c: Context, token: string | undefined): boolean {
  if (!token) return false;
  const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Loopback without any sign of a proxy in between, or the token. */
export function mayReadMetrics(c: Context, token: string | undefined): boolean {
  if (hasToken(c, token)) return true;
  const proxied = c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined;
  return !proxied && isLoopback(clientAddress(c));
}

export function registerOperationsRoutes(app: Hono, options: OperationsOptions): void {
  app.get('/healthz', async (c) => {
    try {
      // The fingerprint is two primary-key lookups: cheap enough for a probe every few seconds.
      await Promise.race([
        options.store.archiveFingerprint(),
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

  app.get('/metrics', async (c) => {
    if (!mayReadMetrics(c, options.metricsToken)) {
      return c.text('Metrics are served to the loopback address or with the metrics token.\n', 403, {
        'Cache-Control': 'no-store',
      });
    }
    return c.body(renderMetrics(await options.metrics()), 200, {
      'Content-Type': CONTENT_TYPE,
      'Cache-Control': 'no-store',
    });
  });
}
