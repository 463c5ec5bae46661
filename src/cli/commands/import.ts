/**
 * `cabledesk import`: loads cables from files, folders or standard input (any supported format)
 * into the archive database, then prints one summary line. Idempotent and resumable: see
 * src/store/import/importer.ts.
 */
import { isExportFolder } from '../../export/manifest.ts';
import { runImport, summaryLine } from '../../store/import/importer.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { dbOptionHelp, openArchive, resolveDbUrl } from '../db-option.ts';
import { checkFormat, totalSize } from '../input-options.ts';
import type { Command } from '../main.ts';
import { startProgress } from '../progress.ts';
import { warmSearch } from '../search-warmup.ts';
import { restoreFolder } from './restore.ts';

const HELP = `Usage: cabledesk import [--format auto|csv|html|jsonl|text] [--db URL] PATH...

Loads diplomatic cables into the archive database. PATH is a file, a folder (read recursively,
in sorted order) or - for standard input; the formats are those of 'cabledesk parse' (see its
--help), detected per file by default.

Options:
  -f, --format FORMAT  how to read the input (default: auto)
${dbOptionHelp(23)}
  --batch-size N       cables per transaction (default 1000); a killed import loses at most
                       the batch being written, which the next run writes again
  --workers N          threads that parse while the main thread writes (default: one per
                       core but one, at least 1)
  --force              restoring an export folder: replace the discussion data the
                       database holds (see 'cabledesk restore --help')
  --no-search-warmup   do not prepare search afterwards (see below)
  -h, --help           this text

What it does with each cable:
  imported   a cable id not in the archive yet
  updated    a new text (header and body) for a cable already there: kept as a new version; the
             most recently released version is the one shown (on a tie, the latest imported)
  unchanged  this exact text is already stored
  failed     a record that could not be read or stored, reported on standard error as PATH:LINE

Importing the same input again changes nothing. An import that was stopped (even killed) is
completed by running the same command again. A progress bar is shown on standard error when it
is a terminal. The last line on standard output is the summary:
  imported N, updated N, unchanged N, failed N
After an import that changed the archive, search is prepared (on standard error: how long it
took): the catalogue of every cable's facets is stored, and the words held by many cables are
searched once so that their matches are stored too. Without it the first searches after an
import do that work while a reader waits (at the size of the full release: many seconds).
The exit code is 0 when at least one cable was read, 1 when none could be, 2 for wrong usage.

Examples:
  cabledesk import cables.csv
  cabledesk import --db postgres://postgres@127.0.0.1:5432/cables cablegate/cable/
  cabledesk import --db sqlite:/tmp/test.db sample/cables sample/variants

A folder written by 'cabledesk export' (it holds manifest.json) is restored instead: cables with
all their versions, accounts, comments and the rest; see 'cabledesk restore --help' (and its
--force).`;

export const command: Command = {
  summary: 'load cables (csv, html, jsonl, text) into the archive database',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('import', argv, {
      format: { type: 'string', short: 'f', default: 'auto' },
      db: { type: 'string' },
      'batch-size': { type: 'string', default: '1000' },
      workers: { type: 'string' },
      force: { type: 'boolean', default: false },
      'no-search-warmup': { type: 'boolean', default: false },
    });
    const exports = [];
    for (const path of positionals) if (await isExportFolder(path)) exports.push(path);
    if (exports.length > 0) {
      if (positionals.length > 1) throw new CliError(`${exports[0]} is an export: restore it on its own`);
      return restoreFolder(exports[0]!, {
        db: values.db,
        force: values.force,
        warmSearch: !values['no-search-warmup'],
      });
    }
    if (values.force) throw new CliError('--force is for restoring an export folder');
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 16)) {
      throw new CliError(`--workers must be a whole number from 1 to 16 (got '${values.workers}')`);
    }
    const batchSize = Number(values['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new CliError(`--batch-size must be a whole number above 0 (got '${values['batch-size']}')`);
    }
    const format = checkFormat(values.format);
    if (positionals.length === 0)
      throw new CliError("no input given. Run 'cabledesk import --help' for usage.");
    const url = resolveDbUrl(values.db);
    const store = await openArchive(url);
    const totalBytes = await totalSize(positionals);
    const progress = startProgress({
      label: 'importing',
      itemName: 'cables',
      ...(totalBytes === undefined ? {} : { totalBytes }),
    });
    try {
      const summary = await runImport({
        store,
        paths: positionals,
        format,
        batchSize,
        ...(workers === undefined ? {} : { workers }),
        onProgress(cables, bytes) {
          progress.addBytes(bytes);
          for (let i = 0; i < cables; i++) progress.addItem();
        },
        onProblem(problem) {
          progress.log(`${problem.where}: ${problem.message}`);
        },
      });
      progress.stop();
      if (summary.imported + summary.updated > 0 && !values['no-search-warmup']) await warmSearch(store);
      process.stdout.write(`${summaryLine(summary)}\n`);
      const read = summary.imported + summary.updated + summary.unchanged;
      return read === 0 && summary.failed > 0 ? 1 : 0;
    } finally {
      progress.stop();
      await store.close();
    }
  },
};
