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
  /** Position of the batch in the input (0, 1, 2 ...): batches are written in this order. */
  seq: number;
  cables: PreparedCable[];
  errors: ReadError[];
  /** Input bytes read since this producer's previous batch, for progress. */
  bytes: number;
}

export interface BatchLimits {
  /** At most this many records per batch. */
  cables: number;
  /** A batch is closed once its raw text reaches this many characters. */
  chars: number;
}

/** About 8 MB of text per transaction: large enough for speed, small enough for memory. */
export const DEFAULT_LIMITS: BatchLimits = { cables: 1000, chars: 8_000_000 };

/**
 * Which batches this producer prepares: those with `seq % of === index`. Several producers (one
 * per worker thread) read the same input, cut it into the same batches (the cut depends only on
 * the raw text) and each parses only its share.
 */
export interface Share {
  index: number;
  of: number;
}

/**
 * Reads the inputs, parses and prepares the cables of this producer's share of the batches;
 * `send` gets each batch and may wait. Returns the total number of batches of the input.
 */
export async function produceBatches(
  paths: readonly string[],
  format: Format | 'auto',
  send: (batch: PreparedBatch) => Promise<void>,
  limits: BatchLimits = DEFAULT_LIMITS,
  share: Share = { index: 0, of: 1 },
): Promise<number> {
  let seq = 0;
  let mine = share.of === 1 || share.index === 0;
  let batch: PreparedBatch = { seq, cables: [], errors: [], bytes: 0 };
  let items = 0;
  let chars = 0;
  let bytes = 0;
  const onBytes = (n: number) => {
    bytes += n;
  };
  for await (const item of readCables(paths, format, { onBytes })) {
    items++;
    if (item.error) {
      if (mine) batch.errors.push(item.error);
    } else {
      chars += item.cable.header.length + item.cable.body.length;
      if (mine) {
        try {
          batch.cables.push(prepareCable(item.cable, parseCable(item.cable)));
        } catch (error) {
          const source = item.cable.source;
          const why = error instanceof Error ? error.message : String(error);
          batch.errors.push({
            where: position(source?.path, source?.line),
            message: `could not parse: ${why}`,
          });
        }
      }
    }
    if (items >= limits.cables || chars >= limits.chars) {
      if (mine) {
        batch.bytes = bytes;
        bytes = 0;
        await send(batch);
      }
      seq++;
      mine = seq % share.of === share.index;
      batch = { seq, cables: [], errors: [], bytes: 0 };
      items = 0;
      chars = 0;
    }
  }
  if (items > 0) {
    if (mine) {
      batch.bytes = bytes;
      await send(batch);
    }
    seq++;
  }
  return seq;
}
