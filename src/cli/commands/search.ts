/**
 * `cabledesk search [--json] QUERY`: the website's search from the terminal. Readable lines by
 * default (total, then one cable per block with its snippet, matches in brackets), `--json` for
 * the same object as `GET /api/search`. Filters, sort and pages as flags.
 */
import type { SearchResponse } from '../../search/backend.ts';
import { SearchParamError, snippetText } from '../../search/engine.ts';
import { openSearch } from '../../search/open.ts';
import { SearchSyntaxError } from '../../search/query.ts';
import { searchRequestFrom } from '../../search/request.ts';
import { openStore } from '../../store/open.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { dbOptionHelp, resolveDbUrl } from '../db-option.ts';
import type { Command } from '../main.ts';

const HELP = `Usage: cabledesk search [--json] [options] QUERY...

Searches the archive like the website does. QUERY: words (all must match), "exact phrases",
OR, -exclusions, prefix*, subject:, origin:, classification:, tag:, from:, to: (dates), ref:.

Options:
  --json                 print the same JSON object as GET /api/search
  --origin O             only cables from this origin
  --classification C     only cables with this classification
  --tag T                only cables with this tag
  --from DATE, --to DATE dates (YYYY, YYYY-MM or YYYY-MM-DD), both ends included
  --sort S               relevance (default), date or -date (write --sort=-date)
  --page N, --limit N    which page, how many per page (default 20, at most 100)
${dbOptionHelp(25)}
  -h, --help             this text`;

export function formatResults(r: SearchResponse): string {
  const lines = [
    `${r.total.toLocaleString('en-US')} ${r.total === 1 ? 'cable' : 'cables'} (page ${r.page}, sorted by ${r.sort})`,
  ];
  if (r.ignored.length) lines.push(`left out: ${r.ignored.join(', ')}`);
  for (const hit of r.results) {
    lines.push(
      '',
      `${hit.refId}  ${hit.created?.slice(0, 10) ?? 'undated'}  ${hit.origin}  ${hit.classification}`,
    );
    if (hit.subject) lines.push(`  ${hit.subject}`);
    if (hit.snippet) lines.push(`  ${snippetText(hit.snippet, '[', ']')}`);
  }
  return lines.join('\n');
}

export const command: Command = {
  summary: 'search the archive (same query language as the website)',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('search', argv, {
      json: { type: 'boolean', default: false },
      origin: { type: 'string' },
      classification: { type: 'string' },
      tag: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      sort: { type: 'string' },
      page: { type: 'string' },
      limit: { type: 'string' },
      db: { type: 'string' },
    });
    if (positionals.length === 0) throw new CliError("a query is needed. Run 'cabledesk search --help'.");
    const params: Record<string, string | undefined> = { ...values, q: positionals.join(' ') } as never;
    const store = await openStore(resolveDbUrl(values.db));
    try {
      const request = searchRequestFrom((name) => params[name]);
      const r = await (await openSearch(store)).search(request);
      if (values.json) {
        const { total, results, facets, timeline, page, limit, sort, cable } = r;
        process.stdout.write(
          `${JSON.stringify({ total, results, facets, timeline, page, limit, sort, ...(cable ? { cable } : {}) })}\n`,
        );
      } else {
        process.stdout.write(`${formatResults(r)}\n`);
      }
      return 0;
    } catch (error) {
      if (error instanceof SearchSyntaxError || error instanceof SearchParamError)
        throw new CliError(error.message);
      throw error;
    } finally {
      await store.close();
    }
  },
};
