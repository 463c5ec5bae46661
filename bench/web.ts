/**
 * `npm run bench:web`: requests per second and latency percentiles of a cable page at 32
 * keep-alive connections, against a reference measured in the same run: a bare node:http server
 * sending the very same HTML bytes and headers. Each server runs in its own child process; the
 * load generator (a closed loop per connection over a keep-alive http.Agent) runs here.
 *
 * Rows: the cable page as served (page cache on: the normal case once a page has been read),
 * the cable page rendered on every request (cache off: the cost of a first visit), and the static
 * reference. Targets for the served page: >= 5,000 requests/s and p99 <= 20 ms.
 *
 * Options: --seconds N (default 10 per row, after 2 s of warm-up), --connections N (32),
 * --path P (default /cable/06MOSCOW1323), --db URL (default: a fresh SQLite file with the sample),
 * --json FILE. The child processes are this same file with CABLEDESK_BENCH_ROLE set.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const role = process.env['CABLEDESK_BENCH_ROLE'];

/** Child: the app on a store (imports the sample when empty), prints its port. */
async function serveApp(): Promise<void> {
  const { openStore } = await import('../src/store/open.ts');
  const { runImport } = await import('../src/store/import/importer.ts');
  const { sampleCablesDir, sampleVariantsDir } = await import('../src/sources/sample.ts');
  const { startServer } = await import('../src/web/server.ts');
  const store = await openStore(process.env['CABLEDESK_BENCH_DB']!);
  if ((await store.archiveState()).cables === 0) {
    await runImport({ store, paths: [sampleCablesDir, sampleVariantsDir], format: 'auto', worker: false });
  }
  const cacheSize = Number(process.env['CABLEDESK_BENCH_CACHE'] ?? '1000');
  const server = await startServer({ store, port: 0, host: '127.0.0.1', pageCacheSize: cacheSize });
  process.stdout.write(`${server.port}\n`);
}

/** Child: a bare node:http server answering every request with the captured response. */
function serveStatic(): void {
  const captured = JSON.parse(readFileSync(process.env['CABLEDESK_BENCH_CAPTURE']!, 'utf8')) as {
    headers: Record<string, string>;
    body: string;
  };
  const body = Buffer.from(captured.body, 'utf8');
  const headers = { ...captured.headers, 'content-length': String(body.length) };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  server.keepAliveTimeout = 5000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

interface Row {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  bytes: number;
}

function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', self], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(\d+)\n/.exec(out);
      if (line) resolve({ child, port: Number(line[1]) });
    });
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function fetchOnce(
  agent: http.Agent,
  port: number,
  path: string,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function capture(port: number, path: string): Promise<{ headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (
              typeof v === 'string' &&
              !['date', 'connection', 'keep-alive', 'content-length'].includes(k)
            ) {
              headers[k] = v;
            }
          }
          if (res.statusCode !== 200) reject(new Error(`${path} answered ${res.statusCode}`));
          else resolve({ headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      })
      .on('error', reject);
  });
}

/** Closed loop: `connections` clients, each sending its next request when the last one is done. */
async function load(
  name: string,
  port: number,
  path: string,
  connections: number,
  seconds: number,
  warmup: number,
): Promise<Row> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let measuring = false;
  let running = true;
  const client = async () => {
    while (running) {
      const start = process.hrtime.bigint();
      try {
        const res = await fetchOnce(agent, port, path);
        if (measuring) {
          if (res.status !== 200) errors++;
          latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
          bytes += res.bytes;
        }
      } catch {
        if (measuring) errors++;
      }
    }
  };
  const clients = Array.from({ length: connections }, client);
  await new Promise((r) => setTimeout(r, warmup * 1000));
  measuring = true;
  const t0 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  running = false;
  await Promise.all(clients);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    name,
    requests: latencies.length,
    errors,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    max: latencies[latencies.length - 1] ?? 0,
    bytes: latencies.length ? bytes / latencies.length : 0,
  };
}

function table(rows: Row[]): string {
  const head = ['measure', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'bytes/resp'];
  const lines = rows.map((r) => [
    r.name,
    r.rps.toFixed(0),
    r.p50.toFixed(2),
    r.p90.toFixed(2),
    r.p99.toFixed(2),
    r.max.toFixed(1),
    String(r.errors),
    r.bytes.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [head, ...lines]
    .map((l) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      path: { type: 'string', default: '/cable/06MOSCOW1323' },
      db: { type: 'string' },
      json: { type: 'string' },
    },
    strict: false,
  });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const path = String(values.path);
  const dir = mkdtempSync(join(tmpdir(), 'cabledesk-bench-web-'));
  const db = typeof values.db === 'string' ? values.db : `sqlite:${join(dir, 'bench.db')}`;
  const rows: Row[] = [];
  try {
    for (const [name, cache] of [
      ['cable page (served, page cache on)', '1000'],
      ['cable page (rendered every request)', '0'],
    ] as const) {
      const { child, port } = await startChild({
        CABLEDESK_BENCH_ROLE: 'app',
        CABLEDESK_BENCH_DB: db,
        CABLEDESK_BENCH_CACHE: cache,
      });
      try {
        if (rows.length === 0)
          writeFileSync(join(dir, 'capture.json'), JSON.stringify(await capture(port, path)));
        rows.push(await load(name, port, path, connections, seconds, 2));
      } finally {
        await stopChild(child);
      }
    }
    const { child, port } = await startChild({
      CABLEDESK_BENCH_ROLE: 'static',
      CABLEDESK_BENCH_CAPTURE: join(dir, 'capture.json'),
    });
    try {
      rows.push(await load('reference: node:http, same bytes', port, path, connections, seconds, 2));
    } finally {
      await stopChild(child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`bench:web  ${path}  ${connections} connections, ${seconds} s per row after 2 s warm-up`);
  console.log(table(rows));
  const served = rows[0]!;
  const reference = rows[2]!;
  console.log(`\nserved / reference throughput: ${((100 * served.rps) / reference.rps).toFixed(0)}%`);
  console.log(`target >= 5,000 req/s: ${served.rps >= 5000 ? 'PASS' : 'FAIL'} (${served.rps.toFixed(0)})`);
  console.log(`target p99 <= 20 ms:   ${served.p99 <= 20 ? 'PASS' : 'FAIL'} (${served.p99.toFixed(2)} ms)`);
  if (typeof values.json === 'string') writeFileSync(values.json, `${JSON.stringify(rows, null, 2)}\n`);
}

if (role === 'app') await serveApp();
else if (role === 'static') serveStatic();
else await main();
