/**
 * Reading a linkback's source page (HTML, parsed with htmlparser2, never executed): does it link
 * to the target (a/area href, img/video/audio/source/track/iframe/embed src, object data,
 * blockquote/q/ins/del cite, resolved against the page's address and its <base>), and what to show
 * of it: title, author, excerpt, address and date, from the microformats2 h-entry that holds the
 * link when there is one (p-name, p-author as text or h-card, p-summary or e-content, u-url,
 * dt-published; u-url only on the page's own host), else the page's <title>, <meta name="author">
 * and the text around the link.
 * Everything taken out is plain text, whitespace collapsed and cut to a length; addresses are
 * http(s) only. Escaping happens where it is shown (the views).
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import { httpUrl } from './targets.ts';

type Document = ReturnType<typeof parseDocument>;
type Node = Document['children'][number];
type Element = Extract<Node, { attribs: Record<string, string> }>;

/** What a source page shows of itself, as its mention keeps it (plain text, cut to length). */
export interface SourceDetails {
  title: string | null;
  authorName: string | null;
  authorUrl: string | null;
  excerpt: string | null;
  /** The entry's own address (u-url), else null. */
  url: string | null;
  /** dt-published as written (ISO 8601 expected), else null. */
  published: string | null;
}

export interface SourceFacts extends SourceDetails {
  /** True when some link on the page points at the target. */
  linksToTarget: boolean;
}

export const MAX_TITLE = 200;
export const MAX_AUTHOR = 100;
export const MAX_EXCERPT = 500;

/** Elements whose attribute holds a link the Webmention spec counts. */
const LINK_ATTRIBUTES: Record<string, string> = {
  a: 'href',
  area: 'href',
  img: 'src',
  video: 'src',
  audio: 'src',
  source: 'src',
  track: 'src',
  iframe: 'src',
  embed: 'src',
  object: 'data',
  blockquote: 'cite',
  q: 'cite',
  ins: 'cite',
  del: 'cite',
};

/** Text of these is never part of what we show. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'head', 'svg', 'math']);
const BLOCKS = new Set([
  'p',
  'li',
  'blockquote',
  'dd',
  'td',
  'figcaption',
  'article',
  'section',
  'div',
  'main',
  'body',
]);

/** Plain text: control characters dropped, whitespace collapsed, cut at a word with an ellipsis. */
export function cleanText(text: string | null | undefined, max: number): string | null {
  if (!text) return null;
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ');
  const collapsed = flat.replace(/\s+/g, ' ').trim();
  if (collapsed === '') return null;
  if (collapsed.length <= max) return collapsed;
  const cut = collapsed.slice(0, max - 1);
  return `${cut.replace(/\s+\S*$/, '') || cut}…`;
}

function isElement(node: Node): node is Element {
  return DomUtils.isTag(node);
}

function textOf(node: Node): string {
  if (node.type === 'text') return (node as { data: string }).data;
  if (!isElement(node) || HIDDEN.has(node.name)) return '';
  const inner = node.children.map((c) => textOf(c as Node)).join('');
  return BLOCKS.has(node.name) || node.name === 'br' ? ` ${inner} ` : inner;
}

function classes(element: Element): string[] {
  return (element.attribs['class'] ?? '').split(/\s+/).filter(Boolean);
}

function isMicroformatRoot(element: Element): boolean {
  return classes(element).some((c) => /^h-[a-z0-9]+(?:-[a-z0-9]+)*$/.test(c));
}

function hasClass(element: Element, name: string): boolean {
  return classes(element).includes(name);
}

/** Pushes the children of `node` on a stack so that they come off it in document order. */
function pushChildren(stack: Node[], node: { children?: Node[] }): void {
  const children = node.children;
  if (children) for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]!);
}

/**
 * Descendants with a class, not looking inside nested microformats (their properties are theirs).
 * A stack, not a queue with unshift (quadratic) or recursion (too deep on a hostile page).
 */
function findProperty(root: Element, name: string): Element | null {
  const stack: Node[] = [];
  pushChildren(stack, root as { children?: Node[] });
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (hasClass(node, name)) return node;
    if (!isMicroformatRoot(node)) pushChildren(stack, node as { children?: Node[] });
  }
  return null;
}

/** The node and every element under it, in document order (without recursion). */
function* elements(node: Node): Generator<Element> {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (isElement(next)) yield next;
    pushChildren(stack, next as { children?: Node[] });
  }
}

/** The value of a u-* property: the link attribute of its element, else its text. */
function urlProperty(element: Element, base: string): string | null {
  const attribute = LINK_ATTRIBUTES[element.name] ?? (element.name === 'link' ? 'href' : null);
  const raw = (attribute ? element.attribs[attribute] : undefined) ?? textOf(element).trim();
  return httpUrl(raw, base)?.href ?? null;
}

/** The value of a dt-* property: `datetime`, else `value`/`title`, else the text. */
function dateProperty(element: Element): string | null {
  const value = element.attribs['datetime'] ?? element.attribs['value'] ?? textOf(element);
  return cleanText(value, 40);
}

/** The value of a p-* property: `value`/`alt`/`title` where HTML puts it, else the text. */
function textProperty(element: Element): string {
  if (element.name === 'img' || element.name === 'area') return element.attribs['alt'] ?? '';
  if (element.name === 'abbr' && element.attribs['title']) return element.attribs['title'];
  if ((element.name === 'data' || element.name === 'input') && element.attribs['value'])
    return element.attribs['value'];
  return textOf(element);
}

function sameHost(a: string, b: string): boolean {
  return new URL(a).hostname.toLowerCase() === new URL(b).hostname.toLowerCase();
}

export type TargetTest = (url: URL) => boolean;

/**
 * Reads a source page. `pageUrl` is the address it was fetched from (after redirects), against
 * which relative links resolve; `isTarget` says whether an absolute link points at the target.
 */
export function readSourcePage(html: string, pageUrl: string, isTarget: TargetTest): SourceFacts {
  const document = parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true });
  const all = [...elements(document as unknown as Node)];
  const baseHref = all.find((e) => e.name === 'base' && e.attribs['href'])?.attribs['href'];
  const base = (baseHref && httpUrl(baseHref, pageUrl)?.href) || pageUrl;

  const link = all.find((e) => {
    const attribute = LINK_ATTRIBUTES[e.name];
    const value = attribute ? e.attribs[attribute] : undefined;
    if (value === undefined) return false;
    const url = httpUrl(value.trim(), base);
    return url !== null && isTarget(url);
  });

  const titleElement = all.find((e) => e.name === 'title');
  const pageTitle = titleElement ? cleanText(textOf(titleElement), MAX_TITLE) : null;
  const metaAuthor = all.find(
    (e) => e.name === 'meta' && (e.attribs['name'] ?? '').toLowerCase() === 'author',
  )?.attribs['content'];

  // The h-entry that holds the link, else the page's first h-entry.
  let entry: Element | null = null;
  for (let node: Element | null = link ?? null; node; node = node.parent as Element | null) {
    if (!isElement(node as Node)) break;
    if (hasClass(node, 'h-entry')) {
      entry = node;
      break;
    }
  }
  entry ??= all.find((e) => hasClass(e, 'h-entry')) ?? null;

  let title = pageTitle;
  let authorName = cleanText(metaAuthor, MAX_AUTHOR);
  let authorUrl: string | null = null;
  let excerpt: string | null = null;
  let url: string | null = null;
  let published: string | null = null;

  if (entry) {
    const name = findProperty(entry, 'p-name');
    const content = findProperty(entry, 'e-content');
    const summary = findProperty(entry, 'p-summary');
    // A note (no p-name, or a name equal to its content) has no title of its own.
    const nameText = name ? cleanText(textProperty(name), MAX_TITLE) : null;
    const contentText = content ? cleanText(textOf(content), MAX_EXCERPT) : null;
    if (nameText && nameText !== contentText) title = nameText;
    const author = findProperty(entry, 'p-author') ?? findProperty(entry, 'u-author');
    if (author) {
      if (hasClass(author, 'h-card')) {
        const cardName = findProperty(author, 'p-name');
        const cardUrl = findProperty(author, 'u-url');
        authorName = cleanText(cardName ? textProperty(cardName) : textOf(author), MAX_AUTHOR);
        authorUrl = cardUrl
          ? urlProperty(cardUrl, base)
          : author.attribs['href']
            ? urlProperty(author, base)
            : null;
      } else {
        authorName = cleanText(textProperty(author), MAX_AUTHOR);
        if (author.name === 'a' && author.attribs['href']) authorUrl = urlProperty(author, base);
      }
    }
    excerpt = summary ? cleanText(textProperty(summary), MAX_EXCERPT) : contentText;
    const u = findProperty(entry, 'u-url');
    const entryUrl = u ? urlProperty(u, base) : null;
    // The mention's title links to it: only an address on the page's own host, so a verified
    // page cannot send readers (and the moderator's approval) somewhere else.
    url = entryUrl && sameHost(entryUrl, pageUrl) ? entryUrl : null;
    const date = findProperty(entry, 'dt-published');
    published = date ? dateProperty(date) : null;
  }

  if (excerpt === null && link) {
    // The text of the nearest block around the link.
    let block: Element = link;
    while (block.parent && isElement(block.parent as Node) && !BLOCKS.has(block.name)) {
      block = block.parent as Element;
    }
    excerpt = cleanText(textOf(block), MAX_EXCERPT);
  }

  return {
    linksToTarget: link !== undefined,
    title,
    authorName,
    authorUrl,
    excerpt,
    url,
    published,
  };
}
