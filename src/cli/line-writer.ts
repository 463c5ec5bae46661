/**
 * Fast, well-behaved line output for commands that print a lot (one JSON record per line): lines
 * are gathered into batches of about 64 KB before each write, the stream's backpressure is
 * respected (wait for `drain`), and a reader that goes away (`| head` closes the pipe: EPIPE) ends
 * the output quietly instead of crashing; `closed` then tells the producer to stop.
 */
import type { Writable } from 'node:stream';

const BATCH_CHARS = 64 * 1024;

export class LineWriter {
  private batch: string[] = [];
  private batchChars = 0;
  private failure: Error | null = null;
  /** True once the reader has gone away (EPIPE): further output is dropped. */
  closed = false;

  constructor(private readonly stream: Writable = process.stdout) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.closed = true;
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') this.failure = error;
    });
  }

  /** Queues text (usually one line with its `\n`); resolves when the caller may go on. */
  async write(text: string): Promise<void> {
    if (this.closed) return;
    this.batch.push(text);
    this.batchChars += text.length;
    if (this.batchChars >= BATCH_CHARS) await this.flush();
  }

  /** Writes out what is queued, waiting for the stream to drain when it asks to. */
  async flush(): Promise<void> {
    if (this.batch.length === 0 || this.closed) return;
    const text = this.batch.length === 1 ? this.batch[0]! : this.batch.join('');
    this.batch = [];
    this.batchChars = 0;
    if (!this.stream.write(text)) await this.drained();
  }

  /** Flushes the rest; throws a write error other than a closed pipe. */
  async end(): Promise<void> {
    await this.flush();
    if (this.failure) throw this.failure;
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }
}
