/**
 * A minimal Atom 1.0 (RFC 4287) writer: a feed with entries, every text and attribute escaped.
 * Written here rather than pulling in an XML library: the shape is fixed and small.
 */

export interface AtomEntry {
  id: string;
  title: string;
  url: string;
  updated: string;
  published?: string | null;
  author: string;
  summary: string;
  categories: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  /** The feed's own address. */
  self: string;
  /** The HTML page the feed follows. */
  alternate: string;
  updated: string;
  entries: AtomEntry[];
}

const XML_SPECIAL = /[&<>"']/g;
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
/** Characters XML 1.0 does not allow at all. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text.replace(XML_INVALID, '').replace(XML_SPECIAL, (ch) => XML_ESCAPES[ch]!);
}

function entryXml(e: AtomEntry): string {
  return [
    '  <entry>',
    `    <id>${xmlEscape(e.id)}</id>`,
    `    <title>${xmlEscape(e.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${xmlEscape(e.url)}"/>`,
    `    <updated>${xmlEscape(e.updated)}</updated>`,
    ...(e.published ? [`    <published>${xmlEscape(e.published)}</published>`] : []),
    `    <author><name>${xmlEscape(e.author)}</name></author>`,
    ...e.categories.map((c) => `    <category term="${xmlEscape(c)}"/>`),
    `    <summary type="text">${xmlEscape(e.summary)}</summary>`,
    '  </entry>',
  ].join('\n');
}

export function atomXml(feed: AtomFeed): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(feed.id)}</id>`,
    `  <title>${xmlEscape(feed.title)}</title>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(feed.alternate)}"/>`,
    `  <updated>${xmlEscape(feed.updated)}</updated>`,
    ...feed.entries.map(entryXml),
    '</feed>',
    '',
  ].join('\n');
}
