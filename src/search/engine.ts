/**
 * The search engine shared by both databases: parses the query, asks the dialect's text index
 * only for the text parts (each conjunction of text terms is one index query), and does the rest
 * in memory over bitsets with the catalogue (./catalog.ts): filters, total, facets, the timeline,
 * date order and pages. Relevance order comes from the index when at most RANK_LIMIT cables
 * match; above that, cables are ordered newest first (scoring a word found in most cables tells
 * little and costs the most).
 */
import type {
  FacetCount,
  SearchBackend,
  SearchHit,
  SearchRequest,
  SearchResponse,
  SearchSort,
  TextIndex,
} from './backend.ts';
import { SEARCH_SORTS } from './backend.ts';
import { Bitset } from './bitset.ts';
import { Catalog, NO_MONTH } from './catalog.ts';
import { commonWords } from './common-words.ts';
import { snippetOf } from './highlight.ts';
import { type DateNode, type FilterNode, parseQuery, type QueryNode, SearchSyntaxError } from './query.ts';
import { decodeCatalogRows, encodeCatalogRows } from './snapshot.ts';

/** Relevance is scored by the index for at most this many hits. */
export const RANK_LIMIT = 2000;
export const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;
const TOP_VALUES = 30;
const CHECK_EVERY_MS = 1000;
/** Text queries matching at least this many cables are kept as snapshots. */
export const MATERIALIZE_MIN = 5000;
/** Text queries that took at least this long in the index are kept as snapshots too. */
export const MATERIALIZE_MS = 10;
/** Large text matches kept in memory (31 KB each at the full release). */
const MEMORY_MATCHES = 256;

/** A request parameter that is not valid (-> 400). */
export class SearchParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchParamError';
  }
}

const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** The text queries a search ran, with their number of matches. */
type TextSeen = { node: QueryNode; count: number; negated?: boolean }[];

/** A query subtree the text index can answer in one query. */
function isTextQuery(node: QueryNode): boolean {
  switch (node.kind) {
    case 'text':
      return true;
    case 'or':
      return node.children.every((c) => c.kind !== 'not' && isTextQuery(c));
    case 'and':
      return (
        node.children.some((c) => c.kind !== 'not') &&
        node.children.every((c) => (c.kind === 'not' ? isTextQuery(c.child) : isTextQuery(c)))
      );
    default:
      return false;
  }
}

function sorted(counts: Map<string, number>, byValue: boolean, top: number): FacetCount[] {
  const rows = [...counts].map(([value, count]) => ({ value, count }));
  rows.sort((a, b) =>
    byValue ? (a.value < b.value ? -1 : 1) : b.count - a.count || (a.value < b.value ? -1 : 1),
  );
  return top > 0 ? rows.slice(0, top) : rows;
}

export class SearchEngine implements SearchBackend {
  readonly dialect;
  private catalog: Catalog | null = null;
  private catalogKey = '';
  private checkedAt = 0;
  private loading: Promise<Catalog> | null = null;
  /** Large text matches kept in memory (least recently used dropped first). */
  private readonly matches = new Map<string, Bitset>();

  constructor(private readonly index: TextIndex) {
    this.dialect = index.dialect;
  }

  /** The catalogue, reloaded when the archive changed (checked at most once a second). */
  async current(): Promise<Catalog> {
    const now = Date.now();
    if (this.catalog && now - this.checkedAt < CHECK_EVERY_MS) return this.catalog;
    this.loading ??= (async () => {
      try {
        const key = await this.index.fingerprint();
        this.checkedAt = Date.now();
        if (!this.catalog || key !== this.catalogKey) {
          const stored = await this.index.readSnapshot('catalog', key).catch(() => null);
          let rows = stored ? decodeCatalogRows(stored) : null;
          if (!rows) {
            rows = await this.index.loadCatalog();
            await this.index
              .writeSnapshot('catalog', key, encodeCatalogRows(rows.cables, rows.tags))
              .catch(() => {});
          }
          this.catalog = new Catalog(rows.cables, rows.tags);
          this.catalogKey = key;
          this.matches.clear();
        }
        return this.catalog;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /**
   * Prepares searching after the archive changed (`cabledesk import` calls it): loads the
   * catalogue, storing its snapshot, then searches once for each word held by many cables of an
   * even sample across the years, which stores the snapshots of the large matches. The first
   * readers' searches are then as fast as later ones. Returns the words searched.
   */
  async warm(
    options: { maxWords?: number; sample?: number; onWord?: (done: number, total: number) => void } = {},
  ): Promise<string[]> {
    const catalog = await this.current();
    const { byDate } = catalog;
    const take = Math.min(byDate.length, options.sample ?? 1000);
    const ids = Array.from({ length: take }, (_, i) => byDate[Math.floor((i * byDate.length) / take)]!);
    const rows = await this.index.rows(ids);
    const texts = [...rows.values()].map((r) => `${r.subject ?? ''}\n${r.text}`);
    // Words below this share of the cables match too few for a snapshot (MATERIALIZE_MIN).
    const share = catalog.size > 0 ? Math.min(0.5, MATERIALIZE_MIN / catalog.size) : 1;
    const words = commonWords(texts, options.maxWords ?? 200, share);
    for (let i = 0; i < words.length; i++) {
      // Only the word's matches are worth keeping (a snapshot when large); the rest of a search
      // (facets, ranking, snippets) is computed per request anyway.
      await this.textMatches(parseQuery(words[i]!).root, catalog);
      options.onWord?.(i + 1, words.length);
    }
    return words;
  }

  private async evaluate(node: QueryNode, catalog: Catalog, seen: TextSeen): Promise<Bitset> {
    if (isTextQuery(node)) {
      const set = await this.textMatches(node, catalog);
      seen.push({ node, count: set.count() });
      return set;
    }
    switch (node.kind) {
      case 'all':
        return catalog.all.clone();
      case 'filter':
        return catalog.filter(node.field, node.value);
      case 'date':
        return catalog.dateBound(node.bound, node.value);
      case 'not':
        return catalog.all.clone().andNot(await this.negated(node.child, catalog, seen));
      case 'or': {
        const sets = await Promise.all(node.children.map((c) => this.evaluate(c, catalog, seen)));
        return sets.reduce((a, b) => a.or(b));
      }
      case 'and': {
        // The text terms together as one index query; the rest from the catalogue.
        const text = node.children.filter((c) => (c.kind === 'not' ? isTextQuery(c.child) : isTextQuery(c)));
        const rest = node.children.filter((c) => !text.includes(c));
        const parts: Promise<Bitset>[] = [];
        const negatives: QueryNode[] = [];
        if (text.some((c) => c.kind !== 'not')) {
          parts.push(
            this.evaluate(text.length === 1 ? text[0]! : { kind: 'and', children: text }, catalog, seen),
          );
        } else {
          negatives.push(...text.map((c) => (c.kind === 'not' ? c.child : c)));
        }
        for (const c of rest) {
          if (c.kind === 'not') negatives.push(c.child);
          else parts.push(this.evaluate(c, catalog, seen));
        }
        const sets = await Promise.all(parts);
        const result = sets.length > 0 ? sets.reduce((a, b) => a.and(b)) : catalog.all.clone();
        for (const n of negatives) result.andNot(await this.negated(n, catalog, seen));
        return result;
      }
      case 'text':
        throw new Error('unreachable: text is a text query');
    }
  }

  /**
   * The cables matching a text query: from memory or a stored snapshot, else from the index (and
   * then kept when it matched many cables or took long: common words, phrases of common words,
   * short prefixes).
   */
  private async textMatches(node: QueryNode, catalog: Catalog): Promise<Bitset> {
    const key = `match:${JSON.stringify(node)}`;
    const known = this.matches.get(key);
    if (known) {
      this.matches.delete(key);
      this.matches.set(key, known);
      return known.clone();
    }
    const stored = await this.index.readSnapshot(key, this.catalogKey);
    if (stored) {
      const set = Bitset.fromBytes(catalog.size, stored);
      this.remember(key, set);
      return set.clone();
    }
    const started = performance.now();
    const ids = await this.index.matchIds(node);
    const set = Bitset.of(catalog.size, ids);
    if (ids.length >= MATERIALIZE_MIN || performance.now() - started >= MATERIALIZE_MS) {
      this.remember(key, set);
      await this.index.writeSnapshot(key, this.catalogKey, set.toBytes()).catch(() => {});
      return set.clone();
    }
    return set;
  }

  private remember(key: string, set: Bitset): void {
    this.matches.set(key, set);
    if (this.matches.size > MEMORY_MATCHES) this.matches.delete(this.matches.keys().next().value!);
  }

  /** Evaluates what a NOT excludes; its text queries are marked so that they are not scored. */
  private async negated(node: QueryNode, catalog: Catalog, seen: TextSeen): Promise<Bitset> {
    const inner: TextSeen = [];
    const set = await this.evaluate(node, catalog, inner);
    for (const s of inner) seen.push({ ...s, negated: true });
    return set;
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const sort: SearchSort = request.sort ?? 'relevance';
    if (!SEARCH_SORTS.includes(sort)) throw new SearchParamError(`sort is one of ${SEARCH_SORTS.join(', ')}`);
    const page = request.page ?? 1;
    const limit = request.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(page) || page < 1 || page > 10_000)
      throw new SearchParamError('page is a whole number from 1');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new SearchParamError(`limit is a whole number from 1 to ${MAX_LIMIT}`);
    }
    const plan = parseQuery(request.q ?? '');
    const filters: (FilterNode | DateNode)[] = [];
    for (const field of ['origin', 'classification', 'tag'] as const) {
      const value = request[field];
      if (value !== undefined && value !== '') filters.push({ kind: 'filter', field, value });
    }
    for (const bound of ['from', 'to'] as const) {
      const value = request[bound];
      if (value === undefined || value === '') continue;
      if (!DATE.test(value))
        throw new SearchParamError(`${bound} is a date like 2008, 2008-06 or 2008-06-30`);
      filters.push({ kind: 'date', bound, value });
    }
    const catalog = await this.current();
    // A reference id alone finds that cable (and nothing else) when it is in the archive.
    const cable = plan.refId && catalog.idOf(plan.refId) !== undefined ? plan.refId : null;
    const query: QueryNode = cable ? { kind: 'filter', field: 'ref', value: cable } : plan.root;
    const root: QueryNode =
      filters.length === 0
        ? query
        : { kind: 'and', children: [...(query.kind === 'all' ? [] : [query]), ...filters] };
    const seen: TextSeen = [];
    const hits = await this.evaluate(root, catalog, seen);
    const total = hits.count();

    // The page's ids.
    const offset = (page - 1) * limit;
    let pageIds: number[] = [];
    if (offset < total) {
      const scored = seen.length === 1 && !seen[0]!.negated ? seen[0]! : null;
      if (sort === 'relevance' && scored && scored.count <= RANK_LIMIT) {
        // The one text query's matches by relevance, kept when they are hits.
        const ranked = (await this.index.rank(scored.node)).filter((id) => hits.has(id));
        pageIds =
          ranked.length === total
            ? ranked.slice(offset, offset + limit)
            : inDateOrder(catalog, hits, true, offset, limit);
      } else {
        pageIds = inDateOrder(catalog, hits, sort !== 'date', offset, limit);
      }
    }
    const rows = await this.index.rows(pageIds);
    const results: SearchHit[] = pageIds.map((id) => {
      const row = rows.get(id);
      return {
        refId: catalog.refIds[id]!,
        subject: row?.subject ?? null,
        created: catalog.created[id] ?? null,
        origin: catalog.origins.names[catalog.origin[id]!]!,
        classification: catalog.classifications.names[catalog.classification[id]!]!,
        snippet: markSnippet(snippetOf(row?.text ?? '', plan.highlight)),
      };
    });
    const { facets, timeline } = countFacets(catalog, hits, total);
    return {
      total,
      results,
      facets,
      timeline,
      cable,
      highlight: plan.highlight,
      ignored: plan.ignored,
      page,
      limit,
      sort,
    };
  }
}

/** `limit` ids of the hits after `offset`, newest first (or oldest first); undated ones last. */
function inDateOrder(
  catalog: Catalog,
  hits: Bitset,
  newestFirst: boolean,
  offset: number,
  limit: number,
): number[] {
  const out: number[] = [];
  let skip = offset;
  const take = (id: number): boolean => {
    if (!hits.has(id)) return false;
    if (skip > 0) {
      skip--;
      return false;
    }
    out.push(id);
    return out.length >= limit;
  };
  const order = catalog.byDate;
  if (newestFirst) {
    for (let i = order.length - 1; i >= 0; i--) if (take(order[i]!)) return out;
  } else {
    for (let i = 0; i < order.length; i++) if (take(order[i]!)) return out;
  }
  for (const id of catalog.undated) if (take(id)) return out;
  return out;
}

interface RawCounts {
  origin: Uint32Array;
  classification: Uint32Array;
  month: Uint32Array;
  tag: Uint32Array;
}

/** Counts per facet value over a set, in one pass over its set bits (no call per hit). */
function rawCounts(catalog: Catalog, set: Bitset): RawCounts {
  const origin = new Uint32Array(catalog.origins.names.length);
  const classification = new Uint32Array(catalog.classifications.names.length);
  const month = new Uint32Array(catalog.months.length + 1);
  const tag = new Uint32Array(catalog.tags.names.length);
  const { tagStart, tagCodes } = catalog;
  const originOf = catalog.origin;
  const classOf = catalog.classification;
  const monthOf = catalog.month;
  const words = set.words;
  const undatedSlot = catalog.months.length;
  for (let w = 0; w < words.length; w++) {
    let v = words[w]!;
    while (v !== 0) {
      const low = v & -v;
      const id = (w << 5) + 31 - Math.clz32(low);
      v ^= low;
      origin[originOf[id]!]!++;
      classification[classOf[id]!]!++;
      const m = monthOf[id]!;
      month[m === NO_MONTH ? undatedSlot : m]!++;
      const end = tagStart[id + 1]!;
      for (let k = tagStart[id]!; k < end; k++) tag[tagCodes[k]!]!++;
    }
  }
  return { origin, classification, month, tag };
}

/** Counts over every cable, once per catalogue. */
const everything = new WeakMap<Catalog, { total: number; counts: RawCounts }>();

/**
 * Facet counts of the hits. A set holding most cables is counted through its complement
 * (counts over everything, computed once, minus the counts of the cables not hit), so the cost
 * follows the smaller of the two: a word in most cables costs what a rare one does.
 */
function countFacets(
  catalog: Catalog,
  hits: Bitset,
  total: number,
): Pick<SearchResponse, 'facets' | 'timeline'> {
  let all = everything.get(catalog);
  if (!all) {
    all = { total: catalog.all.count(), counts: rawCounts(catalog, catalog.all) };
    everything.set(catalog, all);
  }
  let counts: RawCounts;
  if (total * 2 > all.total) {
    const missing = rawCounts(catalog, catalog.all.clone().andNot(hits));
    const minus = (a: Uint32Array, b: Uint32Array) => a.map((n, i) => n - b[i]!);
    counts = {
      origin: minus(all.counts.origin, missing.origin),
      classification: minus(all.counts.classification, missing.classification),
      month: minus(all.counts.month, missing.month),
      tag: minus(all.counts.tag, missing.tag),
    };
  } else {
    counts = rawCounts(catalog, hits);
  }
  const { origin, classification, month, tag } = counts;
  const toMap = (counts: Uint32Array, names: string[]) => {
    const map = new Map<string, number>();
    counts.forEach((n, i) => {
      if (n > 0) map.set(names[i]!, (map.get(names[i]!) ?? 0) + n);
    });
    return map;
  };
  const months = toMap(month, catalog.months);
  const years = new Map<string, number>();
  for (const [m, n] of months) years.set(m.slice(0, 4), (years.get(m.slice(0, 4)) ?? 0) + n);
  return {
    facets: {
      origin: sorted(toMap(origin, catalog.origins.names), false, TOP_VALUES),
      classification: sorted(toMap(classification, catalog.classifications.names), false, 0),
      year: sorted(years, true, 0),
      tag: sorted(toMap(tag, catalog.tags.names), false, TOP_VALUES),
    },
    timeline: sorted(months, true, 0),
  };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes a snippet marked with \u0002 ... \u0003 and turns the marks into <mark> elements. */
export function markSnippet(raw: string): string {
  return raw
    .replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!)
    .replace(/\s+/g, ' ')
    .replace(/\u0002/g, '<mark>')
    .replace(/\u0003/g, '</mark>')
    .trim();
}

/** A snippet made by markSnippet as plain text again, its marks written as `open` and `close`. */
export function snippetText(snippet: string, open = '', close = ''): string {
  return snippet
    .replace(/<mark>/g, open)
    .replace(/<\/mark>/g, close)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export { SearchSyntaxError };
