/**
 * `openSearch(store)`: the search backend for a store, on the same database connection. Picks
 * the dialect's text index (./sqlite/, ./postgres/) and wraps it in the shared engine.
 */
import type { Store } from '../store/store.ts';
import type { SearchBackend } from './backend.ts';
import { SearchEngine } from './engine.ts';

const engines = new WeakMap<Store, SearchEngine>();

/** One engine per store (it holds the in-memory catalogue). */
export async function openSearch(store: Store): Promise<SearchBackend> {
  const known = engines.get(store);
  if (known) return known;
  let engine: SearchEngine;
  if (store.dialect === 'sqlite') {
    const { SqliteStore } = await import('../store/sqlite/store.ts');
    const { SqliteTextIndex } = await import('./sqlite/text-index.ts');
    if (!(store instanceof SqliteStore)) throw new Error('search: not an SQLite store');
    engine = new SearchEngine(new SqliteTextIndex(store.db, store));
  } else {
    const { PostgresStore } = await import('../store/postgres/store.ts');
    const { PostgresTextIndex } = await import('./postgres/text-index.ts');
    if (!(store instanceof PostgresStore)) throw new Error('search: not a PostgreSQL store');
    engine = new SearchEngine(new PostgresTextIndex(store.pool, store));
  }
  engines.set(store, engine);
  return engine;
}
