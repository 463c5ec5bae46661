/**
 * A progress bar on standard error for long reads (bytes read of the total, items done, ETA),
 * drawn with cli-progress only when standard error is a terminal; otherwise nothing is drawn.
 * Messages go through `log` so they do not tear the bar.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Bytes of input read since the last call. */
  addBytes(bytes: number): void;
  /** One more item (a cable) done. */
  addItem(): void;
  /** Prints one message line on standard error. */
  log(line: string): void;
  /** Removes the bar; call once at the end (also after an error). */
  stop(): void;
}

export interface ProgressOptions {
  /** What is being done, first on the bar: `parsing`. */
  label: string;
  /** Total bytes to read, when known (files only; not standard input or folders). */
  totalBytes?: number;
  /** Plural name of the items counted: `cables`. */
  itemName: string;
  /** Draw nothing even on a terminal (e.g. when standard output is the same terminal). */
  quiet?: boolean;
  stream?: NodeJS.WriteStream;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

/** Plain message lines, no bar. */
function silentProgress(stream: NodeJS.WriteStream): Progress {
  return {
    addBytes() {},
    addItem() {},
    log(line) {
      stream.write(`${line}\n`);
    },
    stop() {},
  };
}

export function startProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY || options.quiet) return silentProgress(stream);
  const total = options.totalBytes && options.totalBytes > 0 ? options.totalBytes : 0;
  const format = total
    ? `${options.label} [{bar}] {percentage}% | {read} of {size} | {items} ${options.itemName} | {rate}/s | ETA {eta_formatted}`
    : `${options.label} {read} | {items} ${options.itemName} | {rate}/s`;
  const bars = new cliProgress.MultiBar(
    { stream, format, hideCursor: true, clearOnComplete: true, fps: 5, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  let read = 0;
  let items = 0;
  const started = Date.now();
  const rate = () => Math.round(items / Math.max((Date.now() - started) / 1000, 0.001));
  const payload = () => ({ read: megabytes(read), size: megabytes(total), items, rate: rate() });
  const bar = bars.create(total || 1, 0, payload());
  let stopped = false;
  return {
    addBytes(bytes) {
      read += bytes;
      bar.update(total ? Math.min(read, total) : 0, payload());
    },
    addItem() {
      items++;
      if (items % 64 === 0) bar.update(total ? Math.min(read, total) : 0, payload());
    },
    log(line) {
      bars.log(`${line}\n`);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.update(total ? Math.min(read, total) : 0, payload());
      bars.update();
      bars.stop();
    },
  };
}
