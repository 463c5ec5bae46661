/**
 * `npm run bench:web`: requests per second and latency percentiles of a cable page at 32
 * keep-alive connections, against a reference measured in the same run: a bare node:http server
 * sending the very same HTML bytes and headers. Each server runs in its own child process; the
 * load generator (a closed loop per keep-alive connection, with a minimal HTTP/1.1 client of its
 * own so that it costs little CPU) runs here.
 *
 * Rows: the cable page as served (page cache on: the normal case once a page has been read),
 * the cable page rendered on every request (cache off: the cost of a first visit), and the static
 * reference. Targets for the served page: >= 5,000 requests/s and p99 <= 20 ms.
 *
 * The rows are measured in alternating rounds (--rounds, default 5), so that the load of other
 * processes on the machine weighs on all of them alike.
 *
 * Options: --seconds N (default 10 per row, after 2 s of warm-up), --connections N (32),
 * --path P (default /cable/06MOSCOW1323), --db URL (default: a fresh SQLite file with the sample),
 * --json FILE. The child processes are this same file with CABLEDESK_BENCH_ROLE set.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
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

interface Samples {
  latencies: number[];
  errors: number;
  bytes: number;
  seconds: number;
}

/**
 * One keep-alive connection speaking just enough HTTP/1.1 for this measure: it sends a GET, reads
 * the status line and Content-Length, waits for the whole body, and calls back. Much lighter than
 * node's http client, so that the load generator is not what limits the figures.
 */
class RawClient {
  private socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private started = 0n;
  private readonly request: Buffer;
  onResponse: (status: number, bytes: number, ms: number) => void = () => {};
  onError: () => void = () => {};

  constructor(port: number, path: string) {
    this.request = Buffer.from(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/html\r\n\r\n`,
    );
    this.socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.data(chunk));
    this.socket.on('error', () => this.onError());
  }

  send(): void {
    this.started = process.hrtime.bigint();
    this.socket.write(this.request);
  }

  private data(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffer.subarray(0, headEnd).toString('latin1');
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? '0');
    const total = headEnd + 4 + length;
    if (this.buffer.length < total) return;
    const status = Number(head.slice(9, 12));
    this.buffer = this.buffer.subarray(total);
    this.onResponse(status, length, Number(process.hrtime.bigint() - this.started) / 1e6);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Closed loop for `seconds`: `connections` clients, each sending its next request when the last is done. */
async function load(
  port: number,
  path: string,
  connections: number,
  seconds: number,
  warmup: number,
  into: Samples,
): Promise<void> {
  let measuring = false;
  let running = true;
  const clients = Array.from({ length: connections }, () => {
    const client = new RawClient(port, path);
    client.onResponse = (status, bytes, ms) => {
      if (measuring) {
        if (status !== 200) into.errors++;
        into.latencies.push(ms);
        into.bytes += bytes;
      }
      if (running) client.send();
    };
    client.onError = () => {
      if (measuring) into.errors++;
    };
    client.send();
    return client;
  });
  await new Promise((r) => setTimeout(r, warmup * 1000));
  measuring = true;
  const t0 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  into.seconds += Number(process.hrtime.bigint() - t0) / 1e9;
  running = false;
  await new Promise((r) => setTimeout(r, 200));
  for (const client of clients) client.close();
}

function summarise(name: string, s: Samples): Row {
  const latencies = s.latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    name,
    requests: latencies.length,
    errors: s.errors,
    seconds: s.seconds,
    rps: latencies.length / s.seconds,
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    max: latencies[latencies.length - 1] ?? 0,
    bytes: latencies.length ? s.bytes / latencies.length : 0,
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
      rounds: { type: 'string', default: '5' },
    },
    strict: false,
  });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const path = String(values.path);
  const dir = mkdtempSync(join(tmpdir(), 'cabledesk-bench-web-'));
  const db = typeof values.db === 'string' ? values.db : `sqlite:${join(dir, 'bench.db')}`;
  const rows: Row[] = [];
  const rounds = Math.max(1, Number(values.rounds));
  const children: ChildProcess[] = [];
  try {
    const served = await startChild({
      CABLEDESK_BENCH_ROLE: 'app',
      CABLEDESK_BENCH_DB: db,
      CABLEDESK_BENCH_CACHE: '1000',
    });
    children.push(served.child);
    writeFileSync(join(dir, 'capture.json'), JSON.stringify(await capture(served.port, path)));
    const rendered = await startChild({
      CABLEDESK_BENCH_ROLE: 'app',
      CABLEDESK_BENCH_DB: db,
      CABLEDESK_BENCH_CACHE: '0',
    });
    children.push(rendered.child);
    const reference = await startChild({
      CABLEDESK_BENCH_ROLE: 'static',
      CABLEDESK_BENCH_CAPTURE: join(dir, 'capture.json'),
    });
    children.push(reference.child);
    const targets: [string, number][] = [
      ['cable page (served, page cache on)', served.port],
      ['cable page (rendered every request)', rendered.port],
      ['reference: node:http, same bytes', reference.port],
    ];
    // Rounds alternate between the servers, so that a change in the machine's load hits all alike.
    const samples = targets.map(() => ({ latencies: [], errors: 0, bytes: 0, seconds: 0 }) as Samples);
    for (let round = 0; round < rounds; round++) {
      for (const [i, [, port]] of targets.entries()) {
        await load(port, path, connections, seconds / rounds, round === 0 ? 2 : 0.5, samples[i]!);
      }
    }
    for (const [i, [name]] of targets.entries()) rows.push(summarise(name, samples[i]!));
  } finally {
    for (const child of children) await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `bench:web  ${path}  ${connections} connections, ${seconds} s per row in ${rounds} alternating rounds, after warm-up`,
  );
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
