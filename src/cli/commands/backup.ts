/**
 * `cabledesk backup --out FILE`: an online, consistent copy of the SQLite archive database into
 * one file (src/export/sqlite-backup.ts). For PostgreSQL it refuses and prints the pg_dump and
 * pg_restore commands to use instead (docs/backup.md).
 */
import { backupSqlite } from '../../export/sqlite-backup.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { dbOptionHelp, resolveDbUrl } from '../db-option.ts';
import type { Command } from '../main.ts';
import { type Progress, startProgress } from '../progress.ts';

const HELP = `Usage: cabledesk backup --out FILE [--db sqlite:PATH]

Copies the SQLite archive database (cables, versions, accounts, sessions, comments, everything)
into FILE, a new file, with SQLite's online backup: servers can keep running and writing; the
copy is one consistent state of the database. The copy is checked (PRAGMA quick_check) and made
a single self-contained file before it takes its name. Restore by stopping the servers and
putting the copy in place of the database file (remove its -wal and -shm files).

For PostgreSQL use pg_dump (this command prints how); for a copy that moves between SQLite and
PostgreSQL use 'cabledesk export'. See docs/backup.md.

Options:
  -o, --out FILE  the file to write (must not exist)
${dbOptionHelp(18)}
  -h, --help      this text

Example:
  cabledesk backup --out /var/backups/cabledesk-$(date +%F).db`;

/** The URL without its password and `schema` parameter, and the schema, for pg_dump. */
function pgDumpTarget(url: string): { url: string; schema: string | null } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (parsed.password) parsed.password = 'PASSWORD';
  return { url: parsed.toString(), schema };
}

/** What to run instead on PostgreSQL. */
export function pgDumpAdvice(url: string): string {
  const target = pgDumpTarget(url);
  const schema = target.schema ? ` --schema='${target.schema}'` : '';
  return [
    'this database is PostgreSQL: back it up with pg_dump (consistent while servers run):',
    `  pg_dump --format=custom${schema} --file=cabledesk-$(date +%F).dump '${target.url}'`,
    'restore into a new, empty database with:',
    // A one-schema dump leaves out the unaccent extension (in public) that the search configuration uses.
    ...(target.schema ? ["  psql 'postgres://.../NEW_DB' -c 'CREATE EXTENSION IF NOT EXISTS unaccent'"] : []),
    "  pg_restore --no-owner --exit-on-error --dbname='postgres://.../NEW_DB' cabledesk-YYYY-MM-DD.dump",
    "or write a copy that also loads into SQLite: cabledesk export --out DIR --db '...'",
    'See docs/backup.md.',
  ].join('\n');
}

export const command: Command = {
  summary: 'online backup of the SQLite database into one file (PostgreSQL: pg_dump)',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('backup', argv, {
      out: { type: 'string', short: 'o' },
      db: { type: 'string' },
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}'`);
    const url = resolveDbUrl(values.db);
    if (!url.startsWith('sqlite:')) throw new CliError(pgDumpAdvice(url));
    if (!values.out) throw new CliError("--out FILE is required. Run 'cabledesk backup --help' for usage.");
    const source = url.slice('sqlite:'.length);
    let progress: Progress | null = null;
    let copied = 0;
    try {
      const result = await backupSqlite(source, values.out, {
        onProgress(done, total) {
          if (!progress || done < copied) {
            // First step, or the copy started over after a server's write.
            progress?.stop();
            progress = startProgress({ label: 'backing up', itemName: 'steps', totalBytes: total });
            copied = 0;
          }
          progress.addBytes(done - copied);
          progress.addItem();
          copied = done;
        },
      }).catch((error: unknown) => {
        throw new CliError(
          `backup of ${source} failed: ${error instanceof Error ? error.message : error}`,
          1,
        );
      });
      (progress as Progress | null)?.stop();
      const counts = Object.entries(result.counts)
        .map(([table, n]) => `${table} ${n}`)
        .join(', ');
      process.stdout.write(`backed up ${source} to ${values.out}: ${result.bytes} bytes; ${counts}\n`);
      return 0;
    } finally {
      (progress as Progress | null)?.stop();
    }
  },
};
