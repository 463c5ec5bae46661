/**
 * Which cable (and paragraph) an address on this site points at: `/cable/{refId}`, with an
 * optional `#par{N}`, and the old cablegate form `/cable/{YYYY}/{MM}/{refId}.html`. Used to
 * validate the target of an incoming linkback and, when a source is verified, to recognise its
 * links to the target. The site is one base address (origin plus an optional path prefix).
 */
import { canonicalRefId } from '../cable/refid.ts';

/** What an id in an address may look like (as the cable routes accept). */
const ID_SHAPE = /^[A-Za-z0-9-]{2,80}$/;
const PARAGRAPH = /^par([1-9]\d{0,3})$/;

export interface CableAddress {
  /** The id as written in the address (not yet checked against the archive). */
  id: string;
  paragraph: number | null;
}

export type TargetCheck =
  | { kind: 'cable'; refId: string; paragraph: number | null }
  /** An address of this site that is not a cable page. */
  | { kind: 'not-a-cable' }
  /** A cable address whose cable the archive does not hold. */
  | { kind: 'no-such-cable'; id: string }
  /** Not an address of this site at all. */
  | { kind: 'elsewhere' }
  /** Not an http(s) URL. */
  | { kind: 'invalid' };

/** `http(s)://...` parsed, or null (other schemes, credentials in the URL, junk). */
export function httpUrl(text: unknown, base?: string): URL | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 2048) return null;
  let url: URL;
  try {
    url = base === undefined ? new URL(text) : new URL(text, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url;
}

/** The site's base without a trailing slash: `https://cables.example.org` or `.../archive`. */
export function siteBase(base: string): string {
  return base.replace(/\/+$/, '');
}

function samePort(a: URL, b: URL): boolean {
  return a.port === b.port;
}

/** The cable address `url` is, when it is one of this site's; null when elsewhere or not a cable. */
export function cableAddress(url: URL, base: string): CableAddress | 'not-a-cable' | null {
  const site = new URL(`${siteBase(base)}/`);
  // http and https of the same host count as the same site (a page may link either).
  if (url.hostname.toLowerCase() !== site.hostname.toLowerCase()) return null;
  if (url.protocol === site.protocol && !samePort(url, site)) return null;
  if (url.protocol !== site.protocol && url.port !== '' && !samePort(url, site)) return null;
  const prefix = site.pathname.replace(/\/$/, '');
  if (!url.pathname.startsWith(`${prefix}/`)) return null;
  const path = url.pathname.slice(prefix.length);
  const fragment = PARAGRAPH.exec(url.hash.slice(1));
  const paragraph = fragment ? Number(fragment[1]) : null;
  const plain = /^\/cable\/([^/]+)$/.exec(path);
  if (plain && ID_SHAPE.test(plain[1]!)) return { id: plain[1]!, paragraph };
  const old = /^\/cable\/\d{4}\/\d{2}\/([^/]+)\.html?$/.exec(path);
  if (old && ID_SHAPE.test(old[1]!)) return { id: old[1]!, paragraph };
  return 'not-a-cable';
}

/** The ids an address id may stand for, most likely first (as published, canonical, upper case). */
export function candidateIds(id: string): string[] {
  return [...new Set([id, canonicalRefId(id).refId, id.toUpperCase()])];
}

/**
 * Checks a target: an http(s) address of this site naming a cable the archive holds.
 * `existing` answers which of the given ids are in the archive (Store.existingIds).
 */
export async function checkTarget(
  target: unknown,
  base: string,
  existing: (ids: string[]) => Promise<Set<string>>,
): Promise<TargetCheck> {
  const url = httpUrl(target);
  if (!url) return { kind: 'invalid' };
  const address = cableAddress(url, base);
  if (address === null) return { kind: 'elsewhere' };
  if (address === 'not-a-cable') return { kind: 'not-a-cable' };
  const ids = candidateIds(address.id);
  const found = await existing(ids);
  const refId = ids.find((id) => found.has(id));
  if (refId === undefined) return { kind: 'no-such-cable', id: address.id };
  return { kind: 'cable', refId, paragraph: address.paragraph };
}

/**
 * True when `link` (absolute) points at the cable `refId` on this site, and at the paragraph when
 * one is asked for (a link to the whole page does not count as a link to one of its paragraphs).
 */
export function linksToCable(link: URL, base: string, refId: string, paragraph: number | null): boolean {
  const address = cableAddress(link, base);
  if (address === null || address === 'not-a-cable') return false;
  if (!candidateIds(address.id).includes(refId)) return false;
  return paragraph === null || address.paragraph === paragraph;
}
