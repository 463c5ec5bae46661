/**
 * The cablegate site's browse addresses, redirected (301) to ours: `/origin/57_0.html`,
 * `/tag/PREL_2.html`, `/reldate/2010-11-30_0.html`, `/date/2006-03_0.html`,
 * `/classification/3_0.html`. The number after `_` was the page (from 0). Origins and
 * classifications were numbered; see data/legacy-ids.ts.
 */
import type { Context, Hono } from 'hono';
import { LEGACY_CLASSIFICATIONS, LEGACY_ORIGINS } from '../data/legacy-ids.ts';
import { isDay } from '../dates.ts';
import { sendError } from '../respond.ts';
import { urls } from '../urls.ts';

const LEGACY_FILE = /^(.+)_(\d{1,5})\.html$/;

function withPage(path: string, page: number): string {
  return page > 0 ? `${path}?page=${page + 1}` : path;
}

export function registerLegacyRoutes(app: Hono): void {
  const redirect = (c: Context, to: (key: string) => string | null) => {
    const m = LEGACY_FILE.exec(c.req.param('file') ?? '');
    const target = m ? to(m[1]!) : null;
    if (!m || target === null) return sendError(c, 404, 'This old address points to nothing we know.');
    return c.redirect(withPage(target, Number(m[2])), 301);
  };

  app.get('/origin/:file', (c) =>
    redirect(c, (key) => {
      if (!/^\d+$/.test(key)) return null;
      const origin = LEGACY_ORIGINS.get(Number(key));
      return origin ? urls.origin(origin) : urls.origins();
    }),
  );
  app.get('/classification/:file', (c) =>
    redirect(c, (key) => {
      const value = /^\d$/.test(key) ? LEGACY_CLASSIFICATIONS[Number(key) - 1] : undefined;
      return value ? urls.classification(value) : urls.classifications();
    }),
  );
  app.get('/tag/:file', (c) =>
    redirect(c, (key) => (/^[A-Za-z0-9 .&/-]{1,40}$/.test(key) ? urls.tag(key.toUpperCase()) : null)),
  );
  app.get('/reldate/:file', (c) => redirect(c, (key) => (isDay(key) ? urls.releaseDay(key) : null)));
  app.get('/date/:file', (c) =>
    redirect(c, (key) =>
      /^\d{4}-(0[1-9]|1[0-2])$/.test(key) ? urls.month(key) : /^\d{4}$/.test(key) ? urls.year(key) : null,
    ),
  );
}
