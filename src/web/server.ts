/**
 * Runs the app on Node's HTTP server: `startServer({ store, port, host, ... })` resolves once it
 * listens (port 0 picks a free port) with the address and a graceful `close()`: stop accepting
 * connections, let the requests in flight finish (answers then say `Connection: close`, idle
 * keep-alive connections are closed) for up to `shutdownTimeoutMs`, then cut what is left; the
 * `onClose` tasks (stopping the job runner, which gives back the jobs it claimed but has not
 * started) run meanwhile; last the store is closed. The metrics count the queue's jobs per state.
 * Keep-alive is on, so a browser or a load test reuses its connections.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createJobQueue } from '../jobs/queue.ts';
import { createLogger } from '../ops/logger.ts';
import { type AppOptions, createApp } from './app.ts';

export interface ServerOptions extends AppOptions {
  port: number;
  host: string;
  /** How long close() lets requests in flight finish before cutting them (default 10 s). */
  shutdownTimeoutMs?: number;
  /**
   * Run by close() while requests drain, before the store is closed: e.g. stopping the job runner
   * (src/linkback/jobs.ts), which gives back the jobs it claimed but has not started.
   */
  onClose?: (() => Promise<void>)[];
}

export interface RunningServer {
  /** `http://HOST:PORT` as it listens. */
  url: string;
  port: number;
  /** Requests being answered now. */
  inFlight(): number;
  /** Graceful stop (see the module comment); resolves when everything is closed. */
  close(): Promise<void>;
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Waits for `server` to close, closing connections as they become idle; cuts them all at the deadline. */
function drain(server: Server, timeoutMs: number): Promise<void> {
  return new Promise<void>((done) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      done();
    });
    server.closeIdleConnections();
  });
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const timeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const logger = options.logger ?? createLogger({ level: 'error', format: 'pretty' });
  const app = createApp({
    ...options,
    logger,
    jobCounts: options.jobCounts ?? (() => createJobQueue(options.store).counts()),
  });
  const onClose = options.onClose ?? [];
  let closing: Promise<void> | null = null;
  const answering = new Set<ServerResponse>();
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        resolve({
          url: `http://${urlHost(options.host)}:${info.port}`,
          port: info.port,
          inFlight: () => answering.size,
          close() {
            closing ??= (async () => {
              for (const res of answering) if (!res.headersSent) res.setHeader('Connection', 'close');
              await Promise.all([
                drain(server as Server, timeoutMs),
                ...onClose.map((task) =>
                  task().catch((error: unknown) => logger.error('stopping failed', { error })),
                ),
              ]);
              await options.store.close();
            })();
            return closing;
          },
        });
      },
    ) as Server;
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      answering.add(res);
      // While closing, no answer keeps its connection open for another request.
      if (closing) res.setHeader('Connection', 'close');
      res.once('close', () => answering.delete(res));
    });
    server.once('error', reject);
  });
}
