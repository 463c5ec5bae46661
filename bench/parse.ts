/**
 * `npm run bench:parse`: parser throughput on one core. Reading + parsing the corpus's cables.csv
 * (MB/s of input, ms per cable), reading + parsing its cablegate html pages (ms per cable, against
 * cablemap's 5.4 ms per page measured on this machine), and parse-only figures with the raw cables
 * already in memory. Two warm-up runs first (the corpus is 27 MB, the release 1.7 GB: the release's
 * parse runs with the code fully compiled, so the figures are taken in that steady state), then
 * the median of 5 runs, wall and CPU time. Corpus from CABLEDESK_CORPUS; without it the bundled
 * sample is used (small: figures are indicative only).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCable } from '../src/cable/parse.ts';
import type { RawCable } from '../src/cable/record.ts';
import { readCsv } from '../src/sources/csv.ts';
import { readHtmlPage } from '../src/sources/html.ts';
import { fileBytes } from '../src/sources/input.ts';
import { sampleCsvPath, sampleHtmlDir } from '../src/sources/sample.ts';
import { listFiles } from '../src/sources/walk.ts';

/** cablemap (Python) on the same 400 cablegate pages, measured on this machine: ms per page. */
const CABLEMAP_MS_PER_PAGE = 5.4;
const TARGET_CSV_MB_S = 50;
const TARGET_SPEEDUP = 20;

interface Measure {
  name: string;
  cables: number;
  bytes: number;
  ms: number;
  /** Median CPU time of this process (user + system) over the same runs. */
  cpuMs: number;
}

/** Keeps the parse results observable so no work can be skipped. */
let sink = 0;
const consume = (raw: RawCable): void => {
  const record = parseCable(raw);
  sink += record.paragraphs.length + (record.subject?.length ?? 0) + record.tags.length;
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** `warmups` untimed runs, then `runs` timed runs; the median wall and CPU times. */
async function measure(
  name: string,
  { runs, warmups }: { runs: number; warmups: number },
  once: () => Promise<{ cables: number; bytes: number }>,
): Promise<Measure> {
  let size = await once();
  for (let i = 1; i < warmups; i++) size = await once();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await once();
    const used = process.cpuUsage(cpuStart);
    times.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  return { name, ...size, ms: median(times), cpuMs: median(cpu) };
}

const isHtml = (name: string) => name.endsWith('.html');

async function csvCables(path: string): Promise<RawCable[]> {
  const cables: RawCable[] = [];
  for await (const item of readCsv(fileBytes(path), path)) if (item.cable) cables.push(item.cable);
  return cables;
}

/** The cables that take longest to parse (best of 3 tries each): where to look first. */
function slowest(cables: RawCable[], count: number): { id: string; ms: number; bytes: number }[] {
  const times = cables.map((cable) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      consume(cable);
      best = Math.min(best, performance.now() - start);
    }
    const id = `${cable.publishedRefId} (${cable.source?.format ?? '?'})`;
    return { id, ms: best, bytes: Buffer.byteLength(cable.header) + Buffer.byteLength(cable.body) };
  });
  return times.sort((a, b) => b.ms - a.ms).slice(0, count);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      warmups: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run bench:parse -- [--runs N] [--warmups N] [--json FILE]\n' +
        'Corpus folder from CABLEDESK_CORPUS (cables.csv and html/); without it, the bundled sample.',
    );
    return;
  }
  const runs = Math.max(1, Number(values.runs ?? 5));
  const warmups = Math.max(1, Number(values.warmups ?? 2));
  const timing = { runs, warmups };
  const corpus = process.env['CABLEDESK_CORPUS'];
  const csvPath = corpus ? join(corpus, 'cables.csv') : sampleCsvPath;
  const pages = await listFiles(corpus ? join(corpus, 'html') : sampleHtmlDir, isHtml);
  const where = corpus
    ? `corpus ${corpus}`
    : 'the BUNDLED SAMPLE (CABLEDESK_CORPUS not set): too small for stable figures, set it for real ones';
  console.log(`bench:parse on ${where}; one core, ${warmups} warm-up runs + median of ${runs} runs\n`);

  const csvSize = statSync(csvPath).size;
  const rawBytes = (cables: RawCable[]): number =>
    cables.reduce((n, c) => n + Buffer.byteLength(c.header) + Buffer.byteLength(c.body), 0);

  const results: Measure[] = [];
  results.push(
    await measure('cables.csv: read + parse', timing, async () => {
      let cables = 0;
      for await (const item of readCsv(fileBytes(csvPath), csvPath)) {
        if (!item.cable) continue;
        consume(item.cable);
        cables++;
      }
      return { cables, bytes: csvSize };
    }),
  );
  results.push(
    await measure('cables.csv: read only', timing, async () => {
      const cables = await csvCables(csvPath);
      return { cables: cables.length, bytes: csvSize };
    }),
  );
  // Loaded only now: the streamed measures above run with a heap as small as an import's.
  const preloadedCsv = await csvCables(csvPath);
  const pageTexts = pages.map((p) => readFileSync(p, 'utf8'));
  const preloadedHtml = pageTexts.map((text, i) => readHtmlPage(text, pages[i]));
  results.push(
    await measure('cables.csv: parse only (in memory)', timing, async () => {
      for (const cable of preloadedCsv) consume(cable);
      return { cables: preloadedCsv.length, bytes: rawBytes(preloadedCsv) };
    }),
  );
  if (pages.length) {
    const htmlBytes = pages.reduce((n, p) => n + statSync(p).size, 0);
    results.push(
      await measure('html pages: read + parse', timing, async () => {
        for (const path of pages) consume(readHtmlPage(readFileSync(path), path));
        return { cables: pages.length, bytes: htmlBytes };
      }),
    );
    results.push(
      await measure('html pages: parse only (in memory)', timing, async () => {
        for (const cable of preloadedHtml) consume(cable);
        return { cables: preloadedHtml.length, bytes: rawBytes(preloadedHtml) };
      }),
    );
  }

  const rows = results.map((m) => {
    const mbs = m.bytes / 1e6 / (m.ms / 1000);
    const perCable = m.ms / m.cables;
    let target = '';
    let verdict = '';
    if (m.name === 'cables.csv: read + parse') {
      target = `>= ${TARGET_CSV_MB_S} MB/s`;
      verdict = mbs >= TARGET_CSV_MB_S ? 'PASS' : 'FAIL';
    } else if (m.name === 'html pages: read + parse') {
      const limit = CABLEMAP_MS_PER_PAGE / TARGET_SPEEDUP;
      target = `<= ${limit.toFixed(2)} ms (${TARGET_SPEEDUP}x cablemap ${CABLEMAP_MS_PER_PAGE} ms)`;
      verdict = `${perCable <= limit ? 'PASS' : 'FAIL'} (${(CABLEMAP_MS_PER_PAGE / perCable).toFixed(1)}x faster)`;
    }
    return { ...m, mbs, perCable, target, verdict };
  });

  const head = ['measure', 'cables', 'MB', 'ms (median)', 'cpu ms', 'MB/s', 'ms/cable', 'target', 'result'];
  const table = rows.map((r) => [
    r.name,
    String(r.cables),
    (r.bytes / 1e6).toFixed(1),
    r.ms.toFixed(0),
    r.cpuMs.toFixed(0),
    r.mbs.toFixed(1),
    r.perCable.toFixed(4),
    r.target,
    r.verdict,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 || i >= 7 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
  console.log(
    `\nMB for html rows is the page size (read + parse) or the cable text (parse only). checksum ${sink % 1000}`,
  );
  console.log(`\nslowest cables to parse (after the runs above, so warm):`);
  for (const s of slowest([...preloadedCsv, ...preloadedHtml], 8)) {
    console.log(
      `  ${s.id.padEnd(28)} ${s.ms.toFixed(2).padStart(8)} ms  ${(s.bytes / 1024).toFixed(0).padStart(5)} KiB`,
    );
  }
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ where, runs, results: rows }, null, 2)}\n`);
}

await main();
