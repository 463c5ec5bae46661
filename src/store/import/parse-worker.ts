/**
 * One of the import's worker threads: produces its share of the batches (./batches.ts) and posts
 * them to the main thread, which writes them in order. At most `inFlight` of its batches wait
 * unacknowledged, which bounds memory when the database is slower than the parsers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Format } from '../../sources/index.ts';
import { openStore } from '../open.ts';
import type { VersionKey } from '../store.ts';
import { type BatchLimits, type PreparedBatch, produceBatches, type Share } from './batches.ts';

export interface WorkerInput {
  paths: string[];
  format: Format | 'auto';
  limits: BatchLimits;
  share: Share;
  inFlight: number;
  /** The database, to leave out versions already stored without parsing them. */
  dbUrl: string;
}

/** Messages from a worker. `done` carries the number of batches of the whole input. */
export type WorkerMessage =
  | { kind: 'batch'; batch: PreparedBatch }
  | { kind: 'done'; batches: number }
  | { kind: 'failed'; message: string };

const port = parentPort!;
const input = workerData as WorkerInput;
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
  const store = await openStore(input.dbUrl);
  const known = (keys: VersionKey[]) => store.hasVersions(keys);
  const batches = await produceBatches(input.paths, input.format, send, input.limits, input.share, known);
  await store.close();
  port.postMessage({ kind: 'done', batches } satisfies WorkerMessage);
} catch (error) {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  port.postMessage({ kind: 'failed', message } satisfies WorkerMessage);
}
