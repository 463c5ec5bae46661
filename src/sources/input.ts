/**
 * Input for the readers: a file or standard input as an async sequence of byte chunks, never the
 * whole file at once; text decoding of such a sequence (a multi-byte character split between two
 * chunks is decoded correctly); peeking at the first chunk for format sniffing; and collecting a
 * small one-cable input whole.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Large chunks: fewer joins across chunk boundaries in the csv reader. */
const CHUNK_BYTES = 1 << 20;

/** Called with the number of bytes just read, for progress display. */
export type BytesRead = (bytes: number) => void;

async function* bytesOf(stream: Readable, onBytes?: BytesRead): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      onBytes?.(bytes.length);
      yield bytes;
    }
  } finally {
    stream.destroy();
  }
}

/** The file in byte chunks. Throws (on first iteration) when the file cannot be opened. */
export function fileBytes(path: string, onBytes?: BytesRead): AsyncGenerator<Buffer> {
  return bytesOf(createReadStream(path, { highWaterMark: CHUNK_BYTES }), onBytes);
}

/** Standard input in byte chunks. */
export function stdinBytes(onBytes?: BytesRead): AsyncGenerator<Buffer> {
  return bytesOf(process.stdin, onBytes);
}

/** UTF-8 text of a byte sequence, chunk by chunk; a leading byte order mark is dropped. */
export async function* decodeUtf8(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of chunks) {
    let text = decoder.write(chunk);
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** The first chunk (empty when the input is empty) and the whole sequence again, first chunk included. */
export async function peek<T extends Buffer | string>(
  chunks: AsyncIterable<T>,
): Promise<{ first: T | undefined; all: AsyncGenerator<T> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head = await iterator.next();
  async function* all(): AsyncGenerator<T> {
    if (head.done) return;
    try {
      yield head.value;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { first: head.done ? undefined : head.value, all: all() };
}

/** Joins all chunks into one buffer: only for inputs that hold one cable (a page). */
export async function collectBytes(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** Joins all chunks into one string: only for inputs that hold one cable (a page, a text file). */
export async function collectText(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: string[] = [];
  for await (const text of decodeUtf8(chunks)) parts.push(text);
  return parts.join('');
}
