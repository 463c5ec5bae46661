/**
 * Search: the JSON API (`GET /api/search`, shape in the interfaces spec), the page (`/search`:
 * a form that works without JavaScript, results, facets as links that narrow the search, an SVG
 * timeline, pages and sorts), and an Atom feed per query (`/search.atom`). A query that is only
 * the id of a cable in the archive goes straight to that cable. Mistakes in the query or the
 * parameters answer 400 with what is wrong and where; never 500.
 */
import type { Context, Hono } from 'hono';
import type { SearchRequest, SearchResponse } from '../../search/backend.ts';
import { SearchParamError, snippetText } from '../../search/engine.ts';
import { openSearch } from '../../search/open.ts';
import { SearchSyntaxError } from '../../search/query.ts';
import { searchRequestFrom } from '../../search/request.ts';
import { atomXml } from '../atom.ts';
import type { WebContext } from '../context.ts';
import { baseUrl, page, send, sendError } from '../respond.ts';
import { urls } from '../urls.ts';
import { render } from '../views/layout.tsx';
import { SearchPage } from '../views/search-page.tsx';

const ATOM = 'application/atom+xml; charset=utf-8';

/** The search a request asks for, or the 400 message. */
function readRequest(c: Context): { ok: true; request: SearchRequest } | { ok: false; message: string } {
  try {
    return { ok: true, request: searchRequestFrom((name) => c.req.query(name)) };
  } catch (error) {
    if (error instanceof SearchParamError) return { ok: false, message: error.message };
    throw error;
  }
}

async function run(
  ctx: WebContext,
  request: SearchRequest,
): Promise<{ ok: true; response: SearchResponse } | { ok: false; message: string }> {
  try {
    const backend = await openSearch(ctx.store);
    return { ok: true, response: await backend.search(request) };
  } catch (error) {
    if (error instanceof SearchSyntaxError || error instanceof SearchParamError) {
      return { ok: false, message: error.message };
    }
    throw error;
  }
}

/** The address of a search (the page, or the feed with `path`). */
export function searchUrl(request: SearchRequest, path = '/search'): string {
  const params = new URLSearchParams();
  if (request.q) params.set('q', request.q);
  for (const name of ['origin', 'classification', 'tag', 'from', 'to'] as const) {
    const v = request[name];
    if (v) params.set(name, v);
  }
  if (request.sort && request.sort !== 'relevance') params.set('sort', request.sort);
  if (request.page && request.page > 1) params.set('page', String(request.page));
  if (request.limit) params.set('limit', String(request.limit));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function registerSearchRoutes(app: Hono, ctx: WebContext): void {
  app.get('/api/search', async (c) => {
    const read = readRequest(c);
    if (!read.ok) return c.json({ error: read.message }, 400);
    const result = await run(ctx, read.request);
    if (!result.ok) return c.json({ error: result.message }, 400);
    const r = result.response;
    return c.json(
      {
        total: r.total,
        results: r.results,
        facets: r.facets,
        timeline: r.timeline,
        page: r.page,
        limit: r.limit,
        sort: r.sort,
        ...(r.cable ? { cable: r.cable } : {}),
        ...(r.ignored.length ? { ignored: r.ignored } : {}),
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });

  app.get('/search', async (c) => {
    const read = readRequest(c);
    if (!read.ok) return sendError(c, 400, read.message);
    const request = read.request;
    if (
      !request.q.trim() &&
      !request.origin &&
      !request.classification &&
      !request.tag &&
      !request.from &&
      !request.to
    ) {
      return send(c, page(await render(SearchPage({ request, response: null, error: null }))), 'no-store');
    }
    const result = await run(ctx, request);
    if (!result.ok) {
      return send(c, page(await render(SearchPage({ request, response: null, error: result.message })), 400));
    }
    if (result.response.cable) return c.redirect(urls.cable(result.response.cable), 302);
    return send(
      c,
      page(await render(SearchPage({ request, response: result.response, error: null }))),
      'no-store',
    );
  });

  app.get('/search.atom', async (c) => {
    const read = readRequest(c);
    if (!read.ok) return sendError(c, 400, read.message);
    const request = { ...read.request, sort: '-date' as const, page: 1, limit: 50 };
    const result = await run(ctx, request);
    if (!result.ok) return sendError(c, 400, result.message);
    const origin = baseUrl(c, ctx.publicUrl);
    const r = result.response;
    const label = request.q || 'all cables';
    const updated = r.results[0]?.created ?? '2011-08-30T00:00:00Z';
    const hl = r.highlight.length ? `?hl=${encodeURIComponent(r.highlight.join(' '))}` : '';
    const xml = atomXml({
      id: `${origin}${searchUrl(request, '/search.atom')}`,
      title: `cabledesk: search for ${label}`,
      self: `${origin}${searchUrl(read.request, '/search.atom')}`,
      alternate: `${origin}${searchUrl({ ...read.request, sort: '-date' })}`,
      updated,
      entries: r.results.map((hit) => ({
        id: `${origin}${urls.cable(hit.refId)}`,
        title: `${hit.refId}: ${hit.subject ?? 'no subject'}`,
        url: `${origin}${urls.cable(hit.refId)}${hl}`,
        updated: hit.created ?? updated,
        published: hit.created,
        author: hit.origin,
        summary: snippetText(hit.snippet),
        categories: [hit.classification],
      })),
    });
    return send(c, page(xml, 200, ATOM), 'public, max-age=300');
  });
}
