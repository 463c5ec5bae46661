/**
 * Reader of a cablegate web page (`cable/YYYY/MM/ID.html`): the metadata table (Reference ID,
 * Created, Released, Classification, Origin; the oldest pages have no Released column) and the
 * two `<pre>` blocks, the first being the routing header and the second the body. Their text is
 * recovered as published: `&#x000A;` becomes a newline, references are decoded, `¶` anchors and
 * TAG links become their text.
 */
import type { RawCable } from '../cable/record.ts';
import { htmlToText } from './html-text.ts';
import { isoMinute } from './source-date.ts';

const TABLE = /<table\b[^>]*\bclass=['"]cable['"][^>]*>([\s\S]*?)<\/table>/i;
const HEADING_CELL = /<th\b[^>]*>([\s\S]*?)<\/th>/gi;
const DATA_CELL = /<td\b[^>]*>([\s\S]*?)<\/td>/gi;
const PRE = /<pre\b[^>]*>([\s\S]*?)<\/pre>/gi;
const TITLE_ID = /<h3>\s*Viewing cable\s+([^,<\s]+)/i;
const FILE_ID = /([^/\\]+?)\.html?$/i;

/** The first group of each match of a global regex, as text (an exec loop: matchAll copies the regex). */
function capturedTexts(re: RegExp, html: string): string[] {
  const out: string[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) out.push(htmlToText(m[1]!));
  return out;
}

/** The table's cells by heading, lower case: `reference id` -> `06PARIS2069`. */
function metadata(html: string): Map<string, string> {
  const cells = new Map<string, string>();
  const table = TABLE.exec(html);
  if (!table) return cells;
  const headings = capturedTexts(HEADING_CELL, table[1]!).map((text) => text.trim().toLowerCase());
  const values = capturedTexts(DATA_CELL, table[1]!).map((text) => text.trim());
  headings.forEach((heading, i) => {
    if (values[i] !== undefined) cells.set(heading, values[i]!);
  });
  return cells;
}

/** Reads one page. Throws when the page has no cable text (no `<pre>` block). */
export function readHtmlPage(html: string, path?: string): RawCable {
  const cells = metadata(html);
  const blocks = capturedTexts(PRE, html);
  if (blocks.length === 0) throw new Error('not a cablegate page: no <pre> block with the cable text');
  const [header, body] = blocks.length === 1 ? ['', blocks[0]!] : [blocks[0]!, blocks[1]!];
  const refId =
    cells.get('reference id') || TITLE_ID.exec(html)?.[1] || (path ? (FILE_ID.exec(path)?.[1] ?? '') : '');
  return {
    publishedRefId: refId,
    header,
    body,
    created: isoMinute(cells.get('created')),
    released: isoMinute(cells.get('released')),
    classification: cells.get('classification') || null,
    origin: cells.get('origin') || null,
    source: path === undefined ? { format: 'html' } : { format: 'html', path },
  };
}
