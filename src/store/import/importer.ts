/**
 * The import pipeline: a worker thread reads and parses the inputs into batches (./batches.ts),
 * the main thread writes each batch in one transaction. Because writes are idempotent by content
 * and each batch commits whole, an import killed at any point is completed by running it again:
 * committed cables come back `unchanged`, the rest are written, nothing twice.
 *
 * A batch the database refuses is written again cable by cable, so one bad cable fails alone.
 */
import { Worker } from 'node:worker_threads';
import type { Format, ReadError } from '../../sources/index.ts';
import type { PreparedCable, Store, WriteOutcome } from '../store.ts';
import { type BatchLimits, DEFAULT_LIMITS, type PreparedBatch, produceBatches } from './batches.ts';
import type { WorkerInput, WorkerMessage } from './parse-worker.ts';

export interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface ImportOptions {
  store: Store;
  paths: string[];
  format: Format | 'auto';
  /**
   * Parse in a worker thread while the main thread writes (default). Standard input (`-`) is
   * always read in the main thread.
   */
  worker?: boolean;
  /** Cables per transaction at most (default 1000; smaller batches commit more often). */
  batchSize?: number;
  /** After each batch: cables handled and input bytes read in it. */
  onProgress?: (cables: number, bytes: number) => void;
  /** A record that could not be read or written, with its position (`path:line`). */
  onProblem?: (problem: ReadError) => void;
}

/** The one summary line of an import. */
export function summaryLine(s: ImportSummary): string {
  return `imported ${s.imported}, updated ${s.updated}, unchanged ${s.unchanged}, failed ${s.failed}`;
}

/** Batches waiting to be written at most (besides the one the worker is filling). */
const IN_FLIGHT = 2;

function where(cable: PreparedCable): string {
  const path = cable.sourcePath ?? 'stdin';
  return cable.sourceLine === null ? path : `${path}:${cable.sourceLine}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Writes a batch; if the database refuses it, each cable alone (null: that cable failed). */
async function writeSafely(
  store: Store,
  cables: PreparedCable[],
  onProblem: (problem: ReadError) => void,
): Promise<(WriteOutcome | null)[]> {
  try {
    return await store.writeBatch(cables);
  } catch {
    const outcomes: (WriteOutcome | null)[] = [];
    for (const cable of cables) {
      try {
        outcomes.push((await store.writeBatch([cable]))[0]!);
      } catch (error) {
        onProblem({ where: where(cable), message: `${cable.refId}: not stored: ${message(error)}` });
        outcomes.push(null);
      }
    }
    return outcomes;
  }
}

/** Runs the worker and calls `handle` for each batch, one at a time, in input order. */
function runWorker(
  paths: string[],
  format: Format | 'auto',
  limits: BatchLimits,
  handle: (batch: PreparedBatch) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const entry = new URL('./parse-worker.ts', import.meta.url).href;
    const input: WorkerInput & { entry: string } = { paths, format, limits, inFlight: IN_FLIGHT, entry };
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: input });
    let chain = Promise.resolve();
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(error);
    };
    worker.on('message', (msg: WorkerMessage) => {
      chain = chain
        .then(async () => {
          if (settled) return;
          if (msg.kind === 'batch') {
            await handle(msg.batch);
            worker.postMessage('ack');
          } else if (msg.kind === 'done') {
            settled = true;
            await worker.terminate();
            resolve();
          } else {
            fail(new Error(`the import's reader failed: ${msg.message}`));
          }
        })
        .catch(fail);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!settled) fail(new Error(`the import's reader stopped unexpectedly (exit code ${code})`));
    });
  });
}

/** Imports the inputs into the store; returns the counts of the summary line. */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const { store, paths, format } = options;
  const onProblem = options.onProblem ?? (() => {});
  const summary: ImportSummary = { imported: 0, updated: 0, unchanged: 0, failed: 0 };

  const handle = async (batch: PreparedBatch): Promise<void> => {
    for (const problem of batch.errors) onProblem(problem);
    summary.failed += batch.errors.length;
    if (batch.cables.length > 0) {
      for (const outcome of await writeSafely(store, batch.cables, onProblem)) {
        if (outcome === null) summary.failed++;
        else summary[outcome]++;
      }
    }
    options.onProgress?.(batch.cables.length + batch.errors.length, batch.bytes);
  };

  const limits = options.batchSize ? { ...DEFAULT_LIMITS, cables: options.batchSize } : DEFAULT_LIMITS;
  if (options.worker === false || paths.includes('-')) await produceBatches(paths, format, handle, limits);
  else await runWorker(paths, format, limits, handle);
  return summary;
}
