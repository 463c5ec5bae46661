/**
 * `npm run bench:import`: loading a full-size generated release. Generates `--count` cables
 * (default 251,287, the size of the real release) as cables.csv with src/generate (cached in
 * `--dir` by count and seed), then measures, each in its own child process:
 *   - baseline: reading the same cables.csv and loading each body into a bare SQLite FTS5 table
 *     (same tokenizer, same pragmas and page size, 1000 rows per transaction): the least any full-text import
 *     could cost;
 *   - `cabledesk import` into a fresh SQLite database (records, versions, tags, references, FTS5);
 *   - the same into PostgreSQL (a fresh schema of CABLEDESK_PG_URL, or --pg URL; `--no-pg` skips).
 * Prints wall time, ratio to the baseline, peak RSS (whole process, worker thread included) and
 * the targets: import <= 3 min, <= 1.5x baseline, <= 1 GB; PostgreSQL <= 2x SQLite.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { generateCorpus } from '../src/generate/generate.ts';
import { openSearch } from '../src/search/open.ts';
import { readCables } from '../src/sources/index.ts';
import { runImport, summaryLine } from '../src/store/import/importer.ts';
import { openStore } from '../src/store/open.ts';

const TARGET_SECONDS = 180;
const TARGET_RATIO = 1.5;
const TARGET_RSS_MB = 1024;
const TARGET_PG_RATIO = 2;

interface ChildResult {
  seconds: number;
  /** Import only: time the main thread spent writing batches (the rest it waited for parsers). */
  writeSeconds?: number;
  /** Import only: time to the end of the last batch, then the final flush (PostgreSQL indexing). */
  flushSeconds?: number;
  /** Import only: preparing search afterwards (catalogue, common words), as `cabledesk import` does. */
  warmSeconds?: number;
  maxRssMb: number;
  summary?: string;
  rows?: number;
}

const self = fileURLToPath(import.meta.url);

/** Child mode: the bare FTS5 baseline. */
async function baseline(csv: string, dbPath: string): Promise<ChildResult> {
  const start = performance.now();
  const db = new Database(dbPath);
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec("CREATE VIRTUAL TABLE body USING fts5 (text, tokenize = 'porter unicode61 remove_diacritics 2')");
  const insert = db.prepare('INSERT INTO body (text) VALUES (?)');
  const write = db.transaction((bodies: string[]) => {
    for (const text of bodies) insert.run(text);
  });
  let bodies: string[] = [];
  let rows = 0;
  for await (const item of readCables([csv], 'csv')) {
    if (!item.cable) continue;
    bodies.push(item.cable.body);
    if (bodies.length === 1000) {
      write(bodies);
      rows += bodies.length;
      bodies = [];
    }
  }
  write(bodies);
  rows += bodies.length;
  db.close();
  return { seconds: (performance.now() - start) / 1000, maxRssMb: 0, rows };
}

/** Child mode: the real import. */
async function importInto(csv: string, url: string): Promise<ChildResult> {
  const start = performance.now();
  const store = await openStore(url);
  let writeMs = 0;
  let lastBatch = start;
  const summary = await runImport({
    store,
    paths: [csv],
    format: 'csv',
    onProblem: (p) => process.stderr.write(`${p.where}: ${p.message}\n`),
    onWritten: (ms) => {
      writeMs += ms;
      lastBatch = performance.now();
    },
  });
  const end = performance.now();
  // Peak memory of the import itself, before what follows.
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  // What `cabledesk import` does next (SearchEngine.warm), timed on its own.
  await (await openSearch(store)).warm();
  const warmSeconds = (performance.now() - end) / 1000;
  await store.close();
  return {
    seconds: (end - start) / 1000,
    writeSeconds: writeMs / 1000,
    flushSeconds: (end - lastBatch) / 1000,
    warmSeconds,
    maxRssMb,
    summary: summaryLine(summary),
  };
}

/** Runs this file in a child process in one of the modes above; its figures come back as JSON. */
function child(mode: string, ...args: string[]): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    // The semi-space `cabledesk` runs with (bin/cabledesk.js), so the child measures the command.
    const node = ['--max-semi-space-size=32', '--import', 'tsx'];
    const proc = spawn(process.execPath, [...node, self, '--child', mode, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk) => {
      out += chunk;
    });
    proc.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${mode} child failed with exit code ${code}`));
      else resolvePromise(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult);
    });
  });
}

async function runChild(mode: string, args: string[]): Promise<void> {
  const [csv, target] = args as [string, string];
  const result = mode === 'baseline' ? await baseline(csv, target) : await importInto(csv, target);
  result.maxRssMb ||= process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function fileMb(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) if (existsSync(path + suffix)) total += statSync(path + suffix).size;
  return total / 1e6;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      child: { type: 'string' },
      count: { type: 'string', default: '251287' },
      seed: { type: 'string', default: 'bench' },
      dir: { type: 'string', default: 'bench/out/import' },
      pg: { type: 'string' },
      'no-pg': { type: 'boolean', default: false },
      json: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.child) {
    await runChild(values.child, positionals);
    return;
  }
  const count = Number(values.count);
  const dir = resolve(values.dir);
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, `cables-${count}-${values.seed}.csv`);
  if (!existsSync(csv)) {
    process.stderr.write(`generating ${count} cables into ${csv} ...\n`);
    const start = performance.now();
    await generateCorpus({ count, out: `${csv}.part`, seed: values.seed });
    renameSync(`${csv}.part`, csv);
    process.stderr.write(`generated in ${((performance.now() - start) / 1000).toFixed(0)} s\n`);
  }
  const csvMb = statSync(csv).size / 1e6;
  process.stderr.write(`input: ${csv} (${count} cables, ${csvMb.toFixed(0)} MB)\n`);

  const baseDb = join(dir, 'baseline.db');
  const importDb = join(dir, 'import.db');
  for (const path of [baseDb, importDb])
    for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });

  process.stderr.write('baseline: bare FTS5 table ...\n');
  const base = await child('baseline', csv, baseDb);
  process.stderr.write(`  ${base.seconds.toFixed(1)} s\nimport into SQLite ...\n`);
  const lite = await child('import', csv, `sqlite:${importDb}`);
  process.stderr.write(`  ${lite.seconds.toFixed(1)} s: ${lite.summary}\n`);

  let post: ChildResult | null = null;
  const pgUrl = values['no-pg'] ? undefined : (values.pg ?? process.env['CABLEDESK_PG_URL']);
  if (pgUrl) {
    const schema = `cabledesk_bench_${process.pid}`;
    const url = new URL(pgUrl);
    url.searchParams.set('schema', schema);
    process.stderr.write('import into PostgreSQL ...\n');
    try {
      post = await child('import', csv, url.toString());
      process.stderr.write(`  ${post.seconds.toFixed(1)} s: ${post.summary}\n`);
    } finally {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  }

  const ratio = lite.seconds / base.seconds;
  const rows: [string, string, string, string][] = [
    ['measure', 'value', 'target', 'result'],
    [
      'machine',
      `${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} at the end`,
      '',
      '',
    ],
    ['input', `${count} cables, ${csvMb.toFixed(0)} MB csv`, '', ''],
    ['baseline: bare FTS5 load', `${base.seconds.toFixed(1)} s (${fileMb(baseDb).toFixed(0)} MB db)`, '', ''],
    [
      'SQLite import',
      `${lite.seconds.toFixed(1)} s (${fileMb(importDb).toFixed(0)} MB db)`,
      `<= ${TARGET_SECONDS} s`,
      lite.seconds <= TARGET_SECONDS ? 'PASS' : 'FAIL',
    ],
    [
      'SQLite import / baseline',
      `${ratio.toFixed(2)}x`,
      `<= ${TARGET_RATIO}x`,
      ratio <= TARGET_RATIO ? 'PASS' : 'FAIL',
    ],
    [
      'SQLite import peak RSS',
      `${lite.maxRssMb.toFixed(0)} MB`,
      `<= ${TARGET_RSS_MB} MB`,
      lite.maxRssMb <= TARGET_RSS_MB ? 'PASS' : 'FAIL',
    ],
    [
      'SQLite import: main thread writing',
      `${(lite.writeSeconds ?? 0).toFixed(1)} s (rest: waiting for parsers)`,
      '',
      '',
    ],
    ['SQLite import summary', lite.summary ?? '', '', ''],
    [
      'SQLite: search prepared after the import',
      `${(lite.warmSeconds ?? 0).toFixed(1)} s (not in the import time)`,
      '',
      '',
    ],
  ];
  if (post) {
    const pgRatio = post.seconds / lite.seconds;
    rows.push(
      ['PostgreSQL import', `${post.seconds.toFixed(1)} s, peak RSS ${post.maxRssMb.toFixed(0)} MB`, '', ''],
      [
        'PostgreSQL: writing / final indexing',
        `${(post.writeSeconds ?? 0).toFixed(1)} s / ${(post.flushSeconds ?? 0).toFixed(1)} s`,
        '',
        '',
      ],
      ['PostgreSQL: search prepared after the import', `${(post.warmSeconds ?? 0).toFixed(1)} s`, '', ''],
      [
        'PostgreSQL / SQLite',
        `${pgRatio.toFixed(2)}x`,
        `<= ${TARGET_PG_RATIO}x`,
        pgRatio <= TARGET_PG_RATIO ? 'PASS' : 'FAIL',
      ],
      ['PostgreSQL import summary', post.summary ?? '', '', ''],
    );
  } else {
    rows.push(['PostgreSQL import', 'SKIPPED: set CABLEDESK_PG_URL or --pg URL', '', '']);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows)
    process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}\n`);
  if (values.json) {
    writeFileSync(
      values.json,
      `${JSON.stringify({ count, csvMb, baseline: base, sqlite: lite, postgres: post }, null, 2)}\n`,
    );
  }
}

await main();
