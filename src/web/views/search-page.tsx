/**
 * The search page: a form that works without JavaScript (query, filters, sort), the total, the
 * results with their snippets (already escaped, matches in <mark>), facets as links that narrow
 * the search, a server-rendered SVG timeline of hits per month, pagination, a feed link and help
 * on the query language.
 */
import type { SearchRequest, SearchResponse } from '../../search/backend.ts';
import { searchUrl } from '../routes/search.ts';
import { urls } from '../urls.ts';
import { Layout } from './layout.tsx';
import { SearchTimeline } from './search-timeline.tsx';

const number = (n: number) => n.toLocaleString('en-US');

function Facet(props: {
  title: string;
  name: 'origin' | 'classification' | 'tag' | 'year';
  rows: { value: string; count: number }[];
  request: SearchRequest;
}) {
  if (props.rows.length === 0) return null;
  const narrow = (value: string): SearchRequest =>
    props.name === 'year'
      ? { ...props.request, from: value, to: value, page: 1 }
      : { ...props.request, [props.name]: value, page: 1 };
  return (
    <section class="facet">
      <h3>{props.title}</h3>
      <ul>
        {props.rows.map((r) => (
          <li>
            <a href={searchUrl(narrow(r.value))}>{r.value}</a> <span class="count">{number(r.count)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SearchPage(props: {
  request: SearchRequest;
  response: SearchResponse | null;
  error: string | null;
}) {
  const { request, response } = props;
  const sort = request.sort ?? 'relevance';
  const title = request.q ? `Search: ${request.q}` : 'Search';
  const hl = response?.highlight.length ? `?hl=${encodeURIComponent(response.highlight.join(' '))}` : '';
  const limit = response?.limit ?? 20;
  const pages = response ? Math.ceil(response.total / limit) : 0;
  const current = response?.page ?? 1;
  return (
    <Layout
      title={title}
      noindex
      head={
        response ? (
          <link
            rel="alternate"
            type="application/atom+xml"
            title={`Search: ${request.q}`}
            href={searchUrl({ ...request, page: 1, sort: 'relevance' }, '/search.atom')}
          />
        ) : null
      }
    >
      <h1>Search the cables</h1>
      <form method="get" action="/search" class="search-form" aria-label="Search the cables">
        <label for="q">Words, "phrases", OR, -exclusions, prefix*, fields</label>
        <input type="search" id="q" name="q" value={request.q} />
        {(['origin', 'classification', 'tag', 'from', 'to'] as const).map((name) =>
          request[name] ? <input type="hidden" name={name} value={request[name]} /> : null,
        )}
        <label for="sort">Sort</label>
        <select id="sort" name="sort">
          <option value="relevance" selected={sort === 'relevance'}>
            relevance
          </option>
          <option value="-date" selected={sort === '-date'}>
            newest first
          </option>
          <option value="date" selected={sort === 'date'}>
            oldest first
          </option>
        </select>
        <button type="submit">Search</button>
      </form>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {response ? (
        <>
          <p class="total">
            {number(response.total)} {response.total === 1 ? 'cable' : 'cables'}
            {response.ignored.length ? ` (left out: ${response.ignored.join(', ')})` : ''} ·{' '}
            <a href={searchUrl({ ...request, page: 1, sort: 'relevance' }, '/search.atom')}>
              Atom feed of this search
            </a>
          </p>
          {(['origin', 'classification', 'tag', 'from', 'to'] as const).some((n) => request[n]) ? (
            <p class="filters">
              Narrowed by{' '}
              {(['origin', 'classification', 'tag', 'from', 'to'] as const)
                .filter((n) => request[n])
                .map((n) => (
                  <>
                    {n}: {request[n]} (<a href={searchUrl({ ...request, [n]: undefined, page: 1 })}>remove</a>
                    ){' '}
                  </>
                ))}
            </p>
          ) : null}
          <SearchTimeline months={response.timeline} />
          <div class="search-layout">
            <ol class="results" start={(current - 1) * limit + 1}>
              {response.results.map((hit) => (
                <li>
                  <h2>
                    <a href={`${urls.cable(hit.refId)}${hl}`}>{hit.subject ?? hit.refId}</a>
                  </h2>
                  <p class="meta">
                    {hit.refId} · {hit.origin} · {hit.classification} ·{' '}
                    {hit.created?.slice(0, 10) ?? 'undated'}
                  </p>
                  <p class="snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
                </li>
              ))}
            </ol>
            <aside class="facets" aria-label="Narrow the search">
              <Facet
                title="Classification"
                name="classification"
                rows={response.facets.classification}
                request={request}
              />
              <Facet title="Year" name="year" rows={response.facets.year} request={request} />
              <Facet title="Origin" name="origin" rows={response.facets.origin} request={request} />
              <Facet title="Tag" name="tag" rows={response.facets.tag} request={request} />
            </aside>
          </div>
          {pages > 1 ? (
            <nav aria-label="Pages" class="pagination">
              {current > 1 ? (
                <a href={searchUrl({ ...request, page: current - 1 })} rel="prev">
                  Previous
                </a>
              ) : null}{' '}
              Page {current} of {number(pages)}{' '}
              {current < pages ? (
                <a href={searchUrl({ ...request, page: current + 1 })} rel="next">
                  Next
                </a>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : null}
      <details class="search-help">
        <summary>How to search</summary>
        <ul>
          <li>
            <code>nuclear iran</code>: both words; <code>"prime minister"</code>: the phrase;{' '}
            <code>iran OR iraq</code>: either; <code>-embassy</code>: without; <code>negoti*</code>: words
            that start so (words are stemmed: negotiate, negotiation → negoti)
          </li>
          <li>
            <code>subject:iran</code>, <code>origin:"Embassy Paris"</code>, <code>classification:secret</code>
            , <code>tag:PREL</code>, <code>from:2008-01 to:2008-06-30</code>, <code>ref:09STATE1234</code>; a
            reference id alone opens that cable
          </li>
          <li>Case and accents do not matter; common words such as "the" are left out.</li>
        </ul>
      </details>
    </Layout>
  );
}
