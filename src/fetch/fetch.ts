/**
 * The SSRF-safe fetcher for linkbacks: http and https only; every host name resolved (all its
 * addresses) and refused if any address is not public (./address.ts), unless its `host:port` is in
 * CABLEDESK_FETCH_ALLOW (./allow.ts); the connection then goes to exactly the addresses checked
 * (a `lookup` that answers them, so a second DNS answer cannot swap in another address; the Host
 * header and TLS server name stay the name), and the socket's peer is checked again once
 * connected. Redirects are followed by hand, each hop checked the same way. Limits: total time,
 * redirects, body size (streamed, cut off past the limit, compressed bodies counted decompressed).
 * Bodies are read only for text types; an HTTP error status is an answer, not an error.
 */

import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { classifyAddress, describeAddress } from './address.ts';
import { allowKey, parseAllowList } from './allow.ts';
import { decodeBody, parseContentType } from './decode.ts';
import {
  FetchError,
  FetchNetworkError,
  FetchRefused,
  FetchTimeout,
  FetchTooLarge,
  FetchTooManyRedirects,
} from './errors.ts';
import { isBadPort, portOf } from './ports.ts';

export {
  FetchError,
  FetchNetworkError,
  FetchRefused,
  FetchTimeout,
  FetchTooLarge,
  FetchTooManyRedirects,
  isLastingFetchError,
} from './errors.ts';

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface SafeFetchOptions {
  method?: 'GET' | 'HEAD' | 'POST';
  /** Extra request headers (not sent on to another origin after a redirect). */
  headers?: Record<string, string>;
  /** Request body for POST (set Content-Type in `headers`). */
  body?: string;
  /** For everything, redirects included (default 10 s). */
  timeoutMs?: number;
  /** Largest body read (default 1 MB). */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Media types whose body is read (default: `textTypes`); others answer `body: null`. */
  readTypes?: readonly string[];
  /** The allow list, as in CABLEDESK_FETCH_ALLOW (default: that variable, read at each call). */
  allow?: string;
  /** Name resolution (default: dns.lookup with all addresses). */
  resolve?: Resolver;
  /** Extra trusted certificate authorities (PEM), e.g. of a private deployment or a test. */
  ca?: string | Buffer;
  userAgent?: string;
  signal?: AbortSignal;
}

export interface SafeFetchResponse {
  /** The URL that answered (after redirects). */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** Media type, lower case, without parameters ('' when none was sent). */
  contentType: string;
  /** The body as text, or null when its type is not read (or for HEAD). */
  body: string | null;
  /** The URLs redirected to, in order (the last is `url`). */
  redirects: string[];
  /** The IP address connected to for the last hop. */
  address: string;
}

/** An answer that says "later": a server error or 429 Too Many Requests. */
export function isBusyStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

export const textTypes: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'text/xml',
  'application/xml',
  'text/mf2+html',
];

export const DEFAULT_USER_AGENT = 'cabledesk/0.1 (linkback verification)';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_HEADER_SIZE = 32 * 1024;

const defaultResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Waits for `promise`, or throws the signal's reason when it aborts first. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The checks before connecting: scheme, credentials, and every address the host resolves to. */
async function checkTarget(
  url: URL,
  allowed: Set<string>,
  resolve: Resolver,
  signal: AbortSignal,
): Promise<LookupAddress[]> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefused(`scheme ${url.protocol.replace(/:$/, '')} is not allowed (http and https only)`);
  }
  if (url.username || url.password) throw new FetchRefused('URLs with credentials are not fetched');
  const isAllowed = allowed.has(allowKey(url));
  if (!isAllowed && isBadPort(portOf(url))) throw new FetchRefused(`port ${portOf(url)} is not fetched from`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: LookupAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await abortable(resolve(host), signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const code = (error as { code?: string }).code;
      throw new FetchNetworkError(`cannot resolve ${host}${code ? ` (${code})` : ''}`, error);
    }
    if (addresses.length === 0) throw new FetchNetworkError(`cannot resolve ${host} (no address)`);
  }
  if (!isAllowed) {
    for (const { address } of addresses) {
      const found = classifyAddress(address);
      if (found) {
        const name = address === host ? '' : ` (${host} resolves to it)`;
        throw new FetchRefused(`${describeAddress(address, found)}${name}`);
      }
    }
  }
  return addresses;
}

interface Hop {
  response: IncomingMessage;
  address: string;
}

/** One request to `url`, connecting only to `addresses`. */
function request(
  url: URL,
  addresses: LookupAddress[],
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<Hop> {
  const checked = new Set(addresses.map((a) => a.address));
  // Answers only the checked addresses (dns.lookup's callback forms, with or without `all`).
  const lookup = (
    _hostname: string,
    lookupOptions: { all?: boolean },
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    if (lookupOptions.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const req = client.request(url, {
      method,
      headers,
      lookup: lookup as never,
      agent: false,
      signal,
      maxHeaderSize: MAX_HEADER_SIZE,
      ...(options.ca ? { ca: options.ca } : {}),
    });
    let address = '';
    req.on('socket', (socket) => {
      socket.once('connect', () => {
        address = socket.remoteAddress ?? '';
        if (!checked.has(address)) {
          req.destroy(new FetchRefused(`connected to ${address}, which was not the address checked`));
        }
      });
    });
    req.on('response', (response) => resolve({ response, address }));
    req.on('error', (error) => {
      if (signal.aborted) reject(signal.reason);
      else if (error instanceof FetchError) reject(error);
      else reject(new FetchNetworkError(`${url.host}: ${error.message}`, error));
    });
    req.end(body);
  });
}

/** The body stream, decompressed when the server compressed it anyway. */
function bodyStream(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return response.pipe(zlib.createInflate());
  if (encoding === 'br') return response.pipe(zlib.createBrotliDecompress());
  return response;
}

/** Reads at most `maxBytes` (after decompression), else throws FetchTooLarge. */
async function readLimited(response: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new FetchTooLarge(maxBytes);
  }
  const stream = bodyStream(response);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new FetchTooLarge(maxBytes);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    response.destroy();
    if (stream !== response) stream.destroy();
    if (error instanceof FetchError) throw error;
    throw new FetchNetworkError(`reading the body: ${(error as Error).message}`, error);
  }
  return Buffer.concat(chunks);
}

/** The headers without those that carry credentials (not sent on to another origin). */
function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const sensitive = new Set(['authorization', 'cookie', 'proxy-authorization']);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !sensitive.has(name.toLowerCase())));
}

/** Fetches `input` under the rules above. Throws only FetchError (or the caller's abort reason). */
export async function safeFetch(
  input: string | URL,
  options: SafeFetchOptions = {},
): Promise<SafeFetchResponse> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 1_000_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const readTypes = options.readTypes ?? textTypes;
  const allowed = parseAllowList(options.allow ?? process.env['CABLEDESK_FETCH_ALLOW']);
  const resolve = options.resolve ?? defaultResolver;

  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchRefused(`not a URL: ${String(input).slice(0, 200)}`);
  }
  let method: string = options.method ?? 'GET';
  let body = options.body;
  // The Host header is always the URL's (it names the host that was checked).
  let extraHeaders = Object.fromEntries(
    Object.entries(options.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'host'),
  );
  const origin = url.origin;
  const redirects: string[] = [];
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(new FetchTimeout(timeoutMs)), timeoutMs);
  const signal = options.signal ? AbortSignal.any([timer.signal, options.signal]) : timer.signal;
  try {
    for (;;) {
      const addresses = await checkTarget(url, allowed, resolve, signal);
      const headers: Record<string, string> = {
        'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
        accept: 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
        ...extraHeaders,
      };
      const { response, address } = await request(url, addresses, method, headers, body, options, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        response.destroy();
        if (redirects.length >= maxRedirects) throw new FetchTooManyRedirects(maxRedirects);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new FetchRefused(`redirect to an invalid URL: ${location.slice(0, 200)}`);
        }
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = method === 'HEAD' ? 'HEAD' : 'GET';
          body = undefined;
        }
        if (next.origin !== origin) extraHeaders = withoutCredentials(extraHeaders);
        url = next;
        redirects.push(url.href);
        continue;
      }
      const type = parseContentType(response.headers['content-type']);
      let text: string | null = null;
      if (method !== 'HEAD' && readTypes.includes(type.mediaType)) {
        text = decodeBody(await abortable(readLimited(response, maxBytes), signal), type);
      } else {
        response.destroy();
      }
      return {
        url: url.href,
        status,
        headers: response.headers,
        contentType: type.mediaType,
        body: text,
        redirects,
        address,
      };
    }
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw error;
  } finally {
    clearTimeout(timeout);
  }
}
