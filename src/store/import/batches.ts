/**
 * The producing half of an import: reads the inputs (src/sources), parses each cable
 * (src/cable), prepares it for the store and hands out batches of bounded size. Runs in the
 * import's worker thread (./parse-worker.ts) or, for standard input, in the main thread.
 */
import { parseCable } from '../../cable/parse.ts';
import { type Format, type ReadError, readCables } from '../../sources/index.ts';
import { position } from '../../sources/read-item.ts';
import { prepareCable } from '../prepared-cable.ts';
import type { PreparedCable } from '../store.ts';

/** One batch: the cables to write in one transaction, the records that could not be read. */
export interface PreparedBatch {
  cables: PreparedCable[];
  errors: ReadError[];
  /** Input bytes read since the previous batch, for progress. */
  bytes: number;
}

export interface BatchLimits {
  /** At most this many cables per batch. */
  cables: number;
  /** A batch is closed once its raw text reaches this many characters. */
  chars: number;
}

/** About 8 MB of text per transaction: large enough for speed, small enough for memory. */
export const DEFAULT_LIMITS: BatchLimits = { cables: 1000, chars: 8_000_000 };

/** Reads, parses and prepares every cable of the inputs; `send` gets each batch and may wait. */
export async function produceBatches(
  paths: readonly string[],
  format: Format | 'auto',
  send: (batch: PreparedBatch) => Promise<void>,
  limits: BatchLimits = DEFAULT_LIMITS,
): Promise<void> {
  let batch: PreparedBatch = { cables: [], errors: [], bytes: 0 };
  let chars = 0;
  const onBytes = (bytes: number) => {
    batch.bytes += bytes;
  };
  for await (const item of readCables(paths, format, { onBytes })) {
    if (item.error) {
      batch.errors.push(item.error);
    } else {
      try {
        const cable = prepareCable(item.cable, parseCable(item.cable));
        batch.cables.push(cable);
        chars += cable.rawHeader.length + cable.rawBody.length;
      } catch (error) {
        const source = item.cable.source;
        const why = error instanceof Error ? error.message : String(error);
        batch.errors.push({
          where: position(source?.path, source?.line),
          message: `could not parse: ${why}`,
        });
      }
    }
    if (
      batch.cables.length >= limits.cables ||
      chars >= limits.chars ||
      batch.errors.length >= limits.cables
    ) {
      const full = batch;
      batch = { cables: [], errors: [], bytes: 0 };
      chars = 0;
      await send(full);
    }
  }
  if (batch.cables.length > 0 || batch.errors.length > 0 || batch.bytes > 0) await send(batch);
}
