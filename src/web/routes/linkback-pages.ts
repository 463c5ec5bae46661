/**
 * Linkbacks on the site's pages: every cable page gets its approved mentions (the list at the
 * page's marker, a note beside each paragraph a mention points at) and advertises the endpoints
 * in its headers (`Link: <…/webmention>; rel="webmention"` and `X-Pingback`). The filled page is
 * reused for a short while per cached page and mention generation, like the comments section.
 * Also the moderators' mention queue through plain forms (approve, spam, trash, block a host,
 * unblock), behind the same form token and cross-site check as the comments.
 */
import type { Hono } from 'hono';
import type { Discussion } from '../../discuss/discussion.ts';
import type { Linkbacks } from '../../linkback/linkbacks.ts';
import { MENTION_STATUSES, type Mention } from '../../linkback/mentions.ts';
import type { WebContext } from '../context.ts';
import { etagOf } from '../page-cache.ts';
import { baseUrl } from '../respond.ts';
import { render } from '../views/layout.tsx';
import { MentionModerationPage } from '../views/linkback-pages.tsx';
import { linkbackUrls, MentionList, ParagraphMentions } from '../views/linkback-section.tsx';
import { formToken } from './discussion-http.ts';
import { optionalIdOrNull } from './form-pages.ts';
import { moderatorPost, registerModerationQueue } from './moderation-forms.ts';

const MARKER = /<!--cabledesk:mentions ([A-Za-z0-9._-]+)-->/;

/**
 * How long a filled page is reused at most. Changes made here show at once (the linkbacks'
 * generation), changes made on any other server when the page cache sees the database's
 * `mentions` change counter move (within its check interval, 1 s).
 */
const FILLED_TTL_MS = 2000;
const MAX_FILLED = 1000;

interface Filled {
  bytes: Buffer;
  headers: Record<string, string>;
  /** This server's mention generation and the database's change counter when it was built. */
  generation: string;
  builtAt: number;
}

/** The endpoint headers of a cable page. */
export function linkbackHeaders(base: string): Record<string, string> {
  return {
    link: `<${base}${linkbackUrls.webmention()}>; rel="webmention"`,
    'x-pingback': `${base}${linkbackUrls.xmlrpc()}`,
  };
}

/** The page with its mentions: the list at the marker, a note after each paragraph pointed at. */
export async function fillMentions(body: string, list: Mention[]): Promise<string> {
  let out = body.replace(MARKER, (await MentionList({ mentions: list }).toString()) as string);
  const byParagraph = new Map<number, Mention[]>();
  for (const m of list) {
    if (m.paragraph !== null) byParagraph.set(m.paragraph, [...(byParagraph.get(m.paragraph) ?? []), m]);
  }
  for (const [paragraph, mentions] of byParagraph) {
    const open = out.indexOf(`<p id="par${paragraph}">`);
    if (open === -1) continue;
    // Paragraph text is escaped, so the first </p> after its start is its end.
    const close = out.indexOf('</p>', open);
    if (close === -1) continue;
    const note = (await ParagraphMentions({ paragraph, mentions }).toString()) as string;
    out = out.slice(0, close + 4) + note + out.slice(close + 4);
  }
  return out;
}

export function registerLinkbackSection(app: Hono, ctx: WebContext, linkbacks: Linkbacks): void {
  const filled = new Map<string, Filled>();

  app.use('/cable/*', async (c, next) => {
    await next();
    if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('text/html')) return;
    const base = baseUrl(c, ctx.publicUrl);
    if (c.req.method === 'HEAD') {
      // Senders may discover endpoints with HEAD first: the headers, without the work.
      for (const [name, value] of Object.entries(linkbackHeaders(base))) c.res.headers.set(name, value);
      return;
    }
    if (c.req.method !== 'GET') return;
    const innerEtag = c.res.headers.get('etag');
    const key = innerEtag ? `${innerEtag} ${base}` : null;
    const now = Date.now();
    const hit = key ? filled.get(key) : undefined;
    const generation = `${linkbacks.generation}:${await ctx.cache.counter('mentions')}`;
    if (hit && hit.generation === generation && now - hit.builtAt < FILLED_TTL_MS) {
      c.res = undefined as never;
      c.res = new Response(hit.bytes, { status: 200, headers: hit.headers });
      return;
    }
    const body = await c.res.text();
    const match = MARKER.exec(body);
    if (!match) {
      c.res = new Response(body, c.res);
      return;
    }
    const refId = match[1]!;
    const list = await linkbacks.cableMentions(refId, null);
    const full = await fillMentions(body, list);
    const headers: Record<string, string> = {};
    c.res.headers.forEach((value, name) => {
      if (name !== 'content-length') headers[name] = value;
    });
    Object.assign(headers, linkbackHeaders(base), { etag: etagOf(full) });
    const bytes = Buffer.from(full, 'utf8');
    if (key) {
      filled.delete(key);
      filled.set(key, { bytes, headers, generation, builtAt: now });
      while (filled.size > MAX_FILLED) filled.delete(filled.keys().next().value!);
    }
    c.res = undefined as never;
    c.res = new Response(bytes, { status: 200, headers });
  });
}

export function registerLinkbackModeration(app: Hono, discussion: Discussion, linkbacks: Linkbacks): void {
  registerModerationQueue(app, discussion, {
    path: linkbackUrls.moderate(),
    statuses: MENTION_STATUSES,
    noun: 'mention',
    done: 'changed',
    page: async (c, status, notice) => {
      const [mentions, blocked] = await Promise.all([linkbacks.byStatus(status), linkbacks.blockedHosts()]);
      return render(MentionModerationPage({ status, mentions, blocked, csrf: formToken(c), notice }));
    },
    moderate: (ids, action, moderator) => linkbacks.moderate(ids, action, moderator),
  });

  app.post('/moderation/mentions/block/:id', (c) =>
    moderatorPost(c, discussion, async (_fields, _all, moderator) => {
      await linkbacks.blockSourceHost(optionalIdOrNull(c.req.param('id')) ?? 0, moderator);
      return `${linkbackUrls.moderate()}?done=1`;
    }),
  );

  app.post('/moderation/mentions/unblock', (c) =>
    moderatorPost(c, discussion, async (fields, _all, moderator) => {
      await linkbacks.unblockHost(fields['host'] ?? '', moderator);
      return linkbackUrls.moderate();
    }),
  );
}
