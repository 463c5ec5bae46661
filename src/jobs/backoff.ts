/**
 * Exponential backoff between attempts of a failed job: base * 2^(attempt - 1), capped, with a
 * random spread (+-jitter) so jobs that failed together do not all come back together.
 */

export interface Backoff {
  /** Delay after the first failed attempt (default 30 s). */
  baseMs: number;
  /** Longest delay (default 6 h). */
  maxMs: number;
  /** Spread as a fraction of the delay, 0..1 (default 0.2: +-20%). */
  jitter: number;
}

export const defaultBackoff: Backoff = { baseMs: 30_000, maxMs: 6 * 3_600_000, jitter: 0.2 };

/** The delay before the next attempt, after `attempts` attempts (1 or more) have failed. */
export function backoffDelay(attempts: number, backoff: Backoff, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 40));
  const delay = Math.min(backoff.baseMs * 2 ** exponent, backoff.maxMs);
  const spread = delay * backoff.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(delay + spread));
}
