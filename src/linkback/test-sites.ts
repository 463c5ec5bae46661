/**
 * For tests: small real HTTP sites on loopback addresses (127.0.0.x) that play the other side of
 * a linkback: pages set per path (status, headers, body), and every request recorded (method,
 * path, headers, body), so a test can serve a source page, change it, make it answer 410, or act
 * as a blog that receives our webmentions and pingbacks. Each site's `host:port` goes into
 * CABLEDESK_FETCH_ALLOW, since the safe fetcher refuses loopback otherwise.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Page {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface Received {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface TestSite {
  /** `http://127.0.0.x:PORT` */
  origin: string;
  /** `127.0.0.x:PORT`, for the allow list. */
  hostPort: string;
  /** A page, or a function of the request answering one (awaited: it may act before answering). */
  pages: Map<string, Page | ((request: Received) => Page | Promise<Page>)>;
  received: Received[];
  close(): Promise<void>;
}

export async function startTestSite(host = '127.0.0.1'): Promise<TestSite> {
  const pages = new Map<string, Page | ((request: Received) => Page | Promise<Page>)>();
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const request: Received = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      const entry = pages.get(request.path.replace(/\?.*$/, ''));
      const page = typeof entry === 'function' ? await entry(request) : entry;
      if (!page) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res
        .writeHead(page.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...page.headers })
        .end(page.body ?? '');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host}:${port}`,
    hostPort: `${host}:${port}`,
    pages,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Polls `check` until it answers true (or throws after `timeoutMs`). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
