/**
 * Verifying a linkback: fetch its source through the SSRF-safe fetcher (http(s) only, public
 * addresses only at every redirect, bounded time, size and redirects) and decide. The outcome is
 * the same for the three protocols; each maps it to its own answer (Pingback fault codes, the
 * webmention and TrackBack jobs' keep, update or delete).
 */
import { isHtmlType } from '../fetch/decode.ts';
import { FetchTimeout, isBusyStatus, isLastingFetchError, safeFetch } from '../fetch/fetch.ts';
import { readSourcePage, type SourceDetails } from './source-page.ts';
import { httpUrl, linksToCable } from './targets.ts';

export type SourceOutcome =
  /** The source answered and links to the target: what to show of it. */
  | { kind: 'linked'; facts: SourceDetails }
  /** The source answered 2xx but has no link to the target (any more). */
  | { kind: 'no-link' }
  /** 410 Gone: the source was deleted. */
  | { kind: 'gone' }
  /** Another 4xx: the source does not exist (or is not public). */
  | { kind: 'missing'; message: string }
  /** Not fetched or not readable by policy (address, redirects, size): give up. */
  | { kind: 'refused'; message: string }
  /** A network failure, a timeout or a 5xx: worth trying again later. */
  | { kind: 'upstream'; message: string };

export interface TargetRef {
  /** The site's base address at the time of receiving (links to it are recognised). */
  base: string;
  refId: string;
  paragraph: number | null;
}

export interface SourceLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_SOURCE_LIMITS: SourceLimits = {
  timeoutMs: 10_000,
  maxBytes: 1_000_000,
  maxRedirects: 5,
};

/** Fetches `source` and says whether (and how) it links to the target. Never throws. */
export async function inspectSource(
  source: string,
  target: TargetRef,
  limits: SourceLimits = DEFAULT_SOURCE_LIMITS,
): Promise<SourceOutcome> {
  let response: Awaited<ReturnType<typeof safeFetch>>;
  try {
    response = await safeFetch(source, { ...limits, method: 'GET' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isLastingFetchError(error)) return { kind: 'refused', message };
    // FetchTimeout, FetchNetworkError and anything unexpected: the source may answer later.
    return {
      kind: 'upstream',
      message: error instanceof FetchTimeout ? 'the source did not answer in time' : message,
    };
  }
  if (response.status === 410) return { kind: 'gone' };
  if (isBusyStatus(response.status)) {
    return { kind: 'upstream', message: `the source answered ${response.status}` };
  }
  if (response.status >= 400) return { kind: 'missing', message: `the source answered ${response.status}` };
  if (response.status >= 300) return { kind: 'missing', message: 'the source redirects too far' };
  const isTarget = (url: URL) => linksToCable(url, target.base, target.refId, target.paragraph);
  const body = response.body ?? '';
  if (isHtmlType(response.contentType)) {
    const { linksToTarget, ...facts } = readSourcePage(body, response.url, isTarget);
    return linksToTarget ? { kind: 'linked', facts } : { kind: 'no-link' };
  }
  // Plain text and other readable types: an address of the target written out in full.
  for (const match of body.matchAll(/https?:\/\/[^\s<>"'()]+/g)) {
    const url = httpUrl(match[0]);
    if (url && isTarget(url)) {
      return {
        kind: 'linked',
        facts: { title: null, authorName: null, authorUrl: null, excerpt: null, url: null, published: null },
      };
    }
  }
  return { kind: 'no-link' };
}
