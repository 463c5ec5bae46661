/**
 * The site's own static files (one stylesheet, one small script), read once at start-up and served
 * under a content-hashed name so they can be cached for a year. Nothing is loaded from elsewhere.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Asset {
  path: string;
  body: string;
  type: string;
  etag: string;
}

function load(file: string, ext: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/static/site.${hash}.${ext}`, body, type, etag: `"${hash}"` };
}

export const stylesheet: Asset = load('site.css', 'css', 'text/css; charset=utf-8');
export const script: Asset = load('site.js', 'js', 'text/javascript; charset=utf-8');
export const assets: ReadonlyMap<string, Asset> = new Map([
  [stylesheet.path, stylesheet],
  [script.path, script],
]);
