/**
 * What every route needs: the store, the page cache, the public address (when configured) and
 * the clock (tests set it).
 */
import type { Store } from '../store/store.ts';
import type { PageCache } from './page-cache.ts';

export interface WebContext {
  store: Store;
  cache: PageCache;
  /** `https://cables.example.org`: used in permalinks, feeds and citations; else the request's origin. */
  publicUrl?: string;
  now: () => Date;
}
