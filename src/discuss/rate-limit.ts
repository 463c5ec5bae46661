/**
 * Rate limits shared by every app server through the database: a fixed window per key
 * (`login:addr:1.2.3.4`, `comment:account:7` ...), counted by one upsert that both SQLite and
 * PostgreSQL run atomically. Written here rather than with rate-limiter-flexible: its SQL stores
 * want their own client objects per dialect, while this is one statement over our SqlRunner.
 */
import type { SqlRunner } from '../store/sql-runner.ts';

export interface Limit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

export interface LimitResult {
  allowed: boolean;
  hits: number;
  /** Seconds until the window ends (for Retry-After). */
  retryAfter: number;
}

/** Rows older than this are removed now and then (about once per 1,000 hits). */
const FORGET_AFTER_MS = 86_400_000;

/** Counts one hit for `key` and says whether it is still within the limit. */
export async function hit(db: SqlRunner, key: string, limit: Limit, now: number): Promise<LimitResult> {
  const start = now - (now % limit.windowMs);
  if (Math.random() < 0.001) {
    await db.all('DELETE FROM rate_limits WHERE window_start < ? RETURNING key', [now - FORGET_AFTER_MS]);
  }
  const rows = await db.all<{ hits: number | string; window_start: number | string }>(
    'INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, 1) ON CONFLICT (key) DO UPDATE SET ' +
      'hits = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END, ' +
      'window_start = excluded.window_start RETURNING hits, window_start',
    [key, start],
  );
  const hits = Number(rows[0]!.hits);
  return {
    allowed: hits <= limit.max,
    hits,
    retryAfter: Math.max(1, Math.ceil((start + limit.windowMs - now) / 1000)),
  };
}

/** How many hits `key` has in the current window, without counting one. */
export async function peek(db: SqlRunner, key: string, limit: Limit, now: number): Promise<LimitResult> {
  const start = now - (now % limit.windowMs);
  const rows = await db.all<{ hits: number | string }>(
    'SELECT hits FROM rate_limits WHERE key = ? AND window_start = ?',
    [key, start],
  );
  const hits = rows[0] ? Number(rows[0].hits) : 0;
  return {
    allowed: hits < limit.max,
    hits,
    retryAfter: Math.max(1, Math.ceil((start + limit.windowMs - now) / 1000)),
  };
}

export async function clearLimit(db: SqlRunner, key: string): Promise<void> {
  await db.all('DELETE FROM rate_limits WHERE key = ? RETURNING key', [key]);
}
