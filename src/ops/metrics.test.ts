/**
 * Tests of the metrics registry and its text exposition (format 0.0.4): HELP and TYPE before each
 * family, labels escaped, cumulative histogram buckets with +Inf, _sum and _count, collectors
 * asked at every scrape (a failing one left out), and several workers' families joined.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gaugeFamily, joinWorkerFamilies, MetricsRegistry, renderMetrics } from './metrics.ts';

test('counters and gauges are written with HELP, TYPE and escaped labels', async () => {
  const registry = new MetricsRegistry();
  const requests = registry.counter('app_requests_total', 'Requests.\nAll of them.', ['route']);
  requests.inc({ route: '/a' });
  requests.inc({ route: '/a' }, 2);
  requests.inc({ route: 'say "hi"\\\n' });
  const busy = registry.gauge('app_busy', 'Busy.');
  busy.inc();
  busy.inc();
  busy.dec();
  assert.equal(
    renderMetrics(await registry.families()),
    [
      '# HELP app_requests_total Requests.\\nAll of them.',
      '# TYPE app_requests_total counter',
      'app_requests_total{route="/a"} 3',
      'app_requests_total{route="say \\"hi\\"\\\\\\n"} 1',
      '# HELP app_busy Busy.',
      '# TYPE app_busy gauge',
      'app_busy 1',
      '',
    ].join('\n'),
  );
});

test('histograms: cumulative buckets, +Inf, sum and count per label set', async () => {
  const registry = new MetricsRegistry();
  const h = registry.histogram('app_seconds', 'Time.', ['m'], [0.1, 1]);
  h.observe({ m: 'GET' }, 0.05);
  h.observe({ m: 'GET' }, 0.5);
  h.observe({ m: 'GET' }, 3);
  const text = renderMetrics(await registry.families());
  assert.match(text, /^# TYPE app_seconds histogram$/m);
  for (const line of [
    'app_seconds_bucket{m="GET",le="0.1"} 1',
    'app_seconds_bucket{m="GET",le="1"} 2',
    'app_seconds_bucket{m="GET",le="+Inf"} 3',
    'app_seconds_sum{m="GET"} 3.55',
    'app_seconds_count{m="GET"} 3',
  ]) {
    assert.ok(text.includes(`${line}\n`), line);
  }
});

test('collectors are asked at each scrape; one that fails is left out', async () => {
  const registry = new MetricsRegistry();
  let n = 0;
  registry.collect(() => [gaugeFamily('app_n', 'N.', [[{}, ++n]])]);
  registry.collect(() => {
    throw new Error('database down');
  });
  assert.match(renderMetrics(await registry.families()), /^app_n 1$/m);
  assert.match(renderMetrics(await registry.families()), /^app_n 2$/m);
});

test('bad names are refused; the same name twice too', () => {
  const registry = new MetricsRegistry();
  assert.throws(() => registry.counter('bad-name', 'x'));
  assert.throws(() => registry.counter('ok', 'x', ['le']));
  registry.gauge('twice', 'x');
  assert.throws(() => registry.gauge('twice', 'x'));
});

test('workers: families joined, each sample labelled with its worker', () => {
  const family = (value: number) => [gaugeFamily('app_up', 'Up.', [[{ a: 'b' }, value]])];
  const joined = joinWorkerFamilies([
    { pid: 11, families: family(1) },
    { pid: 12, families: family(2) },
  ]);
  assert.equal(
    renderMetrics(joined),
    '# HELP app_up Up.\n# TYPE app_up gauge\napp_up{a="b",worker="11"} 1\napp_up{a="b",worker="12"} 2\n',
  );
});
