/**
 * `npm run bench:load`: several app servers on one PostgreSQL under load. For one and then two
 * `cabledesk serve` processes behind a round-robin balancer (bench/cluster-kit.ts), on a fresh
 * schema of CABLEDESK_PG_URL (or --pg URL) holding the bundled sample, runs a fixed mix for
 * `--seconds` on `--connections` keep-alive connections: cable pages (70%), searches (25%) and
 * comment posts by a logged-in moderator (5%, so no rate limit or moderation queue applies).
 * Prints requests per second and p50/p99 per kind and in all, and the errors (any status other
 * than 200/201). On a 2-core machine the load generator and the servers share the cores, so two
 * servers cannot double the rate; the figure shows what sharing one database costs.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  dropSchema,
  percentile,
  prepareArchive,
  runLoad,
  type Sample,
  sampleRefIds,
  startCluster,
  WORDS,
} from './cluster-kit.ts';

const SCHEMA = 'cabledesk_load_bench';

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

function summarise(label: string, samples: Sample[], seconds: number): string[][] {
  const kinds = ['cable page', 'search', 'comment post', 'all'] as const;
  return kinds.map((kind) => {
    const of = kind === 'all' ? samples : samples.filter((s) => s.kind === kind);
    const ms = of.map((s) => s.ms);
    const errors = of.filter((s) => s.status !== 200 && s.status !== 201);
    const statuses = [...new Set(errors.map((s) => s.status))].sort().join(',');
    return [
      `${label}: ${kind}`,
      String(of.length),
      (of.length / seconds).toFixed(0),
      percentile(ms, 50).toFixed(1),
      percentile(ms, 99).toFixed(1),
      errors.length ? `${errors.length} (${statuses})` : '0',
    ];
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pg: { type: 'string' },
      seconds: { type: 'string', default: '20' },
      connections: { type: 'string', default: '16' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage: npm run bench:load -- [--pg URL] [--seconds N] [--connections N]');
    return;
  }
  const base = values.pg ?? process.env['CABLEDESK_PG_URL'];
  if (!base) {
    console.log('bench:load SKIPPED: it needs PostgreSQL; set CABLEDESK_PG_URL or pass --pg URL');
    return;
  }
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const db = await prepareArchive(base, SCHEMA);
  const refIds = await sampleRefIds();
  const rows: string[][] = [];
  try {
    for (const count of [1, 2]) {
      const { balancer, cookie, stop } = await startCluster(db, count);
      try {
        // A short warm-up (page caches, compiled code), then the measured run.
        await runLoad({ base: balancer.url, seconds: 3, connections, refIds, words: WORDS, cookie });
        const samples = await runLoad({
          base: balancer.url,
          seconds,
          connections,
          refIds,
          words: WORDS,
          cookie,
        });
        rows.push(...summarise(`${count} server${count > 1 ? 's' : ''}`, samples, seconds));
      } finally {
        await stop();
      }
    }
  } finally {
    await dropSchema(base, SCHEMA);
  }
  const head = ['measure', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  console.log(
    `bench:load: ${seconds} s per run, ${connections} connections, PostgreSQL, bundled sample; ` +
      `${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} at the end\n`,
  );
  console.log(row(head, widths));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(row(r, widths));
}

await main();
