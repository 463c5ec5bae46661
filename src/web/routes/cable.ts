/**
 * Cable routes: the page `/cable/{refId}` (non-canonical ids redirect to the canonical one; a cited
 * cable that is not in the archive gets a placeholder page listing who cites it), the old cablegate
 * address `/cable/YYYY/MM/{id}.html` (the same page), downloads `.txt` and `.json`, citation
 * exports, the word-level diff between two versions, and the JSON API `/api/cables/{refId}`.
 */

import type { Context, Hono } from 'hono';
import type { CableRecord } from '../../cable/record.ts';
import { canonicalRefId } from '../../cable/refid.ts';
import { highlightWords } from '../../search/query.ts';
import { citationFacts, toBibtex, toCslJson, toRis } from '../citation.ts';
import type { WebContext } from '../context.ts';
import { today } from '../dates.ts';
import { diffWords } from '../diff.ts';
import type { RenderedPage } from '../page-cache.ts';
import { baseUrl, errorPage, page, send, sendError } from '../respond.ts';
import { urls } from '../urls.ts';
import { CablePage } from '../views/cable-page.tsx';
import { render } from '../views/layout.tsx';
import { DiffPage, PlaceholderPage } from '../views/simple-pages.tsx';

/** What an id in an address may look like (published ids can be odd, but never need more). */
const ID_SHAPE = /^[A-Za-z0-9-]{2,80}$/;

type Lookup =
  | { kind: 'found'; record: CableRecord }
  | { kind: 'redirect'; refId: string }
  | { kind: 'missing'; refId: string };

/** Finds a cable by any id: canonical, published, or repairable into a canonical one. */
async function lookup(ctx: WebContext, id: string): Promise<Lookup> {
  const record = await ctx.store.getCable(id);
  if (record) return { kind: 'found', record };
  const { refId: canonical, warning } = canonicalRefId(id);
  if (canonical !== id && (await ctx.store.getCable(canonical)))
    return { kind: 'redirect', refId: canonical };
  // An id the rules cannot make sense of is stored as published: try it in upper case (indexed).
  const upper = id.toUpperCase();
  if (warning !== null && upper !== id && (await ctx.store.getCable(upper)))
    return { kind: 'redirect', refId: upper };
  return { kind: 'missing', refId: canonical };
}

function versionText(header: string, body: string): string {
  return header ? `${header.replace(/\n*$/, '')}\n\n${body}` : body;
}

/** The verbatim text download: header, a blank line, body, exactly as released. */
function rawText(record: CableRecord): string {
  return versionText(record.raw.header, record.raw.body);
}

export function registerCableRoutes(app: Hono, ctx: WebContext): void {
  const base = (c: Context) => baseUrl(c, ctx.publicUrl);

  /** `serveRedirects`: answer a non-canonical id with the canonical page itself (old addresses). */
  async function cablePage(c: Context, id: string, serveRedirects = false): Promise<Response> {
    if (!ID_SHAPE.test(id)) return sendError(c, 404, 'There is no cable with that reference id.');
    const day = today(ctx.now());
    const origin = base(c);
    const highlight = highlightWords(c.req.query('hl') ?? '');
    const key = `cable:${id}:${day}:${origin}:${highlight.join(' ')}`;
    let redirect: string | null = null;
    const built = await ctx.cache.get(key, async (): Promise<RenderedPage> => {
      const found = await lookup(ctx, id);
      if (found.kind === 'redirect') {
        redirect = found.refId;
        return { status: 301, body: '', type: 'text/plain', etag: '""' };
      }
      if (found.kind === 'missing') {
        const citedBy = await ctx.store.citedBy(found.refId);
        if (citedBy.length === 0) {
          return errorPage(404, `There is no cable ${id} in the archive, and no cable here cites it.`);
        }
        return page(await render(PlaceholderPage({ refId: found.refId, citedBy })), 200, undefined, {
          'X-Robots-Tag': 'noindex',
        });
      }
      const record = found.record;
      const [versions, citedBy, knownRefs] = await Promise.all([
        ctx.store.listVersions(record.refId),
        ctx.store.citedBy(record.refId),
        ctx.store.existingIds(record.references.flatMap((r) => (r.refId ? [r.refId] : []))),
      ]);
      const html = await render(
        CablePage({ record, baseUrl: origin, versions, citedBy, knownRefs, today: day, highlight }),
      );
      return page(html);
    });
    if (redirect !== null) {
      return serveRedirects ? cablePage(c, redirect) : c.redirect(urls.cable(redirect), 301);
    }
    return send(c, built);
  }

  async function download(c: Context, id: string, ext: 'txt' | 'json'): Promise<Response> {
    if (!ID_SHAPE.test(id)) return sendError(c, 404, 'There is no cable with that reference id.');
    const found = await lookup(ctx, id);
    if (found.kind === 'redirect') return c.redirect(urls.cableDownload(found.refId, ext), 301);
    if (found.kind === 'missing') return sendError(c, 404, `There is no cable ${id} in the archive.`);
    const r = found.record;
    const body =
      ext === 'txt'
        ? rawText(r)
        : `${JSON.stringify({ ...r, url: `${base(c)}${urls.cable(r.refId)}` }, null, 2)}\n`;
    const type = ext === 'txt' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
    return send(
      c,
      page(body, 200, type, { 'Content-Disposition': `attachment; filename="${r.refId}.${ext}"` }),
    );
  }

  app.get('/cable/:id', (c) => {
    const id = c.req.param('id');
    const file = /^(.+)\.(txt|json)$/.exec(id);
    if (file) return download(c, file[1]!, file[2] as 'txt' | 'json');
    return cablePage(c, id);
  });

  // Old cablegate addresses: /cable/2006/02/06MOSCOW1323.html serves the same page.
  app.get('/cable/:year{[0-9]{4}}/:month{[0-9]{2}}/:file', (c) => {
    const file = /^(.+)\.html?$/.exec(c.req.param('file'));
    if (!file) return sendError(c, 404, 'There is no page at this address.');
    return cablePage(c, file[1]!, true);
  });

  app.get('/cable/:id/:format{cite\\.(?:bib|ris|csl\\.json)}', async (c) => {
    const id = c.req.param('id');
    const format = c.req.param('format');
    if (!ID_SHAPE.test(id)) return sendError(c, 404, 'There is no cable with that reference id.');
    const found = await lookup(ctx, id);
    if (found.kind === 'redirect') return c.redirect(`${urls.cable(found.refId)}/${format}`, 301);
    if (found.kind === 'missing') return sendError(c, 404, `There is no cable ${id} in the archive.`);
    const facts = citationFacts(
      found.record,
      `${base(c)}${urls.cable(found.record.refId)}`,
      today(ctx.now()),
    );
    const refId = found.record.refId;
    if (format === 'cite.bib') {
      return send(
        c,
        page(toBibtex(facts), 200, 'application/x-bibtex; charset=utf-8', attachment(`${refId}.bib`)),
      );
    }
    if (format === 'cite.ris') {
      return send(
        c,
        page(
          toRis(facts),
          200,
          'application/x-research-info-systems; charset=utf-8',
          attachment(`${refId}.ris`),
        ),
      );
    }
    const json = `${JSON.stringify([toCslJson(facts)], null, 2)}\n`;
    return send(
      c,
      page(json, 200, 'application/vnd.citationstyles.csl+json; charset=utf-8', attachment(`${refId}.json`)),
    );
  });

  app.get('/cable/:id/diff', async (c) => {
    const id = c.req.param('id');
    if (!ID_SHAPE.test(id)) return sendError(c, 404, 'There is no cable with that reference id.');
    const a = c.req.query('a') ?? '';
    const b = c.req.query('b') ?? '';
    const hash = /^[0-9a-f]{6,64}$/;
    if (!hash.test(a) || !hash.test(b)) {
      return sendError(
        c,
        400,
        'Give two versions to compare: ?a=…&b=… with the version codes shown on the cable page.',
      );
    }
    const found = await lookup(ctx, id);
    if (found.kind === 'redirect') {
      return c.redirect(urls.diff(found.refId, a, b), 301);
    }
    if (found.kind === 'missing') return sendError(c, 404, `There is no cable ${id} in the archive.`);
    const refId = found.record.refId;
    const key = `diff:${refId}:${a}:${b}`;
    const built = await ctx.cache.get(key, async () => {
      const versions = await ctx.store.listVersions(refId);
      const pick = (prefix: string) => {
        const matches = versions.filter((v) => v.contentHash.startsWith(prefix));
        return matches.length === 1 ? { v: matches[0]!, n: versions.indexOf(matches[0]!) + 1 } : null;
      };
      const va = pick(a);
      const vb = pick(b);
      if (!va || !vb) return errorPage(400, `Cable ${refId} has no single version with code ${!va ? a : b}.`);
      const diff = diffWords(
        versionText(va.v.rawHeader, va.v.rawBody),
        versionText(vb.v.rawHeader, vb.v.rawBody),
      );
      const html = await render(
        DiffPage({ refId, a, b, aLabel: `version ${va.n}`, bLabel: `version ${vb.n}`, diff }),
      );
      return page(html);
    });
    return send(c, built);
  });

  app.get('/api/cables/:id', async (c) => {
    const id = c.req.param('id');
    const notFound = () =>
      c.json({ error: 'not_found', message: `There is no cable ${id} in the archive.` }, 404, {
        'Cache-Control': 'no-store',
      });
    if (!ID_SHAPE.test(id)) return notFound();
    const found = await lookup(ctx, id);
    if (found.kind === 'redirect') return c.redirect(urls.api(found.refId), 301);
    if (found.kind === 'missing') return notFound();
    const body = JSON.stringify({ ...found.record, url: `${base(c)}${urls.cable(found.record.refId)}` });
    return send(c, page(body, 200, 'application/json; charset=utf-8'));
  });
}

function attachment(name: string): Record<string, string> {
  return { 'Content-Disposition': `attachment; filename="${name}"` };
}
