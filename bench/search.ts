/**
 * `npm run bench:search`: search speed at the size of the full release. Generates `--count`
 * cables (default 251,287) with src/generate once (cached as cables.csv in `--csv-dir`, shared with
 * bench/import.ts), imports them once into SQLite (`--db-dir`, default /tmp/cabledesk-search-bench)
 * and PostgreSQL (schema `cabledesk_search_bench` of CABLEDESK_PG_URL; `--no-pg` skips), and
 * keeps both between runs. Then runs a fixed mix of queries (rare, medium and very common words,
 * two-word searches, phrases, OR / NOT / prefixes, filters, filter-only searches (facets of large
 * sets), sorts by date, deep pages) through the same code as the website (facets and timeline
 * included in every query), twice per database:
 *   - cold: with no stored snapshot of large matches (the first time anyone searches a word);
 *   - warm: the same mix again (snapshots of large matches built by the cold pass).
 * Prints p50 and p99 per kind of query and for the whole mix; targets on SQLite (warm): p50 <= 5 ms,
 * p99 <= 30 ms. Words are picked from the SQLite index's vocabulary by how many cables hold them,
 * the same way on every run (sorted, evenly spaced).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { generateCorpus } from '../src/generate/generate.ts';
import type { SearchRequest } from '../src/search/backend.ts';
import { openSearch } from '../src/search/open.ts';
import { openStore } from '../src/store/open.ts';

const TARGET_P50 = 5;
const TARGET_P99 = 30;
const SCHEMA = 'cabledesk_search_bench';
const root = fileURLToPath(new URL('..', import.meta.url));

interface Query {
  kind: string;
  request: SearchRequest;
}

function run(args: string[]): void {
  const r = spawnSync(process.execPath, [join(root, 'bin/cabledesk.js'), ...args], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`cabledesk ${args[0]} failed`);
}

/** `n` evenly spaced items of a list. */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

/** Index words by the number of cables holding them (from FTS5's own vocabulary). */
function vocabulary(dbPath: string, total: number) {
  const db = new Database(dbPath, { readonly: false });
  db.exec(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, 'cable_search', 'row')",
  );
  const rows = db.prepare('SELECT term, doc FROM temp.search_vocab').all() as { term: string; doc: number }[];
  db.close();
  const words = rows.filter((r) => /^[a-z]{4,}$/.test(r.term)).sort((a, b) => (a.term < b.term ? -1 : 1));
  return {
    rare: words.filter((r) => r.doc >= 5 && r.doc <= 200).map((r) => r.term),
    medium: words.filter((r) => r.doc >= 2000 && r.doc <= 20000).map((r) => r.term),
    common: words.filter((r) => r.doc >= total * 0.3).map((r) => r.term),
  };
}

function mix(v: ReturnType<typeof vocabulary>): Query[] {
  const rare = spread(v.rare, 40);
  const medium = spread(v.medium, 40);
  const common = spread(v.common, 30);
  const q: Query[] = [];
  for (const w of rare) q.push({ kind: 'rare word', request: { q: w } });
  for (const w of medium) q.push({ kind: 'medium word', request: { q: w } });
  for (const w of common) q.push({ kind: 'common word', request: { q: w } });
  for (let i = 0; i < 20; i++) {
    q.push({
      kind: 'two words',
      request: { q: `${common[i % common.length]} ${medium[(i * 7) % medium.length]}` },
    });
  }
  for (let i = 0; i < 10; i++) {
    q.push({ kind: 'two common words', request: { q: `${common[i]} ${common[(i + 11) % common.length]}` } });
  }
  const phrases = [
    'prime minister',
    'human rights',
    'foreign minister',
    'united states',
    'security council',
    'president bush',
    'national security',
    'economic growth',
    'nuclear program',
    'state department',
    'civil society',
    'foreign affairs',
    'european union',
    'security forces',
    'deputy minister',
    'ambassador met',
    'political parties',
    'private sector',
    'end summary',
    'press reports',
  ];
  for (const p of phrases) q.push({ kind: 'phrase', request: { q: `"${p}"` } });
  for (let i = 0; i < 10; i++) {
    q.push({ kind: 'or / not / prefix', request: { q: `${medium[i]} OR ${medium[i + 20]}` } });
    q.push({ kind: 'or / not / prefix', request: { q: `${common[i]} -${medium[i + 5]}` } });
    q.push({ kind: 'or / not / prefix', request: { q: `${medium[i + 10]!.slice(0, 4)}*` } });
  }
  const filters: Partial<SearchRequest>[] = [
    { classification: 'SECRET' },
    { tag: 'PREL' },
    { from: '2008', to: '2008' },
    { origin: 'Secretary of State' },
    { tag: 'PGOV' },
    { classification: 'UNCLASSIFIED' },
    { from: '2009-06' },
    { to: '2005' },
    { origin: 'Embassy Baghdad' },
    { tag: 'ECON' },
  ];
  for (let i = 0; i < 20; i++) {
    const word = i % 2 ? common[i % common.length] : medium[i];
    q.push({ kind: 'word + filter', request: { q: word!, ...filters[i % filters.length] } });
  }
  for (const f of filters) q.push({ kind: 'filters only (facets)', request: { q: '', ...f } });
  for (let i = 0; i < 20; i++) {
    const word = i % 2 ? common[i % common.length]! : medium[i]!;
    q.push({ kind: 'sort by date', request: { q: word, sort: i % 4 < 2 ? '-date' : 'date' } });
  }
  for (let i = 0; i < 20; i++) {
    const word = i % 2 ? common[i % common.length]! : medium[i]!;
    q.push({
      kind: 'deep page',
      request: { q: word, page: 50 + i * 10, sort: i % 3 ? 'relevance' : '-date' },
    });
  }
  return q;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(url: string, queries: Query[], label: string): Promise<Map<string, number[]>[]> {
  const store = await openStore(url);
  const backend = await openSearch(store);
  // Cold: no snapshot of any large match yet (the catalogue snapshot is kept: it is startup).
  if (store.dialect === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length));
    db.prepare("DELETE FROM search_snapshots WHERE name LIKE 'match:%'").run();
    db.close();
  } else {
    const client = new pg.Client({ connectionString: url.replace(/\?schema=.*$/, '') });
    await client.connect();
    await client.query(`DELETE FROM ${SCHEMA}.search_snapshots WHERE name LIKE 'match:%'`);
    await client.end();
  }
  let start = performance.now();
  await backend.search({ q: '', limit: 1 });
  process.stderr.write(`${label}: catalogue loaded in ${(performance.now() - start).toFixed(0)} ms\n`);
  const passes: Map<string, number[]>[] = [];
  for (const pass of ['cold', 'warm']) {
    const times = new Map<string, number[]>();
    start = performance.now();
    for (const query of queries) {
      const t = performance.now();
      await backend.search(query.request);
      const ms = performance.now() - t;
      for (const kind of [query.kind, 'whole mix']) times.set(kind, [...(times.get(kind) ?? []), ms]);
    }
    process.stderr.write(
      `${label} ${pass}: ${queries.length} queries in ${((performance.now() - start) / 1000).toFixed(1)} s\n`,
    );
    passes.push(times);
  }
  await store.close();
  return passes;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '251287' },
      seed: { type: 'string', default: 'bench' },
      'csv-dir': { type: 'string', default: 'bench/out/import' },
      'db-dir': { type: 'string', default: '/tmp/cabledesk-search-bench' },
      'no-pg': { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const csvDir = resolve(values['csv-dir']);
  const dbDir = resolve(values['db-dir']);
  mkdirSync(csvDir, { recursive: true });
  mkdirSync(dbDir, { recursive: true });
  const csv = join(csvDir, `cables-${count}-${values.seed}.csv`);
  if (!existsSync(csv)) {
    process.stderr.write(`generating ${count} cables into ${csv} ...\n`);
    await generateCorpus({ count, out: `${csv}.part`, seed: values.seed });
    renameSync(`${csv}.part`, csv);
  }
  const dbPath = join(
    dbDir,
    count === 251287 && values.seed === 'bench' ? 'full.db' : `search-${count}-${values.seed}.db`,
  );
  if (!existsSync(dbPath)) {
    process.stderr.write(`importing into ${dbPath} (once; kept for later runs) ...\n`);
    run(['import', '--db', `sqlite:${dbPath}`, csv]);
  }
  const v = vocabulary(dbPath, count);
  const queries = mix(v);
  process.stderr.write(
    `${queries.length} queries (${v.rare.length} rare, ${v.medium.length} medium, ${v.common.length} common words to pick from)\n`,
  );

  const results: [string, Map<string, number[]>[]][] = [];
  results.push(['SQLite', await measure(`sqlite:${dbPath}`, queries, 'SQLite')]);
  const pgUrl = values['no-pg'] ? undefined : process.env['CABLEDESK_PG_URL'];
  if (pgUrl) {
    const url = new URL(pgUrl);
    url.searchParams.set('schema', SCHEMA);
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    const has = await client.query(`SELECT to_regclass('${SCHEMA}.cables') IS NOT NULL AS t`);
    const n = has.rows[0].t
      ? Number((await client.query(`SELECT COUNT(*) AS n FROM ${SCHEMA}.cables`)).rows[0].n)
      : 0;
    await client.end();
    if (n < count) {
      process.stderr.write(`importing into PostgreSQL schema ${SCHEMA} (once; kept for later runs) ...\n`);
      run(['import', '--db', url.toString(), csv]);
    }
    results.push(['PostgreSQL', await measure(url.toString(), queries, 'PostgreSQL')]);
  } else {
    process.stderr.write('PostgreSQL: SKIPPED (set CABLEDESK_PG_URL, or drop --no-pg)\n');
  }

  const kinds = [...new Set(queries.map((q) => q.kind)), 'whole mix'];
  const header = ['kind', 'n', ...results.flatMap(([db]) => [`${db} cold p50/p99`, `${db} warm p50/p99`])];
  const lines = [header];
  for (const kind of kinds) {
    const row = [kind, String(queries.filter((q) => q.kind === kind).length || queries.length)];
    for (const [, passes] of results) {
      for (const times of passes) {
        const t = [...(times.get(kind) ?? [])].sort((a, b) => a - b);
        row.push(`${percentile(t, 50).toFixed(1)} / ${percentile(t, 99).toFixed(1)} ms`);
      }
    }
    lines.push(row);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const out = lines.map((l) => l.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  const whole = [...(results[0]![1][1]!.get('whole mix') ?? [])].sort((a, b) => a - b);
  const p50 = percentile(whole, 50);
  const p99 = percentile(whole, 99);
  out.push(
    '',
    `machine: ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}; ${count} cables`,
    `SQLite warm whole mix: p50 ${p50.toFixed(1)} ms (target <= ${TARGET_P50}: ${p50 <= TARGET_P50 ? 'PASS' : 'FAIL'}), ` +
      `p99 ${p99.toFixed(1)} ms (target <= ${TARGET_P99}: ${p99 <= TARGET_P99 ? 'PASS' : 'FAIL'})`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
