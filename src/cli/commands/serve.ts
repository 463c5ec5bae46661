/**
 * `cabledesk serve`: the website and JSON API. Reads its settings (flags > environment > config
 * file > defaults, ./serve-settings.ts), opens the archive (importing the bundled sample first when
 * it is empty, unless --no-sample), listens, and prints `listening on http://HOST:PORT` on standard
 * output once ready; logs go to standard error. With `--workers N` the process is a cluster
 * primary (../../ops/cluster.ts): it migrates and imports once, picks the port (for --port 0),
 * starts N workers on that port and prints the line when all listen. SIGTERM/SIGINT stop it
 * gracefully (requests in flight finish; see ../../web/server.ts) with exit code 0.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:net';
import { startLinkbackJobs } from '../../linkback/jobs.ts';
import { runPrimary, workerMetrics, workerSettings } from '../../ops/cluster.ts';
import { createLogger, type Logger } from '../../ops/logger.ts';
import { type MetricFamily, MetricsRegistry } from '../../ops/metrics.ts';
import { sampleCablesDir, sampleVariantsDir } from '../../sources/sample.ts';
import { runImport, summaryLine } from '../../store/import/importer.ts';
import { openStore } from '../../store/open.ts';
import type { Store } from '../../store/store.ts';
import { type RunningServer, startServer, urlHost } from '../../web/server.ts';
import { CliError } from '../cli-error.ts';
import type { Command } from '../main.ts';
import {
  CONFIG_ENV,
  resolveServeSettings,
  SERVE_SETTINGS_HELP,
  type ServeSettings,
} from './serve-settings.ts';

const HELP = `Usage: cabledesk serve [options]

Serves the archive's website and JSON API. When ready it prints one line on standard output:
  listening on http://HOST:PORT
Logs (one line per request) go to standard error. SIGTERM or Ctrl-C stops it gracefully.

Settings: each has a flag, an environment variable and a key in a JSON config file
(--config FILE or ${CONFIG_ENV}=FILE); a flag wins over the variable, the variable over the
file, the file over the default. Shown as: flag [variable, "file key"].

  --config FILE   [${CONFIG_ENV}]
        a JSON object of settings, e.g. {"port": 8080, "db": "postgres://...", "workers": 2}
${SERVE_SETTINGS_HELP}
  -h, --help
        this text

An empty archive gets the bundled sample (51 real cables and 4 other versions) on first start,
so a fresh clone shows a working site with 'npm start'. See docs/operations.md for running
several servers, logs, metrics (GET /metrics) and health checks (GET /healthz).`;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function open(settings: ServeSettings): Promise<Store> {
  return openStore(settings.db, { poolSize: settings.dbPoolSize }).catch((error: unknown) => {
    throw new CliError(`cannot open the database ${settings.db}: ${describe(error)}`, 1);
  });
}

/** Imports the bundled sample into an empty archive; says so in the log. */
async function importSampleIfEmpty(store: Store, logger: Logger): Promise<void> {
  if ((await store.archiveState()).cables > 0) return;
  logger.info('the archive is empty; importing the bundled sample');
  try {
    const summary = await runImport({
      store,
      paths: [sampleCablesDir, sampleVariantsDir],
      format: 'auto',
      worker: false,
      onProblem: (p) => logger.warn('sample problem', { where: p.where, problem: p.message }),
    });
    logger.info(`sample ${summaryLine(summary)}`);
  } catch (error) {
    throw new CliError(`could not import the sample: ${describe(error)}`, 1);
  }
}

/** Resolves at the first SIGTERM or SIGINT (or when `also` fires). */
function stopSignal(also?: (stop: () => void) => void): Promise<string> {
  return new Promise((resolve) => {
    const stop = (why: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(why);
    };
    const onInt = stop('SIGINT');
    const onTerm = stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    also?.(stop('primary gone'));
  });
}

/** One server process: listens, then serves until a signal; closes gracefully. */
async function serveOne(
  settings: ServeSettings,
  store: Store,
  logger: Logger,
  options: { metrics?: MetricsRegistry; gatherMetrics?: () => Promise<MetricFamily[]> } = {},
): Promise<RunningServer> {
  // Linkback verification and sending run from the database job queue, in every server process.
  const jobs = startLinkbackJobs(store, {
    ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
    send: settings.sendLinkbacks,
    blockedHosts: settings.linkbackBlocklist,
    onError: (error, job) => logger.error('job failed', { job: job?.id, kind: job?.kind, error }),
    // Stopping waits for running jobs as long as requests may drain, no longer.
    runner: { stopTimeoutMs: settings.shutdownTimeoutMs },
  });
  return startServer({
    store,
    linkbacks: jobs.linkbacks,
    jobCounts: jobs.counts,
    onClose: [jobs.stop],
    port: settings.port,
    host: settings.host,
    ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
    pageCacheSize: settings.pageCacheSize,
    cacheCheckMs: settings.cacheCheckMs,
    trustedProxies: settings.trustedProxies,
    oidcProviders: settings.oidcProviders,
    ...(settings.metricsToken ? { metricsToken: settings.metricsToken } : {}),
    shutdownTimeoutMs: settings.shutdownTimeoutMs,
    logger,
    ...options,
  }).catch(async (error: unknown) => {
    await jobs.stop();
    await store.close();
    throw new CliError(`cannot listen on ${settings.host}:${settings.port}: ${describe(error)}`, 1);
  });
}

async function stopGracefully(server: RunningServer, logger: Logger, why: string): Promise<void> {
  logger.info('stopping', { signal: why, inFlight: server.inFlight() });
  await server.close();
  logger.info('stopped');
}

/** A free port on `host`, for `--port 0` with several workers (they must all use the same one). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function loggerFor(settings: ServeSettings): Logger {
  return createLogger({ format: settings.logFormat, level: settings.logLevel });
}

async function runWorker(): Promise<number> {
  try {
    const settings = await workerSettings<ServeSettings>();
    const logger = loggerFor(settings);
    const store = await open(settings);
    const metrics = new MetricsRegistry();
    const server = await serveOne(settings, store, logger, {
      metrics,
      gatherMetrics: workerMetrics(() => metrics.families()),
    });
    const why = await stopSignal((stop) => process.once('disconnect', stop));
    await stopGracefully(server, logger, why);
    return 0;
  } finally {
    // The channel to the primary would keep this process alive.
    if (process.connected) process.disconnect();
  }
}

async function runCluster(settings: ServeSettings, logger: Logger): Promise<number> {
  const store = await open(settings);
  try {
    if (settings.sample) await importSampleIfEmpty(store, logger);
  } finally {
    await store.close();
  }
  const port = settings.port === 0 ? await freePort(settings.host) : settings.port;
  const url = `http://${urlHost(settings.host)}:${port}`;
  const code = await runPrimary({
    workers: settings.workers,
    settings: { ...settings, port },
    logger,
    stopTimeoutMs: settings.shutdownTimeoutMs + 5000,
    onReady() {
      logger.info('listening', { url, workers: settings.workers });
      process.stdout.write(`listening on ${url}\n`);
    },
  });
  if (code !== 0) throw new CliError('the workers could not start (see the log above)', 1);
  logger.info('stopped');
  return 0;
}

export const command: Command = {
  summary: 'serve the website and JSON API',
  help: HELP,
  async run(argv) {
    if (cluster.isWorker) return runWorker();
    const { values: settings, file } = resolveServeSettings(argv);
    const logger = loggerFor(settings);
    if (file) logger.debug('settings read', { file });
    if (settings.workers > 1) return runCluster(settings, logger);
    const store = await open(settings);
    try {
      if (settings.sample) await importSampleIfEmpty(store, logger);
    } catch (error) {
      await store.close();
      throw error;
    }
    const server = await serveOne(settings, store, logger);
    logger.info('listening', { url: server.url });
    process.stdout.write(`listening on ${server.url}\n`);
    await stopGracefully(server, logger, await stopSignal());
    return 0;
  },
};
