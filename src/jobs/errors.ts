/**
 * What a job handler throws to say how a failure is to be handled. Any other error is retried with
 * backoff until the job's attempts are used up.
 */

/** The job can never succeed (bad payload, a source that is gone): `failed` at once, no retry. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Retry after `delayMs` (e.g. an HTTP Retry-After) instead of the backoff; still counts an attempt. */
export class RetryJobError extends Error {
  override name = 'RetryJobError';
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}
