/**
 * Tests of what every request leaves behind, over real HTTP on loopback (the metrics access rule
 * looks at the socket's peer), on both databases: the X-Request-Id header (a well-formed one kept,
 * anything else replaced), one JSON log line per request, an error logged with its request id,
 * and /metrics in the Prometheus text format: request counts by route pattern, latency histogram,
 * requests in flight, database connections, process metrics; loopback only unless the token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../ops/logger.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { dialects, type TestDatabase } from '../store/test-dialects.ts';
import { type RunningServer, startServer } from './server.ts';

const TOKEN = 'a-metrics-token-of-some-length';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

for (const dialect of dialects) {
  describe(`requests observed on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    let store: Store;
    let server: RunningServer;
    const lines: Record<string, unknown>[] = [];

    before(async () => {
      database = await dialect.create();
      store = await openStore(database.url);
      server = await startServer({
        store,
        port: 0,
        host: '127.0.0.1',
        metricsToken: TOKEN,
        logger: createLogger({ level: 'info', write: (line) => lines.push(JSON.parse(line)) }),
      });
    });
    after(async () => {
      await server.close();
      await database.drop();
    });

    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, { headers });

    test('a well-formed X-Request-Id is kept and sent back; others are replaced', async () => {
      const kept = await get('/cables', { 'X-Request-Id': 'edge-42.a:b_c' });
      assert.equal(kept.headers.get('x-request-id'), 'edge-42.a:b_c');
      for (const bad of ['has space', 'x'.repeat(101), 'quote"', '']) {
        const res = await get('/cables', { 'X-Request-Id': bad });
        assert.match(res.headers.get('x-request-id') ?? '', UUID, JSON.stringify(bad));
      }
      const none = await get('/nowhere');
      assert.equal(none.status, 404);
      assert.match(none.headers.get('x-request-id') ?? '', UUID);
    });

    test('one JSON log line per request with id, method, path, status, duration and pid', async () => {
      lines.length = 0;
      const res = await get('/cable/NOPE1', { 'X-Request-Id': 'line-test-1' });
      await res.arrayBuffer();
      const line = lines.find((l) => l['requestId'] === 'line-test-1');
      assert.ok(line, JSON.stringify(lines));
      assert.equal(line['msg'], 'request');
      assert.equal(line['level'], 'info');
      assert.equal(line['method'], 'GET');
      assert.equal(line['path'], '/cable/NOPE1');
      assert.equal(line['status'], 404);
      assert.equal(line['pid'], process.pid);
      assert.equal(typeof line['durationMs'], 'number');
      assert.ok(!Number.isNaN(Date.parse(String(line['time']))));
      // Probes are logged at debug level only.
      lines.length = 0;
      await (await get('/healthz')).arrayBuffer();
      assert.equal(lines.length, 0);
    });

    test('/metrics: Prometheus text with requests by route pattern, latency, in flight, database, process', async () => {
      await (await get('/cable/NOPE2')).arrayBuffer();
      const res = await get('/metrics');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      const text = await res.text();
      assert.match(text, /^# TYPE cabledesk_http_requests_total counter$/m);
      assert.match(
        text,
        /^cabledesk_http_requests_total\{method="GET",route="\/cable\/:id",status="404"\} [1-9]\d*$/m,
      );
      assert.doesNotMatch(text, /NOPE2/);
      assert.match(text, /^cabledesk_http_requests_total\{method="GET",route="other",status="404"\} 1$/m);
      assert.match(
        text,
        /^cabledesk_http_request_duration_seconds_bucket\{method="GET",route="\/cable\/:id",le="\+Inf"\} \d+$/m,
      );
      assert.match(
        text,
        /^cabledesk_http_request_duration_seconds_count\{method="GET",route="\/cable\/:id"\} \d+$/m,
      );
      // This very request is in flight while the metrics are read.
      assert.match(text, /^cabledesk_http_requests_in_flight 1$/m);
      assert.match(
        text,
        new RegExp(`^cabledesk_db_connections\\{dialect="${dialect.name}",state="total"\\} \\d+$`, 'm'),
      );
      assert.match(text, /^cabledesk_db_waiting_queries\{dialect="\w+"\} 0$/m);
      const max = dialect.name === 'sqlite' ? 1 : 5;
      assert.match(
        text,
        new RegExp(`^cabledesk_db_connections_max\\{dialect="${dialect.name}"\\} ${max}$`, 'm'),
      );
      for (const name of [
        'process_resident_memory_bytes',
        'nodejs_heap_used_bytes',
        'process_uptime_seconds',
      ]) {
        assert.match(text, new RegExp(`^${name} [0-9.e+]+$`, 'm'), name);
      }
      assert.match(text, /^nodejs_eventloop_lag_seconds\{stat="p99"\} [0-9.e+-]+$/m);
      // Every line is a comment or `name{labels} value`.
      for (const line of text.trimEnd().split('\n')) {
        assert.match(line, /^(# (HELP|TYPE) \w+ .+|[a-zA-Z_:][\w:]*(\{[^}]*\})? \S+)$/, line);
      }
    });

    test('/metrics: loopback only, unless the token; a proxied request is not loopback', async () => {
      assert.equal((await get('/metrics', { 'X-Forwarded-For': '203.0.113.9' })).status, 403);
      assert.equal((await get('/metrics', { Forwarded: 'for=203.0.113.9' })).status, 403);
      assert.equal(
        (
          await get('/metrics', {
            'X-Forwarded-For': '203.0.113.9',
            Authorization: 'Bearer wrong-token-wrong-token',
          })
        ).status,
        403,
      );
      const withToken = await get('/metrics', {
        'X-Forwarded-For': '203.0.113.9',
        Authorization: `Bearer ${TOKEN}`,
      });
      assert.equal(withToken.status, 200);
      await withToken.arrayBuffer();
    });

    test('a failure inside is answered 500 and logged with its request id', async () => {
      lines.length = 0;
      await store.close();
      const res = await get('/cable/06MOSCOW1323', { 'X-Request-Id': 'failing-1' });
      assert.equal(res.status, 500);
      assert.doesNotMatch(await res.text(), /closed|not open|stack|\bat \w+ \(/i);
      const error = lines.find((l) => l['level'] === 'error');
      assert.ok(error, JSON.stringify(lines));
      assert.equal(error['requestId'], 'failing-1');
      assert.equal(error['msg'], 'request failed');
      assert.ok((error['error'] as { message: string }).message);
      const request = lines.find((l) => l['msg'] === 'request');
      assert.equal(request?.['status'], 500);
      assert.equal(request?.['level'], 'warn');
    });
  });
}
