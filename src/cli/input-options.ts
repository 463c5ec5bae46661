/**
 * Options shared by the commands that read cable inputs (parse, import): the `--format` value
 * check and the total size of the inputs for the progress bar.
 */
import { stat } from 'node:fs/promises';
import { FORMATS, type Format } from '../sources/index.ts';
import { CliError } from './cli-error.ts';

/** `--format` checked against the known formats. */
export function checkFormat(value: string): Format | 'auto' {
  if (value === 'auto' || (FORMATS as readonly string[]).includes(value)) return value as Format | 'auto';
  throw new CliError(`--format must be one of auto, ${FORMATS.join(', ')} (got '${value}')`);
}

/** Total bytes of the input files, or undefined when unknowable (standard input, folders). */
export async function totalSize(paths: string[]): Promise<number | undefined> {
  let total = 0;
  for (const path of paths) {
    if (path === '-') return undefined;
    const info = await stat(path).catch(() => null); // a missing file is reported by the reader
    if (info && !info.isFile()) return undefined;
    total += info?.size ?? 0;
  }
  return total;
}
