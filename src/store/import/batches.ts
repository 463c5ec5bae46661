/**
 * The producing half of an import: reads the inputs (src/sources), parses each cable
 * (src/cable), prepares it for the store and hands out batches of bounded size. Runs in the
 * import's worker thread (./parse-worker.ts) or, for standard input, in the main thread.
 */
import { parseCable } from '../../cable/parse.ts';
import type { RawCable } from '../../cable/record.ts';
import { canonicalRefId } from '../../cable/refid.ts';
import { type Format, type ReadError, readCables } from '../../sources/index.ts';
import { position } from '../../sources/read-item.ts';
import { contentHash, prepareCable } from '../prepared-cable.ts';
import type { PreparedCable, VersionKey } from '../store.ts';

/** One batch: the cables to write in one transaction, the records that could not be read. */
export interface PreparedBatch {
  /** Position of the batch in the input (0, 1, 2 ...): batches are written in this order. */
  seq: number;
  cables: PreparedCable[];
  /** Cables left out because their version is already stored (they count as unchanged). */
  known: number;
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

/** Tells, for (ref id, content hash) pairs, which versions the database already holds. */
export type KnownVersions = (keys: VersionKey[]) => Promise<boolean[]>;

/** The ref id the parser will give a raw cable, and the hash of its text: without parsing it. */
function versionKey(raw: RawCable): VersionKey {
  let refId: string;
  try {
    refId = canonicalRefId(raw.publishedRefId).refId;
  } catch {
    refId = raw.publishedRefId.trim();
  }
  return { refId, contentHash: contentHash(raw.header, raw.body) };
}

/** Parses and prepares the raw cables of one batch, except the versions already stored. */
async function prepareBatch(batch: PreparedBatch, raws: RawCable[], known?: KnownVersions): Promise<void> {
  const stored = known ? await known(raws.map(versionKey)) : [];
  raws.forEach((raw, i) => {
    if (stored[i]) {
      batch.known++;
      return;
    }
    try {
      batch.cables.push(prepareCable(raw, parseCable(raw)));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      batch.errors.push({
        where: position(raw.source?.path, raw.source?.line),
        message: `could not parse: ${why}`,
      });
    }
  });
}

/**
 * Reads the inputs, parses and prepares the cables of this producer's share of the batches;
 * `send` gets each batch and may wait. With `known`, versions already stored are counted
 * (`batch.known`) without being parsed, which makes a re-run after an interruption fast.
 * Returns the total number of batches of the input.
 */
export async function produceBatches(
  paths: readonly string[],
  format: Format | 'auto',
  send: (batch: PreparedBatch) => Promise<void>,
  limits: BatchLimits = DEFAULT_LIMITS,
  share: Share = { index: 0, of: 1 },
  known?: KnownVersions,
): Promise<number> {
  let seq = 0;
  let mine = share.of === 1 || share.index === 0;
  let batch: PreparedBatch = { seq, cables: [], known: 0, errors: [], bytes: 0 };
  let raws: RawCable[] = [];
  let items = 0;
  let chars = 0;
  let bytes = 0;
  const onBytes = (n: number) => {
    bytes += n;
  };
  const close = async () => {
    if (mine) {
      await prepareBatch(batch, raws, known);
      batch.bytes = bytes;
      bytes = 0;
      await send(batch);
    }
    seq++;
    mine = seq % share.of === share.index;
    batch = { seq, cables: [], known: 0, errors: [], bytes: 0 };
    raws = [];
    items = 0;
    chars = 0;
  };
  for await (const item of readCables(paths, format, { onBytes })) {
    items++;
    if (item.error) {
      if (mine) batch.errors.push(item.error);
    } else {
      chars += item.cable.header.length + item.cable.body.length;
      if (mine) raws.push(item.cable);
    }
    if (items >= limits.cables || chars >= limits.chars) await close();
  }
  if (items > 0) await close();
  return seq;
}
