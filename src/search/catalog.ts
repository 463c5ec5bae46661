/**
 * The search catalogue: every cable's facet values held in memory as flat arrays indexed by cable
 * id (origin, classification, month created, tags), plus the ids in date order. Filters, facet
 * counts, the timeline and date sorting are computed from it over a set of hits, the same way for
 * both databases, without reading a row per hit. Built from two plain queries; 251,287 cables take
 * a few MB.
 */
import { Bitset } from './bitset.ts';
import { fold } from './normalize.ts';

export interface CatalogCableRow {
  id: number;
  ref_id: string;
  origin: string;
  classification: string;
  created: string | null;
}
export interface CatalogTagRow {
  ref_id: string;
  tag: string;
}

const NONE = 0xffff;

/** A dictionary of distinct values, in first-seen order, found again by their folded form (find). */
class Values {
  readonly names: string[] = [];
  private readonly codes = new Map<string, number>();
  code(name: string): number {
    let c = this.codes.get(name);
    if (c === undefined) {
      c = this.names.length;
      this.names.push(name);
      this.codes.set(name, c);
    }
    return c;
  }
  /** Codes of the values equal to `name` ignoring case and diacritics. */
  find(name: string): number[] {
    const f = fold(name.trim());
    const out: number[] = [];
    this.names.forEach((n, i) => {
      if (fold(n) === f) out.push(i);
    });
    return out;
  }
}

export class Catalog {
  readonly size: number;
  readonly all: Bitset;
  readonly refIds: string[];
  /** `created` per id (null when undated). */
  readonly created: (string | null)[];
  readonly origins = new Values();
  readonly classifications = new Values();
  readonly tags = new Values();
  /** `YYYY-MM` values, sorted. */
  readonly months: string[];
  readonly origin: Uint16Array;
  readonly classification: Uint16Array;
  /** Index into `months`, NONE when undated. */
  readonly month: Uint16Array;
  readonly tagStart: Uint32Array;
  readonly tagCodes: Uint32Array;
  /** Ids of dated cables in `created` order (ties by id), and their dates. */
  readonly byDate: Int32Array;
  readonly dates: string[];
  /** Ids without a date (they come last in both date orders). */
  readonly undated: Int32Array;
  private readonly refIndex = new Map<string, number>();

  constructor(cables: CatalogCableRow[], tagRows: CatalogTagRow[]) {
    let max = -1;
    for (const c of cables) if (c.id > max) max = c.id;
    this.size = max + 1;
    this.all = new Bitset(this.size);
    this.refIds = new Array(this.size);
    this.created = new Array(this.size).fill(null);
    this.origin = new Uint16Array(this.size);
    this.classification = new Uint16Array(this.size);
    this.month = new Uint16Array(this.size).fill(NONE);
    const monthSet = new Set<string>();
    for (const c of cables) if (c.created) monthSet.add(c.created.slice(0, 7));
    this.months = [...monthSet].sort();
    const monthCode = new Map(this.months.map((m, i) => [m, i]));
    const dated: CatalogCableRow[] = [];
    const undated: number[] = [];
    for (const c of cables) {
      this.all.add(c.id);
      this.refIds[c.id] = c.ref_id;
      this.created[c.id] = c.created;
      this.refIndex.set(c.ref_id, c.id);
      this.origin[c.id] = this.origins.code(c.origin);
      this.classification[c.id] = this.classifications.code(c.classification);
      if (c.created) {
        this.month[c.id] = monthCode.get(c.created.slice(0, 7))!;
        dated.push(c);
      } else {
        undated.push(c.id);
      }
    }
    dated.sort((a, b) => (a.created! < b.created! ? -1 : a.created! > b.created! ? 1 : a.id - b.id));
    this.byDate = Int32Array.from(dated, (c) => c.id);
    this.dates = dated.map((c) => c.created!);
    this.undated = Int32Array.from(undated.sort((a, b) => a - b));
    // Tags as compressed rows: the tags of cable `id` are tagCodes[tagStart[id] .. tagStart[id + 1]).
    const tagIds = Int32Array.from(tagRows, (t) => this.refIndex.get(t.ref_id) ?? -1);
    const perCable = new Uint32Array(this.size + 1);
    for (const id of tagIds) if (id >= 0) perCable[id + 1]!++;
    for (let i = 1; i <= this.size; i++) perCable[i]! += perCable[i - 1]!;
    this.tagStart = perCable.slice();
    this.tagCodes = new Uint32Array(tagRows.length);
    const fill = perCable;
    tagRows.forEach((t, i) => {
      const id = tagIds[i]!;
      if (id >= 0) this.tagCodes[fill[id]!++] = this.tags.code(t.tag);
    });
  }

  idOf(refId: string): number | undefined {
    return this.refIndex.get(refId);
  }

  /** Cables whose origin, classification, tag or reference id is `value` (any case). */
  filter(field: 'origin' | 'classification' | 'tag' | 'ref', value: string): Bitset {
    const key = `${field}:${fold(value.trim())}`;
    let set = this.filters.get(key);
    if (!set) {
      set = this.computeFilter(field, value);
      if (this.filters.size < 2000) this.filters.set(key, set);
    }
    return set.clone();
  }

  private readonly filters = new Map<string, Bitset>();

  private computeFilter(field: 'origin' | 'classification' | 'tag' | 'ref', value: string): Bitset {
    const out = new Bitset(this.size);
    if (field === 'ref') {
      const id = this.refIndex.get(value.trim().toUpperCase());
      if (id !== undefined) out.add(id);
      return out;
    }
    const values = field === 'tag' ? this.tags : field === 'origin' ? this.origins : this.classifications;
    const codes = values.find(value);
    if (codes.length === 0) return out;
    const wanted = new Uint8Array(values.names.length);
    for (const c of codes) wanted[c] = 1;
    if (field === 'tag') {
      const { tagStart, tagCodes } = this;
      for (let id = 0; id < this.size; id++) {
        const end = tagStart[id + 1]!;
        for (let k = tagStart[id]!; k < end; k++) {
          if (wanted[tagCodes[k]!] === 1) {
            out.add(id);
            break;
          }
        }
      }
      return out;
    }
    const column = field === 'origin' ? this.origin : this.classification;
    const all = this.all;
    for (let id = 0; id < this.size; id++) if (wanted[column[id]!] === 1 && all.has(id)) out.add(id);
    return out;
  }

  /** Cables created on or after the start (`from`) or on or before the end (`to`) of a period. */
  dateBound(bound: 'from' | 'to', period: string): Bitset {
    const out = new Bitset(this.size);
    if (bound === 'from') {
      for (let i = lowerBound(this.dates, period); i < this.byDate.length; i++) out.add(this.byDate[i]!);
    } else {
      // Everything that starts with the period or sorts before it: `~` sorts after digits and `T`.
      const end = lowerBound(this.dates, `${period}~`);
      for (let i = 0; i < end; i++) out.add(this.byDate[i]!);
    }
    return out;
  }
}

/** The first index whose value is >= key. */
function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export { NONE as NO_MONTH };

/** The catalogue's two queries, the same on both databases. */
export const CATALOG_CABLES_SQL = 'SELECT id, ref_id, origin, classification, created FROM cables';
export const CATALOG_TAGS_SQL = 'SELECT ref_id, tag FROM cable_tags';
