/**
 * Writes a synthetic corpus: reads the real cables of the source into a pool, then produces
 * `count` cables in time order (years as the release, times sorted within each year) and writes
 * each as one cables.csv row as soon as it is made. Everything random comes from one seed, split
 * into a stream per purpose, so a seed and a source give the same file byte for byte.
 */
import { readCables } from '../sources/index.ts';
import { sampleCablesDir } from '../sources/sample.ts';
import { composeCable } from './compose.ts';
import { CsvFileWriter } from './csv-writer.ts';
import {
  classificationTable,
  OUTSIDE_SHARE,
  postTable,
  referenceCount,
  timesInYear,
  yearPlan,
} from './distributions.ts';
import { type CableId, IdSpace, placeOf } from './id-space.ts';
import { type Pool, PoolBuilder } from './pool.ts';
import { Random } from './random.ts';

/** Characters a csv row adds to header and body: the other columns, quotes, escapes. */
const CSV_OVERHEAD = 120;

export interface GenerateOptions {
  count: number;
  out: string;
  seed: string;
  /** Real cables to recombine (any format src/sources reads); the bundled sample by default. */
  from?: string;
  /** Called once the pool is built, with a rough size of the output in bytes (for a progress bar). */
  onStart?: (estimatedBytes: number) => void;
  /** Called now and then with the cables written so far and the bytes written. */
  onProgress?: (done: number, bytes: number) => void;
  /** Called for each source record that could not be read. */
  onSkip?: (why: string) => void;
}

export interface GenerateResult {
  cables: number;
  bytes: number;
  /** Real cables read into the pool, and how many of them gave usable pieces. */
  poolRead: number;
  poolDonors: number;
}

export async function buildPool(from: string, rng: Random, onSkip?: (why: string) => void): Promise<Pool> {
  const builder = new PoolBuilder(rng);
  for await (const item of readCables([from], 'auto')) {
    if (item.cable) builder.add(item.cable);
    else onSkip?.(`${item.error.where}: ${item.error.message}`);
  }
  const pool = builder.build();
  if (pool.donors.length === 0) throw new Error(`no usable cables in ${from} (none has numbered paragraphs)`);
  return pool;
}

export async function generateCorpus(options: GenerateOptions): Promise<GenerateResult> {
  const root = new Random(options.seed);
  const pool = await buildPool(options.from ?? sampleCablesDir, root.fork('pool'), options.onSkip);
  options.onStart?.(Math.round(options.count * (pool.meanChars + CSV_OVERHEAD)));
  const dates = root.fork('dates');
  const draws = root.fork('draws');
  const text = root.fork('text');
  const ids = new IdSpace(root.fork('ids'));
  const posts = postTable(pool.posts);
  const writer = new CsvFileWriter(options.out);
  let row = 0;
  try {
    for (const [year, count] of yearPlan(options.count)) {
      const times = timesInYear(year, count, dates);
      for (let i = 0; i < count; i++) {
        row++;
        const post = posts.draw(draws);
        const id = ids.next(year, post.station, placeOf(post.from, post.station));
        const cites: CableId[] = [];
        const seen = new Set<string>([id.refId]);
        for (let k = referenceCount(draws); k > 0; k--) {
          let cite: CableId | null = null;
          if (!draws.chance(OUTSIDE_SHARE)) cite = ids.earlier(year, post.station, draws);
          if (!cite) {
            const target = draws.chance(0.4) ? post : posts.draw(draws);
            cite = ids.outside(year, target.station, placeOf(target.from, target.station), draws);
          }
          if (!seen.has(cite.refId)) {
            seen.add(cite.refId);
            cites.push(cite);
          }
        }
        const to = posts.draw(draws);
        const addressee = `${to.station === 'STATE' ? 'RUEHMO' : to.route}/${to.station === 'STATE' ? 'AMEMBASSY MOSCOW' : to.from}`;
        const cable = composeCable(
          {
            row,
            time: new Date(times[i]!),
            id,
            post,
            classification: classificationTable.draw(draws),
            cites,
            addressee,
          },
          pool,
          text,
        );
        writer.write([
          String(cable.row),
          cable.date,
          cable.refId,
          cable.origin,
          cable.classification,
          cable.references,
          cable.header,
          cable.body,
        ]);
        if (options.onProgress && (row & 1023) === 0) options.onProgress(row, writer.bytes);
      }
    }
  } finally {
    writer.close();
  }
  options.onProgress?.(row, writer.bytes);
  return { cables: row, bytes: writer.bytes, poolRead: pool.read, poolDonors: pool.donors.length };
}
