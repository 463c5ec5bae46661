/**
 * Rendered pages kept in memory, so a popular cable page is built once and then sent as is. An
 * entry is valid for one "generation" of the archive (`Store.archiveFingerprint`, which changes
 * with every write), checked at most once per `checkEveryMs` (default 1 s). After an
 * import, pages are rebuilt within that delay. Least recently used entries go first.
 *
 * The same check reads the database's change counters (`Store.changeCounters`: raised by triggers
 * on every write to comments, account names and mentions, on whichever server), which the caches
 * of the comments and mentions parts of pages compare (`counter(name)`). Everything is read from
 * the database, so a change made through any server shows on every server within `checkEveryMs`.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/store.ts';

export interface RenderedPage {
  status: number;
  body: string;
  /** The body encoded once (UTF-8), set by `send` the first time the page goes out. */
  bytes?: Buffer;
  /** The full response headers, built once by `send`. */
  sendHeaders?: Record<string, string>;
  type: string;
  etag: string;
  /** Extra headers (e.g. robots). */
  headers?: Record<string, string>;
}

/** Remembered values (counts, totals) kept at most. */
const MAX_VALUES = 5000;

export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

export class PageCache {
  private readonly entries = new Map<string, { generation: string; page: RenderedPage }>();
  private readonly values = new Map<string, { generation: string; value: unknown }>();
  private generationValue = '';
  private counters: Record<string, number> = {};
  private checkedAt = 0;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: { max?: number; checkEveryMs?: number } = {},
  ) {}

  /** The archive's current generation (refreshed at most once per interval). */
  async generation(): Promise<string> {
    const now = Date.now();
    if (now - this.checkedAt < (this.options.checkEveryMs ?? 1000) && this.generationValue) {
      return this.generationValue;
    }
    this.pending ??= Promise.all([this.store.archiveFingerprint(), this.store.changeCounters()])
      .then(([fingerprint, counters]) => {
        this.generationValue = fingerprint;
        this.counters = counters;
        this.checkedAt = Date.now();
        return this.generationValue;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  /** A change counter of the database (`discussion`, `mentions`), refreshed with the generation. */
  async counter(name: string): Promise<number> {
    await this.generation();
    return this.counters[name] ?? 0;
  }

  /** The cached page for `key`, or `build()`'s result (cached when its status is 200 or 404). */
  async get(key: string, build: () => Promise<RenderedPage>): Promise<RenderedPage> {
    const generation = await this.generation();
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.page;
    }
    const page = await build();
    if (page.status === 200 || page.status === 404) {
      this.entries.delete(key);
      this.entries.set(key, { generation, page });
      const max = this.options.max ?? 1000;
      while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value!);
    }
    return page;
  }

  /** A value computed once per archive generation (e.g. the list of origins). */
  async remember<T>(key: string, build: () => Promise<T>): Promise<T> {
    const generation = await this.generation();
    const hit = this.values.get(key);
    if (hit && hit.generation === generation) return hit.value as T;
    const value = await build();
    this.values.delete(key);
    this.values.set(key, { generation, value });
    while (this.values.size > MAX_VALUES) this.values.delete(this.values.keys().next().value!);
    return value;
  }

  clear(): void {
    this.values.clear();
    this.entries.clear();
    this.checkedAt = 0;
  }
}
