/**
 * Files of an export with their fingerprint: a writer that counts bytes and lines and computes the
 * SHA-256 while it writes (no second pass over gigabytes), batching small writes and waiting when
 * the disk is behind; and the same fingerprint of an existing file, read in chunks, for checking.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';

/** Small writes are gathered into blocks of about this many characters. */
const BLOCK_CHARS = 1 << 20;

/** What the manifest records of a file. */
export interface FileDigest {
  bytes: number;
  /** Newline characters, as `wc -l` counts them. */
  lines: number;
  /** SHA-256 of the whole file, hex. */
  sha256: string;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

export class DigestFileWriter {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private newlines = 0;
  private parts: string[] = [];
  private chars = 0;
  private failure: Error | null = null;

  /** Creates the file; it must not exist yet. */
  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: 'wx' });
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  /** Bytes written so far. */
  get written(): number {
    return this.bytes;
  }

  async write(text: string): Promise<void> {
    this.hash.update(text, 'utf8');
    this.bytes += Buffer.byteLength(text, 'utf8');
    this.newlines += countNewlines(text);
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= BLOCK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.parts.length === 0) return;
    const block = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    if (!this.stream.write(block)) await this.drained();
    if (this.failure) throw this.failure;
  }

  /** Resolves when the stream takes writes again (or has closed after an error). */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
    });
  }

  /** Writes out the rest, closes the file and gives its fingerprint. */
  async close(): Promise<FileDigest> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => {
        const failure = error ?? this.failure;
        if (failure) reject(failure);
        else resolve();
      });
    });
    return { bytes: this.bytes, lines: this.newlines, sha256: this.hash.digest('hex') };
  }

  /** Closes the file after a failure, without waiting for what is queued. */
  abandon(): void {
    this.stream.destroy();
  }
}

/** The fingerprint of a file on disk; `onBytes` is told as chunks are read (progress). */
export async function digestFile(path: string, onBytes?: (bytes: number) => void): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    for (let at = buffer.indexOf(10); at >= 0; at = buffer.indexOf(10, at + 1)) lines++;
    onBytes?.(buffer.length);
  }
  return { bytes, lines, sha256: hash.digest('hex') };
}
