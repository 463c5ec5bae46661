/**
 * Sending one linkback for a page we link to, through the SSRF-safe fetcher: fetch the target,
 * discover its Webmention (preferred) or Pingback endpoint (./discover.ts), then POST
 * `source`/`target` form-encoded to the webmention endpoint, or call `pingback.ping` by XML-RPC.
 * Says what happened and whether trying again later makes sense (network failures, 5xx, 429).
 */
import { isHtmlType } from '../fetch/decode.ts';
import { isBusyStatus, isLastingFetchError, type SafeFetchResponse, safeFetch } from '../fetch/fetch.ts';
import { discoverEndpoint } from './discover.ts';
import type { SourceLimits } from './verify.ts';
import { methodCallXml, parseMethodResponse, XmlRpcParseError } from './xmlrpc.ts';

export interface SendResult {
  kind: 'webmention' | 'pingback' | 'none';
  endpoint: string | null;
  /** In words: `webmention 202`, `pingback fault 17: ...`, `no endpoint`. */
  result: string;
  /** True when a later attempt may succeed. */
  retry: boolean;
  retryAfterMs?: number;
}

const USER_AGENT = 'cabledesk/0.1 (linkbacks)';

function headerValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const text = headerValues(value)[0];
  if (!text) return undefined;
  if (/^\d{1,7}$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Try again, after the answer's Retry-After when it gives one. */
function retryLater(answer: SafeFetchResponse): { retry: true; retryAfterMs?: number } {
  const after = retryAfterMs(answer.headers['retry-after']);
  return after === undefined ? { retry: true } : { retry: true, retryAfterMs: after };
}

/** POSTs a notification to an endpoint: no redirect followed, a small answer read. */
function notify(
  url: string,
  contentType: string,
  body: string,
  limits: SourceLimits,
): Promise<SafeFetchResponse> {
  return safeFetch(url, {
    timeoutMs: limits.timeoutMs,
    maxBytes: 64 * 1024,
    maxRedirects: 0,
    method: 'POST',
    headers: { 'content-type': contentType },
    userAgent: USER_AGENT,
    body,
  });
}

/** A fetch failure as a result: policy refusals are final, the rest may pass later. */
function failed(kind: SendResult['kind'], endpoint: string | null, what: string, error: unknown): SendResult {
  const message = error instanceof Error ? error.message : String(error);
  return { kind, endpoint, result: `${what}: ${message}`, retry: !isLastingFetchError(error) };
}

export async function sendLinkback(
  source: string,
  target: string,
  limits: SourceLimits,
): Promise<SendResult> {
  let page: SafeFetchResponse;
  try {
    page = await safeFetch(target, {
      ...limits,
      method: 'GET',
      headers: { accept: 'text/html, */*;q=0.5' },
      userAgent: USER_AGENT,
    });
  } catch (error) {
    return failed('none', null, 'target not fetched', error);
  }
  if (isBusyStatus(page.status)) {
    return { kind: 'none', endpoint: null, result: `target answered ${page.status}`, ...retryLater(page) };
  }
  const html = isHtmlType(page.contentType) ? page.body : null;
  const endpoint = discoverEndpoint(
    page.url,
    headerValues(page.headers['link']),
    headerValues(page.headers['x-pingback'])[0] ?? null,
    html,
  );
  if (!endpoint) return { kind: 'none', endpoint: null, result: 'no endpoint', retry: false };

  if (endpoint.kind === 'webmention') {
    try {
      const answer = await notify(
        endpoint.url,
        'application/x-www-form-urlencoded',
        new URLSearchParams({ source, target }).toString(),
        limits,
      );
      return {
        kind: 'webmention',
        endpoint: endpoint.url,
        result: `webmention ${answer.status}`,
        ...(isBusyStatus(answer.status) ? retryLater(answer) : { retry: false }),
      };
    } catch (error) {
      return failed('webmention', endpoint.url, 'webmention not sent', error);
    }
  }

  try {
    const answer = await notify(
      endpoint.url,
      'text/xml',
      methodCallXml('pingback.ping', [source, target]),
      limits,
    );
    if (isBusyStatus(answer.status)) {
      return {
        kind: 'pingback',
        endpoint: endpoint.url,
        result: `pingback HTTP ${answer.status}`,
        ...retryLater(answer),
      };
    }
    if (answer.status !== 200) {
      return {
        kind: 'pingback',
        endpoint: endpoint.url,
        result: `pingback HTTP ${answer.status}`,
        retry: false,
      };
    }
    const parsed = parseMethodResponse(answer.body ?? '');
    if ('fault' in parsed) {
      // 50: the server could not reach us now; worth another try.
      return {
        kind: 'pingback',
        endpoint: endpoint.url,
        result: `pingback fault ${parsed.fault.code}: ${parsed.fault.message}`.slice(0, 300),
        retry: parsed.fault.code === 50,
      };
    }
    return { kind: 'pingback', endpoint: endpoint.url, result: 'pingback accepted', retry: false };
  } catch (error) {
    if (error instanceof XmlRpcParseError) {
      return {
        kind: 'pingback',
        endpoint: endpoint.url,
        result: `pingback answer unreadable: ${error.message}`,
        retry: false,
      };
    }
    return failed('pingback', endpoint.url, 'pingback not sent', error);
  }
}
