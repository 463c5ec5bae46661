/**
 * `cabledesk generate`: writes a synthetic but realistic corpus in the cables.csv layout, for
 * scale tests, by recombining a real corpus (the bundled sample by default). Deterministic for a
 * seed; streamed to disk; a progress bar on standard error when it is a terminal.
 */
import { generateCorpus } from '../../generate/generate.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError } from '../cli-error.ts';
import type { Command } from '../main.ts';
import { type Progress, startProgress } from '../progress.ts';

const HELP = `Usage: cabledesk generate --count N --out FILE.csv [--seed S] [--from PATH]

Writes N synthetic cables to FILE.csv in the layout of the 2011 cables.csv dump (8 quoted
columns, backslash escapes), made by recombining real cables: real paragraphs, subjects, TAGS,
"Classified By" lines, signatures and routing headers, rebuilt around new ids, posts, serials
and dates. Years, posts, classifications and references follow the real release (251,287
cables: 2009 56,813; 2008 49,446 ...; about 0.9 references per cable, a quarter of them to
cables outside the set). The same seed and source give the same file byte for byte.

Options:
  -n, --count N     how many cables to write (required)
  -o, --out FILE    the csv file to write (required; replaced if it exists)
  -s, --seed S      any string (default: 1)
      --from PATH   real cables to recombine: a cables.csv, a cable file, a cablegate page or a
                    folder of them (default: the bundled sample)
  -h, --help        this text

Example:
  cabledesk generate --count 251287 --out /tmp/release.csv --seed 42`;

export const command: Command = {
  summary: 'write a synthetic corpus in cables.csv format for scale tests',
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('generate', argv, {
      count: { type: 'string', short: 'n' },
      out: { type: 'string', short: 'o' },
      seed: { type: 'string', short: 's', default: '1' },
      from: { type: 'string' },
    });
    if (positionals.length > 0)
      throw new CliError(`unexpected argument '${positionals[0]}'; see 'cabledesk generate --help'`);
    const count = Number(values.count);
    if (values.count === undefined || !Number.isInteger(count) || count < 1) {
      throw new CliError(
        "--count must be a whole number of cables, at least 1; see 'cabledesk generate --help'",
      );
    }
    if (!values.out) throw new CliError("--out FILE.csv is required; see 'cabledesk generate --help'");
    let progress: Progress = startProgress({
      label: 'reading the pool',
      totalBytes: 0,
      itemName: 'cables',
      quiet: true,
    });
    let shownBytes = 0;
    let shownCables = 0;
    const started = Date.now();
    let result: Awaited<ReturnType<typeof generateCorpus>>;
    try {
      result = await generateCorpus({
        count,
        out: values.out,
        seed: values.seed,
        ...(values.from ? { from: values.from } : {}),
        onStart(estimatedBytes) {
          progress = startProgress({ label: 'generating', totalBytes: estimatedBytes, itemName: 'cables' });
        },
        onProgress(done, bytes) {
          progress.addBytes(bytes - shownBytes);
          shownBytes = bytes;
          for (; shownCables < done; shownCables++) progress.addItem();
        },
        onSkip: (why) => progress.log(`cabledesk generate: skipped ${why}`),
      });
    } catch (error) {
      if (error instanceof Error && /no usable cables|ENOENT/.test(error.message))
        throw new CliError(error.message, 1);
      throw error;
    } finally {
      progress.stop();
    }
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(
      `generated ${result.cables} cables, ${(result.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (${(
        result.bytes / 1e6 / seconds
      ).toFixed(1)} MB/s) from ${result.poolDonors} real cables -> ${values.out}\n`,
    );
    return 0;
  },
};
