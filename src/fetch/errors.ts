/**
 * What can go wrong in a fetch, one class each, all `FetchError` with a `code`. An HTTP error status
 * (404, 410, 500 ...) is no error: it is an answer, returned to the caller.
 */

export type FetchErrorCode = 'refused' | 'too-many-redirects' | 'too-large' | 'timeout' | 'network';

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    message: string,
    readonly code: FetchErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The policy says no: a scheme other than http(s), a non-public address, credentials in the URL. */
export class FetchRefused extends FetchError {
  override name = 'FetchRefused';
  constructor(readonly reason: string) {
    super(`refused: ${reason}`, 'refused');
  }
}

export class FetchTooManyRedirects extends FetchError {
  override name = 'FetchTooManyRedirects';
  constructor(max: number) {
    super(`more than ${max} redirects`, 'too-many-redirects');
  }
}

export class FetchTooLarge extends FetchError {
  override name = 'FetchTooLarge';
  constructor(maxBytes: number) {
    super(`response body larger than ${maxBytes} bytes`, 'too-large');
  }
}

export class FetchTimeout extends FetchError {
  override name = 'FetchTimeout';
  constructor(timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`, 'timeout');
  }
}

/** The name did not resolve, the connection was refused or reset, TLS failed ... */
export class FetchNetworkError extends FetchError {
  override name = 'FetchNetworkError';
  constructor(message: string, cause?: unknown) {
    super(message, 'network', { cause });
  }
}

/**
 * True for failures that another try would meet again (the policy refused, too many redirects,
 * too large); timeouts and network errors may pass later.
 */
export function isLastingFetchError(error: unknown): boolean {
  return (
    error instanceof FetchRefused || error instanceof FetchTooLarge || error instanceof FetchTooManyRedirects
  );
}
