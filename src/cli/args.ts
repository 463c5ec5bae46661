/**
 * Command-line flags for the commands: node:util parseArgs in strict mode, with its errors turned
 * into a one-line CliError that points at the command's --help. `-` stays a positional argument
 * (standard input).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError } from './cli-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The flags (`values`) and other arguments (`positionals`) of one command's argv. */
export function parseCommandArgs<const O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    throw new CliError(`${why}. Run 'cabledesk ${command} --help' for the options.`);
  }
}
