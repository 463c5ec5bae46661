/**
 * The import pipeline: a worker thread reads and parses the inputs into batches (./batches.ts),
 * the main thread writes each batch in one transaction. Because writes are idempotent by content
 * and each batch commits whole, an import killed at any point is completed by running it again:
 * committed cables come back `unchanged`, the rest are written, nothing twice.
 *
 * A batch the database refuses is written again cable by cable, so one bad cable fails alone.
 */
import { availableParallelism } from 'node:os';
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
  /** Worker threads that parse (default: one per core, at most 4). */
  workers?: number;
  /** Cables per transaction at most (default 1000; smaller batches commit more often). */
  batchSize?: number;
  /** After each batch: cables handled and input bytes read in it. */
  onProgress?: (cables: number, bytes: number) => void;
  /** After each batch is written: how long the writing took (ms), for benchmarks. */
  onWritten?: (ms: number) => void;
  /** A record that could not be read or written, with its position (`path:line`). */
  onProblem?: (problem: ReadError) => void;
}

/** The one summary line of an import. */
export function summaryLine(s: ImportSummary): string {
  return `imported ${s.imported}, updated ${s.updated}, unchanged ${s.unchanged}, failed ${s.failed}`;
}

/** Three semi-spaces of 32 MB (V8 sizes the young generation as 3x the semi-space). */
const YOUNG_GENERATION_MB = 96;

/** Batches per worker waiting to be written at most (besides the one it is filling). */
const IN_FLIGHT = 2;

/**
 * One parsing thread per core but one (the main thread writes), at least 1, at most 4. On 2 cores,
 * 1 worker measured faster than 2 (21.7 s against 27.3 s for 20,000 cables) and took 585 MB of
 * memory at peak against 970 MB.
 */
function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

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

/**
 * Runs `workers` worker threads, each parsing its share of the batches, and calls `handle` for
 * each batch, one at a time, in input order.
 */
function runWorkers(
  dbUrl: string,
  paths: string[],
  format: Format | 'auto',
  limits: BatchLimits,
  workers: number,
  handle: (batch: PreparedBatch) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const entry = new URL('./parse-worker.ts', import.meta.url).href;
    const threads: Worker[] = [];
    const waiting = new Map<number, PreparedBatch>();
    const done = new Set<number>();
    let next = 0;
    let total = -1;
    let writing = false;
    let settled = false;
    const stop = async () => {
      await Promise.all(threads.map((t) => t.terminate()));
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      void stop();
      reject(error);
    };
    const pump = async () => {
      if (writing || settled) return;
      writing = true;
      try {
        for (let batch = waiting.get(next); batch; batch = waiting.get(next)) {
          waiting.delete(next);
          await handle(batch);
          threads[next % workers]!.postMessage('ack');
          next++;
        }
        if (done.size === workers && next >= total) {
          settled = true;
          await stop();
          resolve();
        }
      } catch (error) {
        fail(error);
      } finally {
        writing = false;
      }
      if (!settled && waiting.has(next)) void pump();
    };
    for (let index = 0; index < workers; index++) {
      const input: WorkerInput & { entry: string } = {
        paths,
        format,
        limits,
        share: { index, of: workers },
        inFlight: IN_FLIGHT,
        dbUrl,
        entry,
      };
      const thread = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
        workerData: input,
        // The young generation of `node --max-semi-space-size=32` (as bin/cabledesk.js): parsing
        // makes many short-lived strings, fewer collections with more room.
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      threads.push(thread);
      thread.on('message', (msg: WorkerMessage) => {
        if (msg.kind === 'batch') waiting.set(msg.batch.seq, msg.batch);
        else if (msg.kind === 'done') {
          done.add(index);
          total = msg.batches;
        } else fail(new Error(`the import's reader failed: ${msg.message}`));
        void pump();
      });
      thread.on('error', fail);
      thread.on('exit', (code) => {
        if (!done.has(index)) fail(new Error(`an import worker stopped (exit code ${code})`));
      });
    }
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
    summary.unchanged += batch.known;
    if (batch.cables.length > 0) {
      const start = performance.now();
      for (const outcome of await writeSafely(store, batch.cables, onProblem)) {
        if (outcome === null) summary.failed++;
        else summary[outcome]++;
      }
      options.onWritten?.(performance.now() - start);
    }
    options.onProgress?.(batch.cables.length + batch.known + batch.errors.length, batch.bytes);
  };

  const limits = options.batchSize ? { ...DEFAULT_LIMITS, cables: options.batchSize } : DEFAULT_LIMITS;
  if (options.worker === false || paths.includes('-')) {
    await produceBatches(paths, format, handle, limits, undefined, (keys) => store.hasVersions(keys));
  } else {
    await runWorkers(store.url, paths, format, limits, options.workers ?? defaultWorkers(), handle);
  }
  await store.flush();
  return summary;
}
