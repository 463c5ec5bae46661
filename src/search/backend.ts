/**
 * What a search asks and answers, and the one interface both databases implement
 * (`SearchBackend`). A backend is built from a `TextIndex` (./sqlite/, ./postgres/: the same
 * files per dialect), which only answers what needs the full-text index: which cables match a
 * text query, their order by relevance, their snippets. Everything else (filters, facets, the
 * timeline, date order, pages) is shared (./engine.ts), so both databases count the same way.
 */
import type { CatalogCableRow, CatalogTagRow } from './catalog.ts';
import type { QueryNode } from './query.ts';

export const SEARCH_SORTS = ['relevance', 'date', '-date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface SearchRequest {
  q: string;
  origin?: string;
  classification?: string;
  tag?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  /** Default `relevance`. */
  sort?: SearchSort;
  /** 1-based, default 1. */
  page?: number;
  /** Default 20, at most 100. */
  limit?: number;
}

export interface SearchHit {
  refId: string;
  subject: string | null;
  created: string | null;
  origin: string;
  classification: string;
  /** HTML: escaped text with the matched words in <mark>. */
  snippet: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResponse {
  total: number;
  results: SearchHit[];
  facets: { origin: FacetCount[]; classification: FacetCount[]; year: FacetCount[]; tag: FacetCount[] };
  /** Hits per month created (`YYYY-MM`), months with hits only, in order. */
  timeline: FacetCount[];
  /** The query was only this cable's reference id, and the cable is in the archive. */
  cable: string | null;
  /** Words to highlight on a cable page reached from these results. */
  highlight: string[];
  /** Words left out of the query (English stop words). */
  ignored: string[];
  page: number;
  limit: number;
  sort: SearchSort;
}

export interface SearchBackend {
  readonly dialect: 'sqlite' | 'postgres';
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Prepares searching after an import (catalogue and common words stored); the words searched. */
  warm(options?: {
    maxWords?: number;
    sample?: number;
    onWord?: (done: number, total: number) => void;
  }): Promise<string[]>;
}

/** What a dialect's full-text index provides (./sqlite/text-index.ts, ./postgres/text-index.ts). */
export interface TextIndex {
  readonly dialect: 'sqlite' | 'postgres';
  /** Changes whenever the archive does. */
  fingerprint(): Promise<string>;
  loadCatalog(): Promise<{ cables: CatalogCableRow[]; tags: CatalogTagRow[] }>;
  /** A snapshot (./snapshot.ts) stored for this fingerprint, or null. */
  readSnapshot(name: string, fingerprint: string): Promise<Uint8Array | null>;
  /** Stores a snapshot (replacing an older one of the same name). */
  writeSnapshot(name: string, fingerprint: string, data: Uint8Array): Promise<void>;
  /** Ids of the cables matching a text-only query (text, and/or of them, not inside an and). */
  matchIds(node: QueryNode): Promise<ArrayLike<number>>;
  /** The ids of every cable matching a text-only query, best first (called for small result sets). */
  rank(node: QueryNode): Promise<number[]>;
  /** Subject and reading text (paragraphs joined by blank lines) per id. */
  rows(ids: number[]): Promise<Map<number, { subject: string | null; text: string }>>;
}
