/**
 * `cabledesk export`: the archive as bulk data in a new folder (JSON lines with everything, or the
 * 2011 cables.csv layout and a metadata table), with a checksum manifest; `--verify DIR` checks a
 * folder against its manifest. The work is in src/export.
 */
import { type ExportFormat, runExport } from '../../export/export.ts';
import { ExportCheckError, exportBytes, readManifest, verifyExport } from '../../export/manifest.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { dbOptionHelp, openArchive, resolveDbUrl } from '../db-option.ts';
import type { Command } from '../main.ts';
import { startProgress } from '../progress.ts';

const HELP = `Usage: cabledesk export --out DIR [--format jsonl|csv] [--public] [--db URL]
       cabledesk export --verify DIR

Writes the archive into DIR (created; it must be new or empty), from one consistent snapshot of
the database (a server may keep running), streamed: memory stays small whatever the size.

Formats:
  jsonl (default)  cables.jsonl: one cable per line, the cable record (as 'cabledesk parse'
                   prints it: raw header and body byte for byte, tags, references) plus
                   "versions" (every stored text of the cable: content hash, current or not,
                   release date, source, import time; the text of versions that are not current)
                   and "updatedAt". Then one file per discussion table: accounts.jsonl (WITH
                   PASSWORD HASHES AND E-MAIL ADDRESSES), account_identities.jsonl,
                   comments.jsonl, bans.jsonl, moderation_log.jsonl, mentions.jsonl ...
                   'cabledesk import DIR' restores all of it, into SQLite or PostgreSQL.
  csv              cables.csv in the layout of the 2011 dump (8 quoted columns, backslash
                   escapes; current versions only; 'cabledesk import' reads it back) and
                   metadata.csv (one plain CSV line per cable: ids, dates, classification,
                   origin, subject, tags, references, versions).

Every export ends with manifest.json: each file's size, line count, record count and SHA-256,
the schema version and the time of the snapshot. A folder without it is unfinished.

Options:
  --out DIR            the folder to write
  -f, --format FORMAT  jsonl (default) or csv
  --public             leave out personal data, for publishing: no accounts, identities, bans,
                       moderation log or blocked hosts; only approved comments (authors by name,
                       no e-mail or network addresses) and approved mentions (no addresses)
  --no-accounts        the same as --public
  --verify DIR         check DIR against its manifest instead (exit code 1 names a file that
                       differs)
${dbOptionHelp(23)}
  -h, --help           this text

Examples:
  cabledesk export --out /srv/exports/2026-05-01
  cabledesk export --public --out public-dump && tar czf public-dump.tar.gz public-dump
  cabledesk export --format csv --out csv-dump
  cabledesk export --verify /srv/exports/2026-05-01`;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function verify(dir: string): Promise<number> {
  try {
    const manifest = await readManifest(dir);
    const progress = startProgress({
      label: 'verifying',
      itemName: 'files',
      totalBytes: exportBytes(manifest),
    });
    try {
      await verifyExport(dir, manifest, (bytes) => progress.addBytes(bytes));
    } finally {
      progress.stop();
    }
    const records = manifest.files.map((f) => `${f.name} ${f.records}`).join(', ');
    process.stdout.write(`ok: ${manifest.files.length} files match ${dir}/manifest.json (${records})\n`);
    return 0;
  } catch (error) {
    if (error instanceof ExportCheckError) throw new CliError(error.message, 1);
    throw error;
  }
}

export const command: Command = {
  summary: 'write the archive as bulk data (jsonl with everything, or csv) with a checksum manifest',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('export', argv, {
      out: { type: 'string', short: 'o' },
      format: { type: 'string', short: 'f', default: 'jsonl' },
      public: { type: 'boolean', default: false },
      'no-accounts': { type: 'boolean', default: false },
      verify: { type: 'string' },
      db: { type: 'string' },
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}'`);
    if (values.verify !== undefined) {
      if (values.out !== undefined) throw new CliError('--verify checks a folder; it takes no --out');
      return verify(values.verify);
    }
    if (!values.out) throw new CliError("--out DIR is required. Run 'cabledesk export --help' for usage.");
    const format = values.format;
    if (format !== 'jsonl' && format !== 'csv') {
      throw new CliError(`--format must be jsonl or csv (got '${format}')`);
    }
    const publicOnly = values.public || values['no-accounts'];
    if (publicOnly && format === 'csv') {
      throw new CliError('a csv export holds no personal data anyway; --public is for jsonl');
    }
    const url = resolveDbUrl(values.db);
    const store = await openArchive(url);
    const progress = startProgress({ label: 'exporting', itemName: 'cables' });
    try {
      const manifest = await runExport({
        store,
        dir: values.out,
        format: format as ExportFormat,
        publicOnly,
        onProgress(records, bytes) {
          progress.addBytes(bytes);
          for (let i = 0; i < records; i++) progress.addItem();
        },
      }).catch((error: unknown) => {
        throw new CliError(message(error), 1);
      });
      progress.stop();
      const files = manifest.files.map((f) => `${f.name} (${f.records})`).join(', ');
      process.stdout.write(
        `exported ${manifest.counts.cables} cables, ${manifest.counts.versions} versions to ${values.out}: ${files}\n`,
      );
      return 0;
    } finally {
      progress.stop();
      await store.close();
    }
  },
};
