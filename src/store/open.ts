/**
 * `openStore(url)`: the one way to get a `Store`. `sqlite:PATH` opens (and creates) an SQLite file,
 * `postgres://...` a PostgreSQL database (a pool of `options.poolSize` connections); pending
 * migrations are applied either way.
 */
import type { Store, StoreOptions } from './store.ts';

export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  if (url.startsWith('sqlite:')) {
    const { openSqliteStore } = await import('./sqlite/store.ts');
    return openSqliteStore(url.slice('sqlite:'.length));
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { openPostgresStore } = await import('./postgres/store.ts');
    return openPostgresStore(url, options);
  }
  throw new Error(`unknown database URL '${url}': use sqlite:PATH or postgres://...`);
}
