/**
 * `cabledesk restore DIR` (also what `cabledesk import DIR` does when DIR is an export): checks an
 * export folder against its manifest and loads it into the database, cables and discussion, on
 * SQLite or PostgreSQL. The work is in src/export/restore.ts.
 */
import { ExportCheckError, isExportFolder } from '../../export/manifest.ts';
import { RestoreError, type RestoreStage, type RestoreSummary, restoreExport } from '../../export/restore.ts';
import { summaryLine } from '../../store/import/importer.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { dbOptionHelp, openArchive, resolveDbUrl } from '../db-option.ts';
import type { Command } from '../main.ts';
import { type Progress, startProgress } from '../progress.ts';
import { warmSearch } from '../search-warmup.ts';

const HELP = `Usage: cabledesk restore [--force] [--db URL] DIR
       cabledesk import [--force] [--db URL] DIR     (the same, when DIR is an export)

Loads a folder written by 'cabledesk export' into the database (SQLite or PostgreSQL, whichever
the export came from: this is how an archive moves between them). First every file is checked
against manifest.json (size, lines, SHA-256); a file that differs is named and nothing is written.

A jsonl export restores everything it holds: every cable with all its versions (the same content
hashes, sources, release and import times, the same current version), tags, references; then
accounts (with their password hashes: people log in as before), outside identities, comments
(same ids, replies under the same parents), bans, the moderation log, mentions. A csv export is
imported like any cables.csv (current versions only).

Cables are merged by content as an import merges them: what the database holds already stays,
what it lacks is added. A restore that was stopped is finished by running it again.

Stop the servers during a restore, or restart them after (they cache pages and comments).

Discussion data is restored only into empty tables (its ids would clash with rows already
there); the command stops and says which tables hold rows.

Options:
  --force      replace the discussion data the database holds with the export's (accounts,
               sessions, comments, bans, log, mentions of the database are deleted first)
  --no-search-warmup
               do not prepare search afterwards (as 'cabledesk import' does after loading)
${dbOptionHelp(15)}
  -h, --help   this text

The last line on standard output is the summary, e.g.
  cables: imported 51, updated 0, unchanged 0 (55 versions added); accounts 4; comments 8; ...
(a csv export: the summary line of an import).`;

const STAGE_LABELS: Record<Exclude<RestoreStage, 'indexing'>, string> = {
  checking: 'checking',
  cables: 'restoring',
  discussion: 'discussion',
};

const INDEXING_NOTE =
  'building the full-text index (on PostgreSQL about 2 ms per cable: several minutes for the full release) ...';

/** The summary line of a restore. */
export function restoreSummaryLine(summary: RestoreSummary): string {
  if (summary.csv) return summaryLine(summary.csv);
  const c = summary.cables;
  const tables = Object.entries(summary.tables).map(([table, n]) => `${table} ${n}`);
  return [
    `cables: imported ${c.imported}, updated ${c.updated}, unchanged ${c.unchanged} (${summary.versionsAdded} versions added)`,
    ...tables,
  ].join('; ');
}

/** Restores `dir` into the database at `--db`; the exit code. */
export async function restoreFolder(
  dir: string,
  options: { db?: string | undefined; force: boolean; warmSearch?: boolean },
) {
  const url = resolveDbUrl(options.db);
  const store = await openArchive(url);
  let progress: Progress | null = null;
  try {
    const summary = await restoreExport({
      store,
      dir,
      force: options.force,
      onStage(stage, bytes) {
        progress?.stop();
        progress = null;
        if (stage === 'indexing') {
          // No measure of progress here: say what the wait is for.
          if (process.stderr.isTTY) process.stderr.write(`${INDEXING_NOTE}\n`);
          return;
        }
        progress = startProgress({
          label: STAGE_LABELS[stage],
          itemName: stage === 'cables' ? 'cables' : 'rows',
          ...(bytes === undefined ? {} : { totalBytes: bytes }),
        });
      },
      onProgress(records, bytes) {
        progress?.addBytes(bytes);
        for (let i = 0; i < records; i++) progress?.addItem();
      },
    }).catch((error: unknown) => {
      if (error instanceof ExportCheckError || error instanceof RestoreError)
        throw new CliError(error.message, 1);
      throw error;
    });
    (progress as Progress | null)?.stop();
    const changed = summary.csv
      ? summary.csv.imported + summary.csv.updated
      : summary.cables.imported + summary.cables.updated;
    if (changed > 0 && options.warmSearch !== false) await warmSearch(store);
    process.stdout.write(`${restoreSummaryLine(summary)}\n`);
    return 0;
  } finally {
    (progress as Progress | null)?.stop();
    await store.close();
  }
}

export const command: Command = {
  summary: 'load an export folder (cables, versions, accounts, comments ...) into the database',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('restore', argv, {
      force: { type: 'boolean', default: false },
      'no-search-warmup': { type: 'boolean', default: false },
      db: { type: 'string' },
    });
    if (positionals.length !== 1)
      throw new CliError("give one export folder. Run 'cabledesk restore --help'.");
    const dir = positionals[0]!;
    if (!(await isExportFolder(dir))) {
      throw new CliError(`${dir} is not a cabledesk export (no manifest.json from 'cabledesk export')`, 1);
    }
    return restoreFolder(dir, {
      db: values.db,
      force: values.force,
      warmSearch: !values['no-search-warmup'],
    });
  },
};
