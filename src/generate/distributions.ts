/**
 * The spreads a generated corpus follows, scaled to the requested count: cables per year (the
 * release's own counts), times within a year (working hours more often), classifications (the
 * release's shares), sending posts (each post as often as it sends in the release), and how many
 * references a cable lists and how many of them point outside the set.
 */
import { RELEASE_POSTS } from './data/release-posts.ts';
import type { PoolPost } from './pool.ts';
import { type Random, WeightedTable } from './random.ts';
import {
  CABLES_PER_YEAR,
  CLASSIFICATIONS,
  REFERENCE_LINKS,
  REFERENCED_IDS_OUTSIDE,
  RELEASE_CABLES,
} from './release-facts.ts';

/** Cables per year for a corpus of `count`, in year order, summing to `count` exactly (largest remainders). */
export function yearPlan(count: number): [number, number][] {
  const years = [...CABLES_PER_YEAR.entries()].sort((a, b) => a[0] - b[0]);
  const exact = years.map(([, n]) => (n * count) / RELEASE_CABLES);
  const plan = years.map(([year], i) => [year, Math.floor(exact[i]!)] as [number, number]);
  let left = count - plan.reduce((sum, [, n]) => sum + n, 0);
  const order = exact
    .map((value, i) => [value - Math.floor(value), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) plan[order[k]![1]]![1]++;
  return plan.filter(([, n]) => n > 0);
}

/** First and last millisecond a cable of the year may carry (the release spans 28 Dec 1966 to 28 Feb 2010). */
function yearSpan(year: number): [number, number] {
  const start = year === 1966 ? Date.UTC(1966, 11, 28) : Date.UTC(year, 0, 1);
  const end = year === 2010 ? Date.UTC(2010, 2, 1) : Date.UTC(year + 1, 0, 1);
  return [start, end - 60_000];
}

/** Hours of the day weighted toward the working day (cables are mostly sent 06-18 UTC-ish). */
const HOURS = new WeightedTable(
  Array.from({ length: 24 }, (_, h) => h),
  [2, 1, 1, 1, 2, 3, 5, 8, 10, 11, 12, 12, 11, 11, 12, 12, 11, 9, 7, 5, 4, 3, 3, 2],
);

/** `count` creation times within the year, sorted, at minute precision. */
export function timesInYear(year: number, count: number, rng: Random): Float64Array {
  const [start, end] = yearSpan(year);
  const days = Math.floor((end - start) / 86_400_000) + 1;
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const day = rng.int(days);
    times[i] = start + day * 86_400_000 + HOURS.draw(rng) * 3_600_000 + rng.int(60) * 60_000;
  }
  return times.sort();
}

export const classificationTable = new WeightedTable(
  CLASSIFICATIONS.map(([name]) => name),
  CLASSIFICATIONS.map(([, n]) => n),
);

/** Posts weighted by how many cables each sent in the release; posts seen only in the pool get a middling weight. */
export function postTable(poolPosts: readonly PoolPost[]): WeightedTable<PoolPost> {
  const posts: PoolPost[] = [];
  const weights: number[] = [];
  const known = new Set<string>();
  for (const [station, cables, route, from, origin] of RELEASE_POSTS) {
    known.add(station);
    posts.push({ station, route, from, origin });
    weights.push(cables);
  }
  for (const post of poolPosts) {
    if (known.has(post.station)) continue;
    posts.push(post);
    weights.push(300);
  }
  return new WeightedTable(posts, weights);
}

/** Mean reference links per cable in the release, and the share of cited ids that are outside it. */
export const LINKS_PER_CABLE = REFERENCE_LINKS / RELEASE_CABLES;
export const OUTSIDE_SHARE = REFERENCED_IDS_OUTSIDE / REFERENCE_LINKS;
/** Share of cables with a REF list. */
const WITH_REFERENCES = 0.48;
/** Extra references beyond the first follow a geometric law with this mean. */
const EXTRA_MEAN = LINKS_PER_CABLE / WITH_REFERENCES - 1;

/** How many references one cable lists (0 for about half; mean about 0.92 as in the release). */
export function referenceCount(rng: Random): number {
  if (!rng.chance(WITH_REFERENCES)) return 0;
  return Math.min(8, 1 + rng.geometric(1 / (1 + EXTRA_MEAN)));
}
