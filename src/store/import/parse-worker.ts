/**
 * The import's worker thread: produces batches (./batches.ts) and posts them to the main thread,
 * which writes them. At most `inFlight` batches wait unacknowledged, which bounds memory when the
 * database is slower than the parser.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Format } from '../../sources/index.ts';
import { type BatchLimits, type PreparedBatch, produceBatches } from './batches.ts';

export interface WorkerInput {
  paths: string[];
  format: Format | 'auto';
  limits: BatchLimits;
  inFlight: number;
}

/** Messages from the worker. */
export type WorkerMessage =
  | { kind: 'batch'; batch: PreparedBatch }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };

const port = parentPort!;
const input = workerData as WorkerInput & { entry: string };
let unacknowledged = 0;
let wake: (() => void) | null = null;

port.on('message', () => {
  unacknowledged--;
  wake?.();
  wake = null;
});

async function send(batch: PreparedBatch): Promise<void> {
  while (unacknowledged >= input.inFlight) await new Promise<void>((resolve) => (wake = resolve));
  unacknowledged++;
  port.postMessage({ kind: 'batch', batch } satisfies WorkerMessage);
}

try {
  await produceBatches(input.paths, input.format, send, input.limits);
  port.postMessage({ kind: 'done' } satisfies WorkerMessage);
} catch (error) {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  port.postMessage({ kind: 'failed', message } satisfies WorkerMessage);
}
