/**
 * The page shell every HTML page shares: head (title, description, our one stylesheet and script,
 * extra meta tags a page adds), a skip link, the site header with its navigation, the main
 * landmark and the footer. Also `render()`, which turns a page into the HTML string we send.
 */
import type { Child } from 'hono/jsx';
import { script, stylesheet } from '../assets.ts';
import { urls } from '../urls.ts';

export interface LayoutProps {
  title: string;
  description?: string;
  /** Extra elements for <head>: meta tags, feed links, JSON-LD. */
  head?: Child;
  /** Keep the page out of search engines (placeholders, error pages). */
  noindex?: boolean;
  children?: Child;
}

export function Layout(props: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · cabledesk</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        <meta name="referrer" content="strict-origin-when-cross-origin" />
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={stylesheet.path} />
        <link rel="alternate" type="application/atom+xml" title="New cables" href={urls.feedNew()} />
        {props.head}
        <script src={script.path} defer />
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to the content
        </a>
        <header class="site-header">
          <a class="brand" href={urls.home()}>
            cabledesk
          </a>
          <nav aria-label="Browse the archive">
            <ul>
              <li>
                <a href={urls.cables()}>All cables</a>
              </li>
              <li>
                <a href={urls.origins()}>Origins</a>
              </li>
              <li>
                <a href={urls.years()}>Dates</a>
              </li>
              <li>
                <a href={urls.releases()}>Releases</a>
              </li>
              <li>
                <a href={urls.classifications()}>Classifications</a>
              </li>
              <li>
                <a href={urls.tags()}>Tags</a>
              </li>
              <li>
                <a href={urls.aboutClassification()}>About markings</a>
              </li>
              <li>
                <a href="/comments">Comments</a>
              </li>
              <li>
                <a href="/account">Account / log in</a>
              </li>
            </ul>
          </nav>
          <form method="get" action="/search" class="site-search">
            <label for="site-q" class="visually-hidden">
              Search the cables
            </label>
            <input type="search" id="site-q" name="q" placeholder="Search the cables" />
            <button type="submit">Search</button>
          </form>
        </header>
        <main id="content" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            cabledesk: an open archive of the 2010–2011 diplomatic cables release. No trackers, no third-party
            scripts. <a href={urls.feedNew()}>Atom feed of new cables</a>.
          </p>
        </footer>
        <p id="copy-status" class="visually-hidden" role="status" aria-live="polite" />
      </body>
    </html>
  );
}

/** The HTML document for a page element. */
export async function render(page: { toString(): string | Promise<string> }): Promise<string> {
  return `<!DOCTYPE html>${await page.toString()}`;
}

/** JSON inside a <script type="application/ld+json">: no `<`, `>`, `&` or line separators left raw. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
