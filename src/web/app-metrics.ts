/**
 * The metrics of one app process: HTTP requests (observe.ts), the Node process (memory, CPU, event
 * loop lag, uptime), the database connections (`Store.connections()`: PostgreSQL's pool, or
 * SQLite's one connection) and, when the app runs a job queue, its jobs per state.
 */
import { gaugeFamily, type MetricsRegistry } from '../ops/metrics.ts';
import { processCollector } from '../ops/process-metrics.ts';
import type { Store } from '../store/store.ts';
import { type HttpMetrics, httpMetrics } from './observe.ts';

export function appMetrics(
  registry: MetricsRegistry,
  store: Store,
  jobCounts?: () => Promise<Partial<Record<string, number>>>,
): HttpMetrics {
  registry.collect(processCollector());
  registry.collect(() => {
    const db = store.connections();
    return [
      gaugeFamily('cabledesk_db_connections', 'Database connections of this process, by state.', [
        [{ dialect: store.dialect, state: 'total' }, db.total],
        [{ dialect: store.dialect, state: 'idle' }, db.idle],
        [{ dialect: store.dialect, state: 'busy' }, db.total - db.idle],
      ]),
      gaugeFamily('cabledesk_db_connections_max', 'Connections the pool may open at most.', [
        [{ dialect: store.dialect }, db.max],
      ]),
      gaugeFamily('cabledesk_db_waiting_queries', 'Queries waiting for a free database connection.', [
        [{ dialect: store.dialect }, db.waiting],
      ]),
    ];
  });
  if (jobCounts) {
    registry.collect(async () => [
      gaugeFamily(
        'cabledesk_jobs',
        'Jobs in the queue, by state (the whole queue, shared by every server).',
        Object.entries(await jobCounts()).map(([state, n]) => [{ state }, n ?? 0]),
      ),
    ]);
  }
  return httpMetrics(registry);
}
