/**
 * One entry point to all readers: `readCables(paths, format)` reads files, folders (walked in
 * sorted order) and standard input (`-`) and yields, in input order, each cable or each problem
 * (`{ cable }` or `{ error: { where, message } }`). A problem with one input or record never ends
 * the run; what to do with problems is the caller's choice.
 */
import { stat } from 'node:fs/promises';
import { readCsv } from './csv.ts';
import { detectFormat, type Format, formatFromName } from './detect.ts';
import { readHtmlPage } from './html.ts';
import {
  type BytesRead,
  collectBytes,
  collectText,
  decodeUtf8,
  fileBytes,
  peek,
  stdinBytes,
} from './input.ts';
import { readJsonl } from './jsonl.ts';
import { position, type ReadItem } from './read-item.ts';
import { readCableText } from './text.ts';
import { walkFiles } from './walk.ts';

export type { Format } from './detect.ts';
export { FORMATS } from './detect.ts';
export type { ReadError, ReadItem } from './read-item.ts';

export interface ReadOptions {
  /** Called as bytes are read, for progress display. */
  onBytes?: BytesRead;
}

/** A page or a text file holds one cable: anything this large is not one. */
const MAX_ONE_CABLE_BYTES = 64 * 1024 * 1024;

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}

async function* limited(chunks: AsyncIterable<Buffer>, what: string): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > MAX_ONE_CABLE_BYTES) {
      throw new Error(`too large for one ${what} (over 64 MB); is the --format right?`);
    }
    yield chunk;
  }
}

/** Reads one input (a file, or standard input when `path` is undefined). */
async function* readInput(
  bytes: AsyncIterable<Buffer>,
  path: string | undefined,
  format: Format | 'auto',
): AsyncGenerator<ReadItem> {
  try {
    const { first, all } = await peek(bytes);
    if (!first) {
      yield { error: { where: position(path), message: 'empty input' } };
      return;
    }
    const chosen = format === 'auto' ? detectFormat(first.toString('utf8', 0, 65_536), path) : format;
    if (chosen === 'csv') yield* readCsv(all, path);
    else if (chosen === 'jsonl') yield* readJsonl(decodeUtf8(all), path);
    else if (chosen === 'html') yield { cable: readHtmlPage(await collectBytes(limited(all, 'page')), path) };
    else yield { cable: readCableText(await collectText(limited(all, 'cable')), path) };
  } catch (error) {
    yield { error: { where: position(path), message: describe(error) } };
  }
}

/** In a folder: the files the format reads (any known kind for `auto`). */
function accepts(format: Format | 'auto'): (name: string) => boolean {
  return (name) => {
    const kind = formatFromName(name);
    return kind !== null && (format === 'auto' || kind === format);
  };
}

/** Every cable (or problem) of the inputs, in order. `-` is standard input. */
export async function* readCables(
  paths: readonly string[],
  format: Format | 'auto',
  options: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  for (const path of paths) {
    if (path === '-') {
      yield* readInput(stdinBytes(options.onBytes), undefined, format);
      continue;
    }
    let isFolder = false;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch (error) {
      yield { error: { where: path, message: describe(error) } };
      continue;
    }
    if (!isFolder) {
      yield* readInput(fileBytes(path, options.onBytes), path, format);
      continue;
    }
    try {
      for await (const file of walkFiles(path, accepts(format))) {
        yield* readInput(fileBytes(file, options.onBytes), file, format);
      }
    } catch (error) {
      yield { error: { where: path, message: describe(error) } };
    }
  }
}
