/**
 * `cabledesk serve`: the website and JSON API. Opens the archive (importing the bundled sample
 * first when the archive is empty, unless --no-sample), listens, and prints
 * `listening on http://HOST:PORT` on standard output once ready. Stops cleanly on SIGINT/SIGTERM.
 */
import { sampleCablesDir, sampleVariantsDir } from '../../sources/sample.ts';
import { runImport, summaryLine } from '../../store/import/importer.ts';
import { openStore } from '../../store/open.ts';
import type { Store } from '../../store/store.ts';
import { startServer } from '../../web/server.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { DB_OPTION_HELP, resolveDbUrl } from '../db-option.ts';
import type { Command } from '../main.ts';

const HELP = `Usage: cabledesk serve [--port N] [--host H] [--db URL] [--public-url URL] [--no-sample]

Serves the archive's website and JSON API. When ready it prints one line on standard output:
  listening on http://HOST:PORT

Options:
  -p, --port N        port to listen on (default 3000; 0 picks a free port)
  -H, --host H        address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
${DB_OPTION_HELP}
  --public-url URL    the site's public address, used in permalinks, feeds and citations
                      (default: the address each request came to)
  --no-sample         do not import the bundled sample when the archive is empty
  -h, --help          this text

An empty archive gets the bundled sample (51 real cables and 4 other versions) on first start,
so a fresh clone shows a working site with 'npm start'. Stop the server with Ctrl-C.`;

function checkPort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new CliError(`--port must be a number from 0 to 65535 (got '${text}')`);
  }
  return Number(text);
}

function checkPublicUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:')
      return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  throw new CliError(`--public-url must be an http(s) address (got '${text}')`);
}

/** Imports the bundled sample into an empty archive; says so on standard error. */
async function importSampleIfEmpty(store: Store): Promise<void> {
  if ((await store.archiveState()).cables > 0) return;
  process.stderr.write('cabledesk serve: the archive is empty; importing the bundled sample...\n');
  const summary = await runImport({
    store,
    paths: [sampleCablesDir, sampleVariantsDir],
    format: 'auto',
    worker: false,
    onProblem: (p) => process.stderr.write(`cabledesk serve: ${p.where}: ${p.message}\n`),
  });
  process.stderr.write(`cabledesk serve: sample ${summaryLine(summary)}\n`);
}

export const command: Command = {
  summary: 'serve the website and JSON API',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('serve', argv, {
      port: { type: 'string', short: 'p', default: '3000' },
      host: { type: 'string', short: 'H', default: '127.0.0.1' },
      db: { type: 'string' },
      'public-url': { type: 'string' },
      'no-sample': { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}'`);
    const port = checkPort(values.port);
    const publicUrl = checkPublicUrl(values['public-url']);
    const url = resolveDbUrl(values.db);
    const store = await openStore(url).catch((error: unknown) => {
      throw new CliError(
        `cannot open the database ${url}: ${error instanceof Error ? error.message : error}`,
        1,
      );
    });
    try {
      if (!values['no-sample']) await importSampleIfEmpty(store);
    } catch (error) {
      await store.close();
      throw new CliError(`could not import the sample: ${error instanceof Error ? error.message : error}`, 1);
    }
    const server = await startServer({
      store,
      port,
      host: values.host,
      ...(publicUrl ? { publicUrl } : {}),
    }).catch(async (error: unknown) => {
      await store.close();
      throw new CliError(
        `cannot listen on ${values.host}:${port}: ${error instanceof Error ? error.message : error}`,
        1,
      );
    });
    process.stdout.write(`listening on ${server.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};
