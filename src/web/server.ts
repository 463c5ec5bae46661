/**
 * Runs the app on Node's HTTP server: `startServer({ store, port, host })` resolves once it
 * listens (port 0 picks a free port) with the address and a `close()` that stops accepting,
 * finishes open requests and closes the store. Keep-alive is on, so a browser or a load test
 * reuses its connections.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Store } from '../store/store.ts';
import { createApp } from './app.ts';

export interface ServerOptions {
  store: Store;
  port: number;
  host: string;
  publicUrl?: string;
  /** See AppOptions.pageCacheSize. */
  pageCacheSize?: number;
}

export interface RunningServer {
  /** `http://HOST:PORT` as it listens. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = createApp({
    store: options.store,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.pageCacheSize === undefined ? {} : { pageCacheSize: options.pageCacheSize }),
  });
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const url = `http://${urlHost(options.host)}:${info.port}`;
        resolve({
          url,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              if ('closeIdleConnections' in server) server.closeIdleConnections();
            }).then(() => options.store.close()),
        });
      },
    );
    server.once('error', reject);
  });
}
