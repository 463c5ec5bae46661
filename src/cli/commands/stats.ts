/**
 * `cabledesk stats`: what is in the archive, as a user checks it after an import: cables and
 * versions, counts per classification, origin and year, tags, and references to cables that are
 * not in the archive. A readable table by default, `--json` for scripts.
 */
import type { ArchiveStats, CountRow } from '../../store/store.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { dbOptionHelp, openArchive, resolveDbUrl } from '../db-option.ts';
import type { Command } from '../main.ts';

const HELP = `Usage: cabledesk stats [--json] [--top N] [--db URL]

Counts what the archive holds: cables, versions, cables per classification, origin and year,
tags, and references (with those that point to cables not in the archive).

Options:
  --json         print one JSON object instead of tables
  --top N        how many origins and tags to list (default 20; 0 lists every origin)
${dbOptionHelp(17)}
  -h, --help     this text`;

const number = (n: number) => n.toLocaleString('en-US');

function table(title: string, rows: CountRow[], limit: number, total: number): string[] {
  const shown = limit > 0 ? rows.slice(0, limit) : rows;
  const width = Math.max(title.length, ...shown.map((r) => r.value.length));
  const countWidth = Math.max(5, ...shown.map((r) => number(r.count).length));
  const lines = [`${title.padEnd(width)}  ${'count'.padStart(countWidth)}  share`];
  for (const r of shown) {
    const share = total > 0 ? `${((100 * r.count) / total).toFixed(1)}%` : '';
    lines.push(`${r.value.padEnd(width)}  ${number(r.count).padStart(countWidth)}  ${share.padStart(6)}`);
  }
  if (shown.length < rows.length) lines.push(`(${rows.length - shown.length} more; --top 0 lists all)`);
  return lines;
}

/** The stats as readable text. */
export function formatStats(stats: ArchiveStats, top: number): string {
  const r = stats.references;
  const lines = [
    `cables       ${number(stats.cables)}`,
    `versions     ${number(stats.versions)} (${number(stats.cablesWithVersions)} cables with more than one)`,
    `origins      ${number(stats.byOrigin.length)}`,
    `tags         ${number(stats.tags.distinct)} distinct, ${number(stats.tags.assigned)} assigned`,
    `references   ${number(r.edges)} (${number(r.toCables)} to cable ids; ${number(r.unresolvedEdges)} to ` +
      `${number(r.unresolvedIds)} cables not in the archive)`,
    '',
    ...table('classification', stats.byClassification, 0, stats.cables),
    '',
    ...table('year', stats.byYear, 0, stats.cables),
    '',
    ...table('origin', stats.byOrigin, top, stats.cables),
    '',
    ...table('tag', stats.tags.top, 0, stats.cables),
  ];
  return lines.join('\n');
}

export const command: Command = {
  summary: 'count cables per classification, origin, year; versions, tags, unresolved references',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('stats', argv, {
      json: { type: 'boolean', default: false },
      top: { type: 'string', default: '20' },
      db: { type: 'string' },
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}'`);
    const top = Number(values.top);
    if (!Number.isInteger(top) || top < 0)
      throw new CliError(`--top must be a whole number (got '${values.top}')`);
    const url = resolveDbUrl(values.db);
    const store = await openArchive(url);
    try {
      const stats = await store.stats(top === 0 ? 1_000_000 : top);
      process.stdout.write(
        values.json ? `${JSON.stringify(stats, null, 2)}\n` : `${formatStats(stats, top)}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
