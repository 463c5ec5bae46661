/**
 * What every request leaves behind: a request id (the proxy's well-formed `X-Request-Id`, else a
 * new one) sent back in `X-Request-Id` and kept on the context (`c.get('requestId')`, so errors
 * are logged with it), one log line (method, path, status, duration; probes of /healthz and
 * /metrics only at debug level), and the HTTP metrics: requests by route pattern, method and
 * status, a latency histogram, and the requests in flight.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../ops/logger.ts';
import type { Counter, Gauge, Histogram, MetricsRegistry } from '../ops/metrics.ts';
import { requestIdFrom } from '../ops/request-id.ts';

declare module 'hono' {
  interface ContextVariableMap {
    requestId: string;
  }
}

export interface HttpMetrics {
  requests: Counter;
  duration: Histogram;
  inFlight: Gauge;
}

export function httpMetrics(registry: MetricsRegistry): HttpMetrics {
  return {
    requests: registry.counter('cabledesk_http_requests_total', 'HTTP requests answered.', [
      'method',
      'route',
      'status',
    ]),
    duration: registry.histogram(
      'cabledesk_http_request_duration_seconds',
      'Time to answer an HTTP request (until the response starts), in seconds.',
      ['method', 'route'],
    ),
    inFlight: registry.gauge('cabledesk_http_requests_in_flight', 'HTTP requests being answered now.'),
  };
}

/** Paths polled by machines: logged at debug level only. */
const PROBES = new Set(['/healthz', '/metrics']);
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route pattern that answered (`/cable/:id`), bounded: never the raw path. */
function routeOf(c: Context): string {
  const path = routePath(c);
  return path === '' || path === '*' || path === '/*' ? 'other' : path;
}

export function observe(logger: Logger, metrics: HttpMetrics): MiddlewareHandler {
  return async (c, next) => {
    const id = requestIdFrom(c.req.header('x-request-id'));
    c.set('requestId', id);
    const started = performance.now();
    metrics.inFlight.inc();
    try {
      await next();
    } finally {
      metrics.inFlight.dec();
    }
    const seconds = (performance.now() - started) / 1000;
    c.res.headers.set('X-Request-Id', id);
    const status = c.res.status;
    const method = METHODS.has(c.req.method) ? c.req.method : 'other';
    const route = routeOf(c);
    metrics.requests.inc({ method, route, status: String(status) });
    metrics.duration.observe({ method, route }, seconds);
    const path = c.req.path;
    const level = status >= 500 ? 'warn' : PROBES.has(path) ? 'debug' : 'info';
    logger[level]('request', {
      requestId: id,
      method: c.req.method,
      path,
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
    });
  };
}
