/**
 * `cabledesk parse`: reads cables from files, folders or standard input in any supported format
 * and prints one cable record (spec/cable-record.md) per line as JSON on standard output, in
 * input order. Records that cannot be read are reported on standard error with their position and
 * the run goes on; the exit code is non-zero only when nothing at all could be read.
 */
import { parseCable } from '../../cable/parse.ts';
import type { CableRecord, SourceInfo } from '../../cable/record.ts';
import { readCables } from '../../sources/index.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { checkFormat, totalSize } from '../input-options.ts';
import { LineWriter } from '../line-writer.ts';
import type { Command } from '../main.ts';
import { startProgress } from '../progress.ts';

const HELP = `Usage: cabledesk parse [--format auto|csv|html|jsonl|text] PATH...

Reads diplomatic cables and prints one JSON record per line on standard output, in input order
(the fields are described in spec/cable-record.md). PATH is a file, a folder (read recursively,
in sorted order) or - for standard input.

Options:
  -f, --format FORMAT  how to read the input (default: auto)
  -h, --help           this text

Formats:
  auto   decide per file: from the first bytes (a cables.csv row, an HTML page, a JSON object),
         else from the extension (.csv .html .htm .jsonl .ndjson .json .txt), else text
  csv    the 2011 cables.csv dump: 8 columns, each in double quotes, backslash escapes (\\" \\\\),
         newlines inside fields; columns id, date (MM/DD/YYYY HH:MM), ref id, origin,
         classification, references, header, body. Read as a stream: a 1.7 GB dump is fine
  html   a cablegate page (cable/YYYY/MM/ID.html): the metadata table and the two <pre> blocks
         (routing header, body); or a folder tree of such pages
  jsonl  one JSON object per line with "body" and any of "refId", "created", "released",
         "classification", "origin", "header"
  text   one raw cable as plain text; a routing header block at the top (VZCZC..., FM/TO/INFO)
         is split off; the ref id comes from the file name (06MOSCOW1323.txt) or the text.
         Files in the corpus layout (key: value lines, <<<HEADER>>>, <<<BODY>>>) are read too

Problems (a broken csv row, a bad JSON line, a missing file) are reported on standard error as
PATH:LINE: message, and the run goes on. The exit code is 0 when at least one cable was read,
1 when none could be, 2 for wrong usage. A progress bar is shown on standard error when it is a
terminal and standard output is not.

Examples:
  cabledesk parse cables.csv > records.jsonl
  cabledesk parse --format html cablegate/cable/2010/
  cabledesk parse 06MOSCOW1323.txt | jq .subject
  cat cables.jsonl | cabledesk parse --format jsonl -
  cabledesk parse cables.csv | head -n 10`;

/** Sum of the sizes of the inputs when all are plain files (for the progress bar), else undefined. */
export const command: Command = {
  summary: 'parse cables (csv, html, jsonl, text) and print one JSON record per line',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('parse', argv, {
      format: { type: 'string', short: 'f', default: 'auto' },
    });
    const format = checkFormat(values.format);
    if (positionals.length === 0) {
      throw new CliError(
        "give at least one PATH (a file, a folder, or - for standard input); see 'cabledesk parse --help'",
      );
    }
    const out = new LineWriter(process.stdout);
    const progress = startProgress({
      label: 'parsing',
      totalBytes: await totalSize(positionals),
      itemName: 'cables',
      quiet: process.stdout.isTTY === true,
    });
    let cables = 0;
    try {
      for await (const item of readCables(positionals, format, { onBytes: (n) => progress.addBytes(n) })) {
        if (item.error) {
          progress.log(`cabledesk parse: ${item.error.where}: ${item.error.message}`);
          continue;
        }
        cables++;
        const record: CableRecord & { source?: SourceInfo } = parseCable(item.cable);
        if (item.cable.source) record.source = item.cable.source;
        await out.write(`${JSON.stringify(record)}\n`);
        progress.addItem();
        if (out.closed) break;
      }
      await out.end().catch((error: Error) => {
        throw new CliError(`cannot write to standard output: ${error.message}`, 1);
      });
    } finally {
      progress.stop();
    }
    if (cables === 0) {
      process.stderr.write('cabledesk parse: no cable could be read\n');
      return 1;
    }
    return 0;
  },
};
