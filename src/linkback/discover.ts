/**
 * Finding where to send a linkback for a page we link to (pure: works on a fetched response).
 * Webmention first (W3C: the HTTP `Link` header with rel="webmention", else the first <link> or
 * <a> with rel="webmention" in document order; relative addresses resolve against the page's
 * address after redirects; an empty href is the page itself; query strings are kept), then
 * Pingback (the `X-Pingback` header, else <link rel="pingback" href>).
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import { httpUrl } from './targets.ts';

export type Endpoint = { kind: 'webmention'; url: string } | { kind: 'pingback'; url: string };

interface HeaderLink {
  target: string;
  rels: string[];
}

/** The links of one or more HTTP `Link` header values (RFC 8288), in order. */
export function parseLinkHeader(values: string[]): HeaderLink[] {
  const out: HeaderLink[] = [];
  for (const value of values) {
    // <uri> followed by ;-separated parameters, links separated by commas outside <> and quotes.
    const pattern = /<([^>]*)>((?:\s*;\s*[^;,"=\s]+(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^;,"\s]*))?)*)/g;
    for (const match of value.matchAll(pattern)) {
      const params = match[2] ?? '';
      let rels: string[] = [];
      for (const p of params.matchAll(/;\s*([^;,"=\s]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^;,"\s]*))?/g)) {
        if (p[1]!.toLowerCase() !== 'rel') continue;
        const raw = p[2] ?? '';
        const text = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
        rels = text.toLowerCase().split(/\s+/).filter(Boolean);
        break; // the first rel parameter counts
      }
      out.push({ target: match[1]!, rels });
    }
  }
  return out;
}

function relsOf(attribute: string | undefined): string[] {
  return (attribute ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * The endpoint to notify, or null. `pageUrl` is the address the page was finally fetched from,
 * `linkHeaders` every `Link` header value, `html` the body when it is HTML (else null).
 */
export function discoverEndpoint(
  pageUrl: string,
  linkHeaders: string[],
  pingbackHeader: string | null,
  html: string | null,
): Endpoint | null {
  const resolve = (href: string) =>
    href.trim() === '' ? pageUrl : (httpUrl(href.trim(), pageUrl)?.href ?? null);
  for (const link of parseLinkHeader(linkHeaders)) {
    if (link.rels.includes('webmention')) {
      const url = resolve(link.target);
      if (url) return { kind: 'webmention', url };
    }
  }
  const document = html === null ? null : parseDocument(html, { lowerCaseAttributeNames: true });
  if (document) {
    const tagged = DomUtils.findAll(
      (e) =>
        (e.name === 'link' || e.name === 'a') &&
        e.attribs['href'] !== undefined &&
        relsOf(e.attribs['rel']).includes('webmention'),
      document.children,
    );
    for (const element of tagged) {
      const url = resolve(element.attribs['href']!);
      if (url) return { kind: 'webmention', url };
    }
  }
  if (pingbackHeader) {
    const url = httpUrl(pingbackHeader.trim());
    if (url) return { kind: 'pingback', url: url.href };
  }
  if (document) {
    const link = DomUtils.findOne(
      (e) => e.name === 'link' && relsOf(e.attribs['rel']).includes('pingback') && !!e.attribs['href'],
      document.children,
    );
    const url = link ? resolve(link.attribs['href']!) : null;
    if (url) return { kind: 'pingback', url };
  }
  return null;
}

/** Outside http(s) links in a rendered comment (its sanitized HTML), without duplicates. */
export function outsideLinks(html: string, siteOrigin: string): string[] {
  const document = parseDocument(html);
  const out = new Set<string>();
  for (const a of DomUtils.findAll((e) => e.name === 'a' && !!e.attribs['href'], document.children)) {
    const url = httpUrl(a.attribs['href']!);
    if (url && url.origin !== siteOrigin) out.add(url.href);
  }
  return [...out];
}
