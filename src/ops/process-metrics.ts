/**
 * Metrics of the Node process itself, asked at scrape time: resident memory, heap, CPU time,
 * uptime and start time, and event loop lag (mean, p99 and max since the previous scrape, from
 * `perf_hooks.monitorEventLoopDelay`). Names follow the usual Prometheus client conventions
 * (`process_*`, `nodejs_*`) so common dashboards read them.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type Collector, gaugeFamily, type MetricFamily } from './metrics.ts';

const startedAt = Date.now() - process.uptime() * 1000;

export function processCollector(): Collector {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return (): MetricFamily[] => {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    const seconds = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0);
    const lag = {
      mean: seconds(delay.mean),
      p99: seconds(delay.percentile(99)),
      max: seconds(delay.max),
    };
    delay.reset();
    return [
      gaugeFamily('process_resident_memory_bytes', 'Resident memory size in bytes.', [[{}, memory.rss]]),
      gaugeFamily('nodejs_heap_used_bytes', 'V8 heap in use, in bytes.', [[{}, memory.heapUsed]]),
      gaugeFamily('nodejs_heap_total_bytes', 'V8 heap allocated, in bytes.', [[{}, memory.heapTotal]]),
      gaugeFamily('nodejs_external_memory_bytes', 'Memory of C++ objects bound to JavaScript, in bytes.', [
        [{}, memory.external],
      ]),
      {
        name: 'process_cpu_seconds_total',
        help: 'User and system CPU time spent, in seconds.',
        type: 'counter',
        samples: [{ name: 'process_cpu_seconds_total', labels: {}, value: (cpu.user + cpu.system) / 1e6 }],
      },
      gaugeFamily(
        'process_start_time_seconds',
        'Start time of the process since the Unix epoch, in seconds.',
        [[{}, Math.round(startedAt / 1000)]],
      ),
      gaugeFamily('process_uptime_seconds', 'Seconds since the process started.', [[{}, process.uptime()]]),
      gaugeFamily(
        'nodejs_eventloop_lag_seconds',
        'Event loop delay since the previous scrape, in seconds (mean, p99, max).',
        [
          [{ stat: 'mean' }, lag.mean],
          [{ stat: 'p99' }, lag.p99],
          [{ stat: 'max' }, lag.max],
        ],
      ),
    ];
  };
}
