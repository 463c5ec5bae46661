/**
 * `npm run eval:parser`: parses every cable of the development corpus with `parseCable` and
 * reports, per field, how often we agree with the page's metadata, the site's own subjects and
 * tags, the peer parser cablemap and the raw text, against the targets of the parser issue; then
 * lists the disagreements grouped by kind, and runs cablemap's unit tables. It is a report: the
 * exit code is 0 whatever the figures (PASS/FAIL is printed per target); 2 only for bad usage.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCable } from '../src/cable/parse.ts';
import { sampleCablesDir, sampleDir } from '../src/sources/sample.ts';
import { runCablemapTables, type TableResult } from './eval/cablemap-tables.ts';
import { type Corpus, loadCorpus, readCableFolder } from './eval/corpus.ts';
import { type EvalCable, FIELD_CHECKS, type FieldCheck, type Target } from './eval/field-checks.ts';
import { type ReaderResult, runReaderChecks } from './eval/reader-checks.ts';

const HELP = `Usage: npm run eval:parser -- [options]

Parses every cables/*.txt of the corpus and compares the records with the page metadata, the
site's subjects and tags, the peer parser cablemap, and the raw text.

Options:
  --corpus DIR     the corpus folder (default: $CABLEDESK_CORPUS; without either, the bundled
                   sample, which has no expected/ files, so only the text and page checks run)
  --field KEY      show the disagreements of one check only (keys: ${FIELD_CHECKS.map((c) => c.key).join(', ')};
                   reader-csv, reader-html for the input readers;
                   or table:NAME for a cablemap unit table, e.g. table:tags)
  --all            with --field: list every disagreement, not just a few examples
  --examples N     examples per kind of disagreement (default 3)
  --json FILE      also write a JSON summary to FILE
  -h, --help       this text
`;

interface Disagreement {
  id: string;
  ours: unknown;
  expected: unknown;
}

interface FieldResult {
  check: FieldCheck;
  compared: number;
  agree: number;
  byKind: Map<string, Disagreement[]>;
}

const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(2)}%` : '-');

function verdict(target: Target | undefined, r: { compared: number; agree: number }): string {
  if (!target) return '';
  if (target.maxFailures !== undefined) return r.compared - r.agree <= target.maxFailures ? 'PASS' : 'FAIL';
  if (!r.compared) return 'n/a';
  return r.agree / r.compared >= (target.minShare ?? 1) - 1e-12 ? 'PASS' : 'FAIL';
}

function show(value: unknown, max = 140): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function load(dir: string | undefined): { corpus: Corpus; note: string } {
  if (dir) return { corpus: loadCorpus(dir), note: dir };
  const empty = new Map();
  return {
    corpus: {
      dir: '',
      cables: readCableFolder(sampleCablesDir),
      manifest: empty,
      siteSubjects: empty,
      siteTags: empty,
      cablemap: empty,
    },
    note: 'the bundled sample (CABLEDESK_CORPUS not set: no expected/ files, text and page checks only)',
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      field: { type: 'string' },
      all: { type: 'boolean' },
      examples: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const only = values.field;
  if (
    only &&
    !only.startsWith('table:') &&
    !only.startsWith('reader-') &&
    !FIELD_CHECKS.some((c) => c.key === only)
  ) {
    process.stderr.write(`eval-parser: unknown --field ${only}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  const examples = values.all ? Number.POSITIVE_INFINITY : Number(values.examples ?? (only ? 10 : 3));

  const { corpus, note } = load(values.corpus ?? process.env['CABLEDESK_CORPUS']);
  let inputBytes = 0;
  const started = performance.now();
  const cables: EvalCable[] = corpus.cables.map((c) => {
    inputBytes += Buffer.byteLength(c.raw.header) + Buffer.byteLength(c.raw.body);
    return {
      ...c,
      record: parseCable(c.raw),
      manifestRow: corpus.manifest.get(c.id),
      cablemap: corpus.cablemap.get(c.id),
      siteSubject: corpus.siteSubjects.get(c.id),
      siteTags: corpus.siteTags.get(c.id),
    };
  });
  const parseMs = performance.now() - started;

  const results: FieldResult[] = FIELD_CHECKS.map((check) => {
    const r: FieldResult = { check, compared: 0, agree: 0, byKind: new Map() };
    for (const c of cables) {
      const outcome = check.compare(c);
      if (!outcome) continue;
      r.compared++;
      if (outcome.agree) r.agree++;
      else {
        const list = r.byKind.get(outcome.kind) ?? [];
        list.push({ id: c.id, ours: outcome.ours, expected: outcome.expected });
        r.byKind.set(outcome.kind, list);
      }
    }
    return r;
  });
  const tables = corpus.dir ? runCablemapTables(join(corpus.dir, 'expected', 'cablemap')) : [];
  const readers = await runReaderChecks(corpus.dir || sampleDir, corpus.cables);

  const out: string[] = [];
  out.push(
    `Parser evaluation: ${cables.length} cables from ${note}`,
    `parsed in ${parseMs.toFixed(0)} ms (${(inputBytes / 1e6 / (parseMs / 1000)).toFixed(1)} MB/s, one pass, not a benchmark: see npm run bench:parse)`,
    `warnings: ${cables.filter((c) => c.record.warnings.length).length} records have warnings`,
    '',
  );
  out.push(
    `${pad('field', 36)} ${pad('compared with', 32)} ${pad('compared', 8, true)} ${pad('agree', 7, true)} ${pad('%', 8, true)}  ${pad('target', 8)} result`,
  );
  out.push('-'.repeat(118));
  for (const r of results) {
    out.push(
      `${pad(r.check.label, 36)} ${pad(r.check.against, 32)} ${pad(String(r.compared), 8, true)} ${pad(String(r.agree), 7, true)} ${pad(pct(r.agree, r.compared), 8, true)}  ${pad(r.check.target?.label ?? '', 8)} ${verdict(r.check.target, r)}`,
    );
  }

  const readerTarget: Target = { minShare: 1, label: '100%' };
  for (const r of readers) {
    out.push(
      `${pad(r.label, 36)} ${pad(r.against, 32)} ${pad(String(r.compared), 8, true)} ${pad(String(r.agree), 7, true)} ${pad(pct(r.agree, r.compared), 8, true)}  ${pad(readerTarget.label, 8)} ${verdict(readerTarget, r)}`,
    );
  }

  for (const r of results) if (r.check.note) out.push(r.check.note);

  if (tables.length) {
    out.push('', "cablemap's unit tables (expected/cablemap/*.json) through parseCable:");
    for (const t of tables) {
      out.push(
        `  ${pad(t.table, 24)} ${pad(`${t.passed}/${t.total}`, 8, true)} ${pad(pct(t.passed, t.total), 8, true)}`,
      );
    }
  }

  const targeted = results.filter((r) => r.check.target);
  const passed =
    targeted.filter((r) => verdict(r.check.target, r) === 'PASS').length +
    readers.filter((r) => verdict(readerTarget, r) === 'PASS').length;
  out.push('', `targets: ${passed} of ${targeted.length + readers.length} PASS`);

  out.push(
    '',
    only
      ? `Disagreements of ${only}:`
      : 'Disagreements by kind (a few examples each; --field KEY --all lists all):',
  );
  for (const r of results) {
    if (only && only !== r.check.key) continue;
    const failed = r.compared - r.agree;
    if (!failed) continue;
    out.push('', `[${r.check.key}] ${r.check.label} vs ${r.check.against}: ${failed} disagree`);
    for (const [kind, list] of [...r.byKind].sort((a, b) => b[1].length - a[1].length)) {
      out.push(`  ${kind}: ${list.length}`);
      for (const d of list.slice(0, examples)) {
        out.push(
          `    ${d.id}: ours ${show(d.ours)}`,
          `    ${' '.repeat(d.id.length)}  vs   ${show(d.expected)}`,
        );
      }
    }
  }
  for (const r of readers) {
    if ((only && only !== r.key) || !r.problems.length) continue;
    out.push('', `[${r.key}] ${r.label} vs ${r.against}: ${r.problems.length} disagree`);
    const kinds = new Map<string, ReaderResult['problems']>();
    for (const p of r.problems) kinds.set(p.kind, [...(kinds.get(p.kind) ?? []), p]);
    for (const [kind, list] of kinds) {
      out.push(`  ${kind}: ${list.length}`);
      for (const p of list.slice(0, examples)) out.push(`    ${p.id}: ${p.detail.slice(0, 200)}`);
    }
  }
  for (const t of tables) {
    if (only !== `table:${t.table}` || !t.failures.length) continue;
    for (const f of t.failures.slice(0, examples)) {
      out.push(`  input ${show(f.input, 200)}`, `    ours ${show(f.ours)}`, `    want ${show(f.expected)}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);

  if (values.json)
    writeFileSync(
      values.json,
      `${JSON.stringify(summary(note, cables.length, parseMs, results, tables, readers), null, 2)}\n`,
    );
}

function summary(
  note: string,
  count: number,
  parseMs: number,
  results: FieldResult[],
  tables: TableResult[],
  readers: ReaderResult[],
) {
  return {
    corpus: note,
    cables: count,
    parseMs: Math.round(parseMs),
    fields: results.map((r) => ({
      key: r.check.key,
      label: r.check.label,
      against: r.check.against,
      note: r.check.note ?? null,
      compared: r.compared,
      agree: r.agree,
      share: r.compared ? r.agree / r.compared : null,
      target: r.check.target?.label ?? null,
      result: verdict(r.check.target, r) || null,
      disagreements: Object.fromEntries(
        [...r.byKind].map(([kind, list]) => [kind, { count: list.length, examples: list.slice(0, 5) }]),
      ),
    })),
    readers: readers.map((r) => ({
      key: r.key,
      compared: r.compared,
      agree: r.agree,
      result: verdict({ minShare: 1, label: '100%' }, r),
      problems: r.problems.slice(0, 20),
    })),
    cablemapTables: tables.map((t) => ({ table: t.table, passed: t.passed, total: t.total })),
  };
}

await main();
