/**
 * The `cabledesk` command dispatcher: maps a sub-command name to its module under ./commands
 * and prints the overall help. Each command module exports `run(argv)` and `help`.
 */
import { CliError } from './cli-error.ts';

export interface Command {
  /** One line for the overall help. */
  summary: string;
  /** The full `--help` text of the command. */
  help: string;
  /** Runs the command; returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** Commands are loaded lazily so `cabledesk parse` does not pay for the web server's imports. */
const commands: Record<string, () => Promise<Command>> = {
  parse: async () => (await import('./commands/parse.ts')).command,
  import: async () => (await import('./commands/import.ts')).command,
  stats: async () => (await import('./commands/stats.ts')).command,
  generate: async () => (await import('./commands/generate.ts')).command,
  serve: async () => (await import('./commands/serve.ts')).command,
  user: async () => (await import('./commands/user.ts')).command,
  search: async () => (await import('./commands/search.ts')).command,
  export: async () => (await import('./commands/export.ts')).command,
  restore: async () => (await import('./commands/restore.ts')).command,
  backup: async () => (await import('./commands/backup.ts')).command,
};

function overallHelp(summaries: [string, string][]): string {
  const width = Math.max(...summaries.map(([name]) => name.length));
  return [
    'cabledesk: an open archive for diplomatic cables',
    '',
    'Usage: cabledesk <command> [options]',
    '',
    'Commands:',
    ...summaries.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    'Database: --db sqlite:PATH (default sqlite:./data/cabledesk.db) or a postgres:// URL;',
    'the environment variable CABLEDESK_DB does the same.',
    '',
    'Run `cabledesk <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const summaries: [string, string][] = [];
    for (const [key, load] of Object.entries(commands)) summaries.push([key, (await load()).summary]);
    process.stdout.write(`${overallHelp(summaries)}\n`);
    return name === undefined ? 1 : 0;
  }
  if (name === '--version') {
    process.stdout.write('cabledesk 0.1.0\n');
    return 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`cabledesk: unknown command '${name}'. Run 'cabledesk --help' for the list.\n`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`cabledesk ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
