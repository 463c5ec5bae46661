/**
 * Where the archive database is: the `--db` flag, else the CABLEDESK_DB environment variable, else
 * the embedded default `sqlite:./data/cabledesk.db`. Accepts `sqlite:PATH` and `postgres://` (or
 * `postgresql://`) URLs; anything else is a CliError the user can fix. `openArchive` opens it.
 */
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { CliError } from './cli-error.ts';

export const DEFAULT_DB = 'sqlite:./data/cabledesk.db';

/** The help lines of the option, for a command's `--help`; descriptions start at column `column`. */
export function dbOptionHelp(column: number): string {
  const pad = ' '.repeat(column);
  return [
    `${'  --db URL'.padEnd(column)}sqlite:PATH (default sqlite:./data/cabledesk.db)`,
    `${pad}or postgres://USER@HOST:PORT/DB; the environment`,
    `${pad}variable CABLEDESK_DB does the same`,
  ].join('\n');
}

/** Whether `url` is `sqlite:PATH` or a `postgres://` URL. */
export function isDbUrl(url: string): boolean {
  return /^sqlite:.+/.test(url) || /^postgres(ql)?:\/\/./.test(url);
}

/** The database URL to open: the flag's value, else CABLEDESK_DB, else the default. Checked. */
export function resolveDbUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = (flag ?? env['CABLEDESK_DB'] ?? '').trim() || DEFAULT_DB;
  if (isDbUrl(url)) return url;
  throw new CliError(`--db: '${url}' is neither sqlite:PATH nor a postgres:// URL`);
}

/** Opens the archive at `url`; a database that cannot be opened is a one-line error (exit 1). */
export async function openArchive(url: string): Promise<Store> {
  return openStore(url).catch((error: unknown) => {
    throw new CliError(
      `cannot open the database ${url}: ${error instanceof Error ? error.message : error}`,
      1,
    );
  });
}
