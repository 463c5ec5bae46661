/**
 * Atom feeds of new cables (by release date): all of them, per origin, per tag. 50 entries each.
 */
import type { Context, Hono } from 'hono';
import type { CableListQuery } from '../../store/browse.ts';
import { atomXml } from '../atom.ts';
import type { WebContext } from '../context.ts';
import { page, send, sendError } from '../respond.ts';
import { slug, urls } from '../urls.ts';

const ATOM = 'application/atom+xml; charset=utf-8';
const ENTRIES = 50;

export function registerFeedRoutes(app: Hono, ctx: WebContext): void {
  async function feed(c: Context, filter: CableListQuery, title: string, self: string, alternate: string) {
    const origin = ctx.publicUrl?.replace(/\/+$/, '') ?? new URL(c.req.url).origin;
    const built = await ctx.cache.get(`feed:${self}:${origin}`, async () => {
      const list = await ctx.store.listCables({ ...filter, sort: '-released', limit: ENTRIES });
      const updated = list.items[0]?.released ?? list.items[0]?.created ?? '2011-08-30T00:00:00Z';
      const xml = atomXml({
        id: `${origin}${self}`,
        title: `cabledesk: ${title}`,
        self: `${origin}${self}`,
        alternate: `${origin}${alternate}`,
        updated,
        entries: list.items.map((item) => ({
          id: `${origin}${urls.cable(item.refId)}`,
          title: `${item.refId}: ${item.subject ?? 'no subject'}`,
          url: `${origin}${urls.cable(item.refId)}`,
          updated: item.released ?? item.created ?? updated,
          published: item.released,
          author: item.origin,
          summary: `${item.classification} cable from ${item.origin}${item.created ? `, written ${item.created.slice(0, 10)}` : ''}.`,
          categories: [item.classification],
        })),
      });
      return page(xml, 200, ATOM);
    });
    return send(c, built, 'public, max-age=300');
  }

  app.get('/feeds/new.atom', (c) => feed(c, {}, 'new cables', urls.feedNew(), urls.cables()));

  app.get('/feeds/origins/:file', async (c) => {
    const m = /^([a-z0-9-]+)\.atom$/.exec(c.req.param('file'));
    const origins = await ctx.cache.remember('counts:origin:', () => ctx.store.countCables('origin'));
    const origin = m ? origins.find((o) => slug(o.value) === m[1])?.value : undefined;
    if (!origin) return sendError(c, 404, 'There is no origin by that name in the archive.');
    return feed(c, { origin }, `new cables from ${origin}`, urls.feedOrigin(origin), urls.origin(origin));
  });

  app.get('/feeds/tags/:file', (c) => {
    const m = /^([A-Za-z0-9][A-Za-z0-9 .&/_-]{0,40})\.atom$/.exec(c.req.param('file'));
    if (!m) return sendError(c, 404, 'There is no such feed.');
    const tag = m[1]!.toUpperCase();
    return feed(c, { tag }, `new cables tagged ${tag}`, urls.feedTag(tag), urls.tag(tag));
  });
}
