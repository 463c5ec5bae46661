/**
 * Comment Markdown to safe HTML: micromark with GitHub-flavoured Markdown (raw HTML in the text is
 * escaped, not passed through), then sanitize-html with an allowlist of tags, attributes and URL
 * schemes, so no script, handler, style or `javascript:` link survives whatever the input. Every
 * link gets `rel="nofollow ugc noopener"`; images are not allowed (no requests to outside hosts).
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'hr',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener' }),
    // Headings in a comment stay below the page's own.
    h1: 'h4',
    h2: 'h4',
  },
};
// `rel` is added by the transform; allow it on output.
(OPTIONS.allowedAttributes as Record<string, string[]>)['a']!.push('rel');

/** The longest comment accepted, in characters. */
export const MAX_COMMENT_LENGTH = 10_000;

export function renderMarkdown(body: string): string {
  const html = micromark(body, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  return sanitizeHtml(html, OPTIONS);
}

/** Links in the rendered comment (for holding comments with many links). */
export function countLinks(html: string): number {
  return html.match(/<a\s/g)?.length ?? 0;
}

/** The comment as plain text (feeds, summaries). */
export function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}
