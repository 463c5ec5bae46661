/**
 * The discussion's refusals, each with the HTTP status it maps to, so the JSON API and the HTML
 * forms answer the same way.
 */
export class DiscussionError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429,
    message: string,
    /** Seconds, for Retry-After on 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}
