/**
 * Reader of a cablegate web page (`cable/YYYY/MM/ID.html`): the metadata table (Reference ID,
 * Created, Released, Classification, Origin; the oldest pages have no Released column) and the
 * two `<pre>` blocks, the first being the routing header and the second the body. Their text is
 * recovered as published: `&#x000A;` becomes a newline, references are decoded, `¶` anchors and
 * TAG links become their text. Given the page's bytes, only the part holding the table and the
 * `<pre>` blocks is decoded (a page is ~70 KB, its cable text ~8 KB).
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

/**
 * The text of the page from its metadata table to its last `</pre>`: everything readHtmlPage
 * needs when the table names the cable. Found by byte searches backwards from the last `</pre>`
 * (the table and the `<pre>` blocks close the page, after ~60 KB of navigation). Null when the
 * page is not laid out that way (no table before the blocks, upper-case tags): then the whole
 * page is decoded.
 */
function cableRegion(page: Buffer): string | null {
  const lastPre = page.lastIndexOf('</pre>');
  if (lastPre < 0) return null;
  let cable = page.lastIndexOf("class='cable'", lastPre);
  if (cable < 0) cable = page.lastIndexOf('class="cable"', lastPre);
  const table = cable < 0 ? -1 : page.lastIndexOf('<table', cable);
  if (table < 0) return null;
  const tableEnd = page.indexOf('</table>', cable);
  const firstPre = page.indexOf('<pre', table);
  if (tableEnd < 0 || firstPre < 0 || firstPre > lastPre || tableEnd > firstPre) return null;
  return page.toString('utf8', table, lastPre + 6);
}

/** Reads one page, as text or as its UTF-8 bytes. Throws when the page has no cable text (no `<pre>` block). */
export function readHtmlPage(page: string | Buffer, path?: string): RawCable {
  if (typeof page === 'string') return readPageText(page, path);
  const region = cableRegion(page);
  const cable = region === null ? null : readPageText(region, path, false);
  return cable ?? readPageText(page.toString('utf8'), path);
}

function readPageText(html: string, path: string | undefined): RawCable;
function readPageText(html: string, path: string | undefined, whole: false): RawCable | null;
/** readHtmlPage on text; for a part of a page (`whole` false), null when its table does not name the cable. */
function readPageText(html: string, path: string | undefined, whole = true): RawCable | null {
  const cells = metadata(html);
  if (!whole && !cells.get('reference id')) return null;
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
