/**
 * CABLEDESK_FETCH_ALLOW: comma-separated `host:port` entries (`localhost:8080`, `[::1]:8443`,
 * `10.0.0.5:80`) that the fetcher lets through even when they resolve to non-public addresses, for
 * tests and private deployments. An entry matches a URL whose host and port (the scheme's default
 * port when the URL has none) are the same; entries without a port are ignored.
 */
import { portOf } from './ports.ts';

/** `host:port` with the host as the URL parser writes it (lower case, IPv6 in brackets, punycode). */
export function allowKey(url: URL): string {
  return `${url.hostname}:${portOf(url)}`;
}

/** The entries of an allow list, normalized to `allowKey` form. */
export function parseAllowList(text: string | undefined): Set<string> {
  const entries = new Set<string>();
  for (const raw of (text ?? '').split(',')) {
    const match = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(raw.trim());
    if (!match) continue;
    try {
      const host = new URL(`http://${match[1]}/`).hostname;
      entries.add(`${host}:${Number(match[2])}`);
    } catch {
      // not a host name: ignored
    }
  }
  return entries;
}
