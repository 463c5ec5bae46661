/**
 * Browse routes: the home page, all cables, and the indexes and listings by origin, created year
 * and month, release day, classification and tag (sortable, paginated), plus the page explaining
 * classification reasons and markings. Origins and classifications are addressed by slug.
 */
import type { Context, Hono } from 'hono';
import type { CableListQuery, CableSort } from '../../store/browse.ts';
import type { WebContext } from '../context.ts';
import { isDay, longDate, monthName } from '../dates.ts';
import { parseListParams } from '../list-query.ts';
import { page, send, sendError } from '../respond.ts';
import { slug, urls } from '../urls.ts';
import {
  AboutClassificationPage,
  CableListPage,
  ClassificationsPage,
  HomePage,
  MonthsNav,
  OriginsPage,
  ReleasesPage,
  TagIntro,
  TagsPage,
  YearsPage,
} from '../views/browse-pages.tsx';
import { render } from '../views/layout.tsx';

const TAG_SHAPE = /^[A-Z0-9][A-Z0-9 .&/_-]{0,40}$/;

export function registerBrowseRoutes(app: Hono, ctx: WebContext): void {
  /** Caches a whole page per generation under its path and query. */
  const cached = (c: Context, build: () => Promise<string>) =>
    ctx.cache.get(`page:${c.req.url}`, async () => page(await build()));

  const counts = (facet: Parameters<WebContext['store']['countCables']>[0], year?: string) =>
    ctx.cache.remember(`counts:${facet}:${year ?? ''}`, () => ctx.store.countCables(facet, year));

  /** Finds the value of a facet whose slug is `s` (origins, classifications). */
  async function bySlug(facet: 'origin' | 'classification', s: string): Promise<string | null> {
    const rows = await counts(facet);
    return rows.find((r) => slug(r.value) === s)?.value ?? null;
  }

  async function listing(
    c: Context,
    filter: CableListQuery,
    title: string,
    path: string,
    options: { intro?: unknown; feed?: string; defaultSort?: CableSort } = {},
  ): Promise<Response> {
    const params = parseListParams((n) => c.req.query(n), options.defaultSort);
    if (!params.ok) return sendError(c, 400, params.message);
    if (params.value.page > 1 && (await isPastEnd(filter, params.value))) {
      return sendError(c, 404, 'There is no such page in this listing.');
    }
    const built = await cached(c, async () => {
      const list = await ctx.store.listCables({ ...filter, ...params.value });
      return render(
        CableListPage({
          title,
          list,
          path,
          ...params.value,
          ...(options.intro ? { intro: options.intro as never } : {}),
          ...(options.feed ? { feed: options.feed } : {}),
        }),
      );
    });
    return send(c, built);
  }

  async function isPastEnd(filter: CableListQuery, p: { page: number; limit: number }): Promise<boolean> {
    const key = JSON.stringify(filter);
    const total = await ctx.cache.remember(
      `total:${key}`,
      async () => (await ctx.store.listCables({ ...filter, limit: 1 })).total,
    );
    return (p.page - 1) * p.limit >= total;
  }

  app.get('/', async (c) => {
    const built = await cached(c, async () => {
      const [classifications, origins, tags, years, latest] = await Promise.all([
        counts('classification'),
        counts('origin'),
        counts('tag'),
        counts('year'),
        ctx.store.listCables({ sort: '-released', limit: 15 }),
      ]);
      return render(
        HomePage({
          cables: classifications.reduce((n, r) => n + r.count, 0),
          origins: origins.length,
          tags: tags.length,
          years,
          latest: latest.items,
        }),
      );
    });
    return send(c, built);
  });

  app.get('/cables', (c) => listing(c, {}, 'All cables', urls.cables()));

  app.get('/origins', async (c) =>
    send(c, await cached(c, async () => render(OriginsPage({ origins: await counts('origin') })))),
  );

  app.get('/origins/:slug', async (c) => {
    const origin = await bySlug('origin', c.req.param('slug'));
    if (!origin) return sendError(c, 404, 'There is no origin by that name in the archive.');
    return listing(c, { origin }, `Cables from ${origin}`, urls.origin(origin), {
      feed: urls.feedOrigin(origin),
    });
  });

  app.get('/years', async (c) =>
    send(c, await cached(c, async () => render(YearsPage({ years: await counts('year') })))),
  );

  app.get('/years/:year', async (c) => {
    const year = c.req.param('year');
    if (!/^\d{4}$/.test(year)) return sendError(c, 400, 'A year is four digits, like 2006.');
    const months = await counts('month', year);
    return listing(c, { createdIn: year }, `Cables written in ${year}`, urls.year(year), {
      intro: MonthsNav({ year, months }),
    });
  });

  app.get('/years/:year/:month', async (c) => {
    const { year, month } = c.req.param();
    if (!/^\d{4}$/.test(year) || !/^(0[1-9]|1[0-2])$/.test(month)) {
      return sendError(c, 400, 'A month address looks like /years/2006/02.');
    }
    const months = await counts('month', year);
    return listing(
      c,
      { createdIn: `${year}-${month}` },
      `Cables written in ${monthName(Number(month))} ${year}`,
      urls.month(`${year}-${month}`),
      {
        intro: MonthsNav({ year, months }),
      },
    );
  });

  app.get('/released', async (c) =>
    send(c, await cached(c, async () => render(ReleasesPage({ days: await counts('releasedDay') })))),
  );

  app.get('/released/:day', (c) => {
    const day = c.req.param('day');
    if (!isDay(day)) return sendError(c, 400, 'A release day looks like /released/2011-08-30.');
    return listing(c, { releasedOn: day }, `Cables released on ${longDate(day)}`, urls.releaseDay(day), {
      defaultSort: 'refid',
    });
  });

  app.get('/classifications', async (c) =>
    send(
      c,
      await cached(c, async () =>
        render(ClassificationsPage({ classifications: await counts('classification') })),
      ),
    ),
  );

  app.get('/classifications/:slug', async (c) => {
    const classification = await bySlug('classification', c.req.param('slug'));
    if (!classification) return sendError(c, 404, 'No cable in the archive has that classification.');
    return listing(
      c,
      { classification },
      `Cables classified ${classification}`,
      urls.classification(classification),
    );
  });

  app.get('/tags', async (c) =>
    send(c, await cached(c, async () => render(TagsPage({ tags: await counts('tag') })))),
  );

  app.get('/tags/:tag', (c) => {
    const raw = c.req.param('tag');
    const tag = raw.toUpperCase();
    if (!TAG_SHAPE.test(tag)) return sendError(c, 400, 'That is not a tag.');
    if (tag !== raw) return c.redirect(urls.tag(tag), 301);
    return listing(c, { tag }, `Cables tagged ${tag}`, urls.tag(tag), {
      intro: TagIntro({ tag }),
      feed: urls.feedTag(tag),
    });
  });

  app.get('/about/classification', async (c) =>
    send(c, await cached(c, async () => render(AboutClassificationPage()))),
  );
}
