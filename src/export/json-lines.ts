/**
 * The lines of an export file, read as a stream (one line in memory at a time, whatever the
 * file's size), with their line numbers; `onBytes` hears of every chunk read, for progress.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Line {
  text: string;
  /** From 1. */
  number: number;
}

export async function* fileLines(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<Line> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  if (onBytes) stream.on('data', (chunk) => onBytes(Buffer.byteLength(chunk as string, 'utf8')));
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  try {
    for await (const text of lines) {
      number++;
      if (text.trim() !== '') yield { text, number };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** Groups a sequence into arrays of at most `size`. */
export async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
