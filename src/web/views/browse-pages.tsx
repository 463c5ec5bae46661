/**
 * Browse pages: the home page (counts, latest releases), listings of cables (sortable columns,
 * pagination, a feed link where there is one), the indexes of origins (A-Z with counts), years and
 * months, release days, classifications and tags, and the page explaining classification reasons
 * and markings.
 */
import type { Child } from 'hono/jsx';
import type { CableList, CableSort, CableSummary } from '../../store/browse.ts';
import type { CountRow } from '../../store/store.ts';
import {
  explainPortion,
  MARKINGS,
  PORTION_MARKINGS,
  REASON_LETTERS,
} from '../data/classification-reasons.ts';
import { longDate, monthName, shortDateTime } from '../dates.ts';
import { explainTag, TAG_KIND_NAMES } from '../tag-glossary.ts';
import { urls } from '../urls.ts';
import { Layout } from './layout.tsx';

function CableTable(props: {
  items: CableSummary[];
  sort?: CableSort;
  sortHref?: (sort: CableSort) => string;
}) {
  const header = (label: string, key: 'refid' | 'created' | 'released') => {
    if (!props.sortHref) return <th scope="col">{label}</th>;
    const current = props.sort === key ? 'ascending' : props.sort === `-${key}` ? 'descending' : undefined;
    const next: CableSort =
      props.sort === `-${key}` ? key : key === 'refid' && props.sort !== key ? key : `-${key}`;
    return (
      <th scope="col" aria-sort={current}>
        <a href={props.sortHref(next)}>
          {label}
          {current === 'ascending' ? ' ▲' : current === 'descending' ? ' ▼' : ''}
          <span class="visually-hidden">, sort</span>
        </a>
      </th>
    );
  };
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {header('Reference ID', 'refid')}
            <th scope="col">Subject</th>
            {header('Created', 'created')}
            {header('Released', 'released')}
            <th scope="col">Classification</th>
            <th scope="col">Origin</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((c) => (
            <tr>
              <td>
                <a href={urls.cable(c.refId)}>{c.refId}</a>
              </td>
              <td>{c.subject ?? ''}</td>
              <td>
                {c.created ? <time datetime={c.created}>{shortDateTime(c.created).slice(0, 10)}</time> : ''}
              </td>
              <td>{c.released ? <time datetime={c.released}>{c.released.slice(0, 10)}</time> : ''}</td>
              <td>
                <a href={urls.classification(c.classification)}>{c.classification}</a>
              </td>
              <td>
                <a href={urls.origin(c.origin)}>{c.origin}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pager(props: { page: number; pages: number; href: (page: number) => string }) {
  if (props.pages <= 1) return null;
  const { page, pages } = props;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav aria-label="Pages">
      <ul class="pager">
        {page > 1 ? (
          <li>
            <a href={props.href(page - 1)} rel="prev">
              Previous
            </a>
          </li>
        ) : null}
        {shown.map((p) => (
          <li>
            {p === page ? (
              <span aria-current="page">{p}</span>
            ) : (
              <a href={props.href(p)} aria-label={`Page ${p}`}>
                {p}
              </a>
            )}
          </li>
        ))}
        {page < pages ? (
          <li>
            <a href={props.href(page + 1)} rel="next">
              Next
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export interface CableListPageProps {
  title: string;
  intro?: Child;
  list: CableList;
  page: number;
  limit: number;
  sort: CableSort;
  /** The listing's own path, without query. */
  path: string;
  feed?: string;
}

export function CableListPage(props: CableListPageProps) {
  const pages = Math.max(1, Math.ceil(props.list.total / props.limit));
  const href = (page: number, sort: CableSort = props.sort) => {
    const q = new URLSearchParams();
    if (sort !== '-created') q.set('sort', sort);
    if (page > 1) q.set('page', String(page));
    if (props.limit !== 50) q.set('limit', String(props.limit));
    const s = q.toString();
    return s ? `${props.path}?${s}` : props.path;
  };
  const first = (props.page - 1) * props.limit + 1;
  const last = Math.min(props.list.total, props.page * props.limit);
  return (
    <Layout
      title={props.page > 1 ? `${props.title} (page ${props.page})` : props.title}
      head={
        props.feed ? (
          <link rel="alternate" type="application/atom+xml" title={props.title} href={props.feed} />
        ) : null
      }
    >
      <h1>{props.title}</h1>
      {props.intro}
      <p>
        {props.list.total === 0
          ? 'No cables.'
          : `${props.list.total.toLocaleString('en')} cable${props.list.total === 1 ? '' : 's'}; showing ${first}–${last}.`}
        {props.feed ? (
          <>
            {' '}
            <a href={props.feed}>Atom feed</a>
          </>
        ) : null}
      </p>
      {props.list.items.length > 0 ? (
        <CableTable items={props.list.items} sort={props.sort} sortHref={(s) => href(1, s)} />
      ) : null}
      <Pager page={props.page} pages={pages} href={(p) => href(p)} />
    </Layout>
  );
}

export function HomePage(props: {
  cables: number;
  origins: number;
  tags: number;
  years: CountRow[];
  latest: CableSummary[];
}) {
  const first = props.years[0]?.value;
  const last = props.years[props.years.length - 1]?.value;
  return (
    <Layout title="The diplomatic cables archive" description="Read, browse and cite the diplomatic cables.">
      <h1>The diplomatic cables archive</h1>
      <p>
        {props.cables.toLocaleString('en')} cables from {props.origins} embassies, consulates and missions
        {first && last ? `, written ${first}–${last}` : ''}, filed under {props.tags.toLocaleString('en')}{' '}
        tags.
      </p>
      <h2>Browse</h2>
      <ul class="columns">
        <li>
          <a href={urls.origins()}>by origin (A–Z)</a>
        </li>
        <li>
          <a href={urls.years()}>by date written</a>
        </li>
        <li>
          <a href={urls.releases()}>by release date</a>
        </li>
        <li>
          <a href={urls.classifications()}>by classification</a>
        </li>
        <li>
          <a href={urls.tags()}>by tag</a>
        </li>
        <li>
          <a href={urls.cables()}>all cables</a>
        </li>
      </ul>
      <h2>Latest releases</h2>
      {props.latest.length === 0 ? (
        <p>The archive is empty. Import cables with `cabledesk import`.</p>
      ) : (
        <CableTable items={props.latest} />
      )}
      <p>
        <a href={`${urls.cables()}?sort=-released`}>All cables by release date</a> ·{' '}
        <a href={urls.feedNew()}>Atom feed of new cables</a>
      </p>
    </Layout>
  );
}

export function OriginsPage(props: { origins: CountRow[] }) {
  const byLetter = new Map<string, CountRow[]>();
  for (const o of props.origins) {
    const name = o.value.replace(
      /^(Embassy|Consulate|Mission|US Mission|USEU|US Office|American Institute)\s+/i,
      '',
    );
    const letter = (name[0] ?? '#').toUpperCase();
    byLetter.set(letter, [...(byLetter.get(letter) ?? []), o]);
  }
  const letters = [...byLetter.keys()].sort();
  return (
    <Layout title="Cables by origin">
      <h1>Cables by origin</h1>
      <p>
        {props.origins.length} origins, sorted by place name (“Embassy”, “Consulate” and the like are left out
        of the order).
      </p>
      <nav aria-label="Letters">
        <ul class="share">
          {letters.map((l) => (
            <li>
              <a href={`#letter-${l}`}>{l}</a>
            </li>
          ))}
        </ul>
      </nav>
      {letters.map((l) => (
        <section aria-labelledby={`letter-${l}`}>
          <h2 id={`letter-${l}`}>{l}</h2>
          <ul class="columns">
            {byLetter
              .get(l)!
              .sort((a, b) => a.value.localeCompare(b.value))
              .map((o) => (
                <li>
                  <a href={urls.origin(o.value)}>{o.value}</a> ({o.count})
                </li>
              ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function YearsPage(props: { years: CountRow[] }) {
  return (
    <Layout title="Cables by date written">
      <h1>Cables by date written</h1>
      <ul class="columns">
        {props.years.map((y) => (
          <li>
            <a href={urls.year(y.value)}>{y.value}</a> ({y.count})
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function MonthsNav(props: { year: string; months: CountRow[] }) {
  return (
    <nav aria-label={`Months of ${props.year}`}>
      <ul class="share">
        {props.months.map((m) => (
          <li>
            <a href={urls.month(m.value)}>{monthName(Number(m.value.slice(5, 7)))}</a> ({m.count})
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ReleasesPage(props: { days: CountRow[] }) {
  const byMonth = new Map<string, CountRow[]>();
  for (const d of props.days)
    byMonth.set(d.value.slice(0, 7), [...(byMonth.get(d.value.slice(0, 7)) ?? []), d]);
  const months = [...byMonth.keys()].sort().reverse();
  return (
    <Layout title="Cables by release date">
      <h1>Cables by release date</h1>
      <p>The cables were released in batches from 28 November 2010 to 30 August 2011.</p>
      {months.map((m) => (
        <section aria-labelledby={`rel-${m}`}>
          <h2 id={`rel-${m}`}>{longDate(m)}</h2>
          <ul class="columns">
            {byMonth.get(m)!.map((d) => (
              <li>
                <a href={urls.releaseDay(d.value)}>{longDate(d.value)}</a> ({d.count})
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function ClassificationsPage(props: { classifications: CountRow[] }) {
  return (
    <Layout title="Cables by classification">
      <h1>Cables by classification</h1>
      <ul>
        {props.classifications.map((c) => (
          <li>
            <a href={urls.classification(c.value)}>{c.value}</a> ({c.count}):{' '}
            {c.value
              .split('//')
              .map((p) => MARKINGS.get(p))
              .filter(Boolean)
              .join('; ')}
          </li>
        ))}
      </ul>
      <p>
        <a href={urls.aboutClassification()}>What the markings and classification reasons mean</a>
      </p>
    </Layout>
  );
}

export function TagsPage(props: { tags: CountRow[] }) {
  return (
    <Layout title="Cables by tag">
      <h1>Cables by tag</h1>
      <p>{props.tags.length} tags. TAGS are the filing codes written at the head of each cable.</p>
      <ul class="columns">
        {props.tags.map((t) => {
          const e = explainTag(t.value);
          return (
            <li>
              <a href={urls.tag(t.value)}>{t.value}</a> ({t.count}){e.meaning ? `: ${e.meaning}` : ''}
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}

export function TagIntro(props: { tag: string }) {
  const e = explainTag(props.tag);
  return (
    <p>
      {e.meaning
        ? `${props.tag}: ${e.meaning} (${TAG_KIND_NAMES[e.kind]}).`
        : `${props.tag} has no glossary entry.`}
    </p>
  );
}

export function AboutClassificationPage() {
  return (
    <Layout title="Classification reasons and markings">
      <h1>Classification reasons and markings</h1>
      <p>
        Each classified cable says who classified it, under which executive order, for which reasons and until
        when. Most cables of the release were classified under Executive Order 12958 (1995), amended by E.O.
        13292 in 2003 and replaced by E.O. 13526 at the end of 2009.
      </p>
      <h2>Reasons</h2>
      <p>
        A reason is a section and a letter: <code>1.4(b)</code>. Section 1.4 lists the categories of
        information that may be classified; in E.O. 12958 as first issued the same list was section 1.5, so
        cables from before 2003 often cite <code>1.5(b)</code> and the like. The letters mean:
      </p>
      <dl class="glossary">
        {[...REASON_LETTERS].map(([letter, meaning]) => (
          <>
            <dt>({letter})</dt>
            <dd>{meaning}</dd>
          </>
        ))}
      </dl>
      <h2>Classification levels and caveats</h2>
      <dl class="glossary">
        {[...MARKINGS].map(([marking, meaning]) => (
          <>
            <dt>{marking}</dt>
            <dd>{meaning}</dd>
          </>
        ))}
      </dl>
      <h2>Portion markings</h2>
      <p>
        Paragraphs start with a marking in parentheses, shown on cable pages as a badge: the classification of
        that paragraph alone.
      </p>
      <dl class="glossary">
        {[...PORTION_MARKINGS.keys()].map((m) => (
          <>
            <dt>({m})</dt>
            <dd>{explainPortion(m)}</dd>
          </>
        ))}
      </dl>
      <h2>Declassification date</h2>
      <p>
        The <code>DECL:</code> line gives the date on which the cable was due to be declassified. That date
        passing does not by itself publish a cable; cable pages say whether it has passed.
      </p>
    </Layout>
  );
}
