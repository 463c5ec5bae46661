/**
 * What the load benchmark (bench/load.ts) and the fault suite (bench/faults.ts) share: a fresh
 * PostgreSQL schema with the bundled sample and a moderator account, `cabledesk serve` child
 * processes on it, a small round-robin load balancer in front of them (servers, balancer and the
 * moderator's log-in started and stopped together by startCluster), and a load generator (cable
 * pages, searches, comment posts) that records every request's kind, status and latency.
 *
 * The balancer does what nginx or HAProxy do with `proxy_next_upstream error`: a request whose
 * connection to a server fails before it was sent goes to the next server (nothing was done), a
 * server that refuses connections is left out for a second; a request whose server dies while it
 * is in flight is answered 502 (it may or may not have happened, so it is not retried).
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { parseCable } from '../src/cable/parse.ts';
import { cabledeskBin, type ServeProcess, spawnServe } from '../src/cli/serve-process.ts';
import { readCables } from '../src/sources/index.ts';
import { sampleCablesDir, sampleVariantsDir } from '../src/sources/sample.ts';

/** The searches of the mix: words, a phrase, OR, a field, an exclusion. */
export const WORDS = [
  'minister',
  'government',
  'election',
  'security',
  '"prime minister"',
  'oil OR gas',
  'tag:PREL',
  'nuclear -iran',
];

/** The (canonical) reference ids of the bundled sample's cables. */
export async function sampleRefIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of readCables([sampleCablesDir], 'auto'))
    if (item.cable) ids.push(parseCable(item.cable).refId);
  return ids;
}

export const MODERATOR = { email: 'load@example.org', password: 'load-test-password-1' };

/** Runs a cabledesk command to completion; throws with its output when it fails. */
function cabledesk(args: string[]): void {
  const r = spawnSync(process.execPath, [cabledeskBin, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cabledesk ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}

/** A fresh schema of `baseUrl` holding the sample and a moderator; returns its database URL. */
export async function prepareArchive(baseUrl: string, schema: string): Promise<string> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
  const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}schema=${schema}`;
  cabledesk(['import', '--db', url, sampleCablesDir, sampleVariantsDir]);
  cabledesk([
    'user',
    'add',
    '--db',
    url,
    '--email',
    MODERATOR.email,
    '--password',
    MODERATOR.password,
    '--role',
    'moderator',
  ]);
  return url;
}

export async function dropSchema(baseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

/** Starts `cabledesk serve` on a free loopback port of the database `db` (src/cli/serve-process.ts). */
function startAppServer(db: string): Promise<ServeProcess> {
  return spawnServe(['--port', '0', '--host', '127.0.0.1', '--no-sample'], {
    env: { CABLEDESK_DB: db, CABLEDESK_LOG_LEVEL: 'warn' },
    timeoutMs: 30_000,
  });
}

export interface Balancer {
  url: string;
  close: () => Promise<void>;
  /** Requests answered 502 because their server went away while they were in flight. */
  lostInFlight: () => number;
}

/** The round-robin balancer (see the module comment). */
export async function startBalancer(backends: string[]): Promise<Balancer> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const downUntil = new Map<string, number>();
  let next = 0;
  let lost = 0;
  const pick = (tried: Set<string>): string | null => {
    for (let k = 0; k < backends.length; k++) {
      const b = backends[(next + k) % backends.length]!;
      if (tried.has(b) || (downUntil.get(b) ?? 0) > Date.now()) continue;
      next = (next + k + 1) % backends.length;
      return b;
    }
    return backends.find((b) => !tried.has(b)) ?? null;
  };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const tried = new Set<string>();
    const attempt = (): void => {
      const backend = pick(tried);
      if (!backend) {
        res.writeHead(502).end('no server answers');
        return;
      }
      tried.add(backend);
      const target = new URL(req.url ?? '/', backend);
      let sent = false;
      const up = http.request(
        target,
        { method: req.method, headers: req.headers, agent }, // Host kept, as a reverse proxy does
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.once('error', () => res.destroy());
        },
      );
      up.once('finish', () => {
        sent = true;
      });
      up.once('error', (error: NodeJS.ErrnoException) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (!sent || error.code === 'ECONNREFUSED') {
          downUntil.set(backend, Date.now() + 1000);
          attempt();
          return;
        }
        lost++;
        res.writeHead(502).end('the server went away during the request');
      });
      up.end(body);
    };
    attempt();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lostInFlight: () => lost,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

export type Kind = 'cable page' | 'search' | 'comment post';

export interface Sample {
  kind: Kind;
  status: number;
  ms: number;
  /** When the request started, ms since the load began. */
  at: number;
  /** For a comment post answered 201: the comment's id. */
  commentId?: number;
}

interface Plain {
  status: number;
  body: string;
}

function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  agent: http.Agent,
): Promise<Plain> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: 0, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(init.body);
  });
}

/** Logs the moderator in through `base`; the session cookie. */
export async function logIn(base: string): Promise<string> {
  const agent = new http.Agent();
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.request(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      agent,
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end(JSON.stringify(MODERATOR));
  });
  res.resume();
  const cookie = (res.headers['set-cookie'] ?? [])[0]?.split(';')[0];
  if (res.statusCode !== 200 || !cookie) throw new Error(`log-in failed: ${res.statusCode}`);
  return cookie;
}

/** `count` app servers on one database behind a balancer, the moderator logged in through it. */
export interface Cluster {
  servers: ServeProcess[];
  balancer: Balancer;
  /** The moderator's session cookie. */
  cookie: string;
  /** Closes the balancer, then stops every server still running (gracefully). */
  stop: () => Promise<void>;
}

/** Starts a Cluster (servers one after another); what was started is stopped again if a step fails. */
export async function startCluster(db: string, count: number): Promise<Cluster> {
  const servers: ServeProcess[] = [];
  let balancer: Balancer | null = null;
  const stop = async () => {
    await balancer?.close();
    for (const s of servers) await s.stop();
  };
  try {
    for (let i = 0; i < count; i++) servers.push(await startAppServer(db));
    balancer = await startBalancer(servers.map((s) => s.url));
    const cookie = await logIn(balancer.url);
    return { servers, balancer, cookie, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface LoadOptions {
  base: string;
  seconds: number;
  connections: number;
  refIds: string[];
  words: string[];
  cookie: string;
  /** Share of comment posts (default 0.05) and searches (default 0.25); the rest are cable pages. */
  posts?: number;
  searches?: number;
  /** Called once, `atSeconds` after the start (a fault to inject). */
  during?: { atSeconds: number; run: () => Promise<void> | void };
}

/** Runs the mix for `seconds` on `connections` keep-alive connections; every request's sample. */
export async function runLoad(options: LoadOptions): Promise<Sample[]> {
  const { base, refIds, words, cookie } = options;
  const posts = options.posts ?? 0.05;
  const searches = options.searches ?? 0.25;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const samples: Sample[] = [];
  const start = performance.now();
  const end = start + options.seconds * 1000;
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const pickOf = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  let fault: Promise<void> | null = null;
  if (options.during) {
    const { atSeconds, run } = options.during;
    fault = new Promise<void>((resolve) => setTimeout(resolve, atSeconds * 1000)).then(run);
  }
  let posted = 0;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const roll = random();
      const t0 = performance.now();
      let kind: Kind;
      let res: Plain;
      if (roll < posts) {
        kind = 'comment post';
        const refId = pickOf(refIds);
        res = await request(
          `${base}/api/cables/${refId}/comments`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: base, cookie },
            body: JSON.stringify({ body: `Load test comment ${++posted} on ${refId}.` }),
          },
          agent,
        );
      } else if (roll < posts + searches) {
        kind = 'search';
        res = await request(`${base}/api/search?q=${encodeURIComponent(pickOf(words))}`, {}, agent);
      } else {
        kind = 'cable page';
        res = await request(`${base}/cable/${pickOf(refIds)}`, {}, agent);
      }
      const sample: Sample = { kind, status: res.status, ms: performance.now() - t0, at: t0 - start };
      if (kind === 'comment post' && res.status === 201)
        sample.commentId = (JSON.parse(res.body) as { id: number }).id;
      samples.push(sample);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  await fault;
  agent.destroy();
  return samples;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Restarts the local PostgreSQL with CABLEDESK_PG_RESTART (a shell command); false when unset. */
export async function restartPostgres(): Promise<boolean> {
  const command = process.env['CABLEDESK_PG_RESTART'];
  if (!command) return false;
  const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`restarting PostgreSQL failed (${command}):\n${output}`);
  return true;
}
