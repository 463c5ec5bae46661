/**
 * The cable page: header table linking to browse pages, subject, summary, the reading text with a
 * `¶` anchor on every paragraph and portion markings as badges, then the TAGS glossary, the
 * classification panel, the decoded routing header, references and "cited by", other versions,
 * the "Discussing cables" guidance with share links, comments, mentions (linkbacks, with the
 * TrackBack URL and autodiscovery), citation exports, downloads and the raw text.
 * Everything a reader or a reference manager needs, in plain HTML that works without JavaScript.
 */

import { dtgToIso } from '../../cable/dtg.ts';
import type { CableRecord, Paragraph } from '../../cable/record.ts';
import type { CableVersion, Citation } from '../../store/store.ts';
import { cableTitle, citationFacts, formattedCitation, toBibtex, toCslJson, toRis } from '../citation.ts';
import { explainPortion, explainReason, MARKINGS } from '../data/classification-reasons.ts';
import { longDate, shortDateTime } from '../dates.ts';
import { explainTag, TAG_KIND_NAMES } from '../tag-glossary.ts';
import { urls } from '../urls.ts';
import { discussionMarker } from './discussion-section.tsx';
import { Layout, scriptJson } from './layout.tsx';
import { LinkbackHead, MentionsSection } from './linkback-section.tsx';
import { Highlighted } from './search-highlight.tsx';

export interface CablePageData {
  record: CableRecord;
  /** Absolute address of the site, without a trailing slash. */
  baseUrl: string;
  versions: CableVersion[];
  citedBy: Citation[];
  /** Which referenced cable ids are in the archive. */
  knownRefs: Set<string>;
  /** `YYYY-MM-DD` (UTC). */
  today: string;
  /** Words to mark in the text (arriving from search results: `?hl=`). */
  highlight?: string[];
}

/** Each paragraph's anchor: its number when it has one (first time), else the next free number. */
export function paragraphAnchors(paragraphs: Paragraph[]): string[] {
  const used = new Set<number>();
  let next = 1 + Math.max(0, ...paragraphs.map((p) => p.number ?? 0));
  return paragraphs.map((p) => {
    let n = p.number;
    if (n === null || used.has(n)) n = next++;
    used.add(n);
    return `par${n}`;
  });
}

function isUnclassifiedMarking(marking: string): boolean {
  return marking === 'U' || marking === 'SBU' || marking.startsWith('U/') || marking === 'FOUO';
}

function Marking(props: { marking: string }) {
  return (
    <abbr
      class={isUnclassifiedMarking(props.marking) ? 'badge u' : 'badge'}
      title={explainPortion(props.marking)}
    >
      {props.marking}
    </abbr>
  );
}

function excerpt(record: CableRecord, max = 240): string {
  const text =
    record.summary ?? record.paragraphs.find((p) => p.text.length > 40)?.text ?? record.subject ?? '';
  return text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : text;
}

function citationDate(iso: string): string {
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`;
}

function Head(props: { record: CableRecord; url: string; description: string }) {
  const r = props.record;
  const title = cableTitle(r);
  const shareTitle = r.subject ? `${r.refId}: ${r.subject}` : `${r.refId} from ${r.origin}`;
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Report',
    '@id': props.url,
    url: props.url,
    name: title,
    headline: title,
    identifier: r.refId,
    reportNumber: r.refId,
    genre: 'Diplomatic cable',
    inLanguage: 'en',
    isAccessibleForFree: true,
    author: { '@type': 'Organization', name: r.origin },
    ...(r.created ? { dateCreated: r.created } : {}),
    ...(r.released ? { datePublished: r.released } : {}),
    keywords: r.tags.join(', '),
    description: props.description,
    encodingFormat: 'text/html',
  };
  return (
    <>
      <link rel="canonical" href={props.url} />
      <link rel="alternate" type="application/json" href={urls.api(r.refId)} />
      <meta name="citation_title" content={title} />
      <meta name="citation_author" content={r.origin} />
      {r.created ? <meta name="citation_publication_date" content={citationDate(r.created)} /> : null}
      {r.created ? <meta name="citation_date" content={citationDate(r.created)} /> : null}
      {r.released ? <meta name="citation_online_date" content={citationDate(r.released)} /> : null}
      <meta name="citation_technical_report_number" content={r.refId} />
      <meta name="citation_technical_report_institution" content={r.origin} />
      <meta name="citation_publisher" content="United States Department of State" />
      <meta name="citation_language" content="en" />
      <meta name="citation_abstract_html_url" content={props.url} />
      {r.tags.map((t) => (
        <meta name="citation_keywords" content={t} />
      ))}
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content="cabledesk" />
      <meta property="og:title" content={shareTitle} />
      <meta property="og:description" content={props.description} />
      <meta property="og:url" content={props.url} />
      {r.released ? <meta property="article:published_time" content={r.released} /> : null}
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={shareTitle} />
      <meta name="twitter:description" content={props.description} />
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(jsonLd) }} />
    </>
  );
}

function HeaderTable(props: { record: CableRecord; url: string }) {
  const r = props.record;
  return (
    <div class="table-wrap">
      <table class="meta">
        <caption class="visually-hidden">Cable metadata</caption>
        <thead>
          <tr>
            <th scope="col">Reference ID</th>
            <th scope="col">Created</th>
            <th scope="col">Released</th>
            <th scope="col">Classification</th>
            <th scope="col">Origin</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <a href={urls.cable(r.refId)}>{r.refId}</a>
            </td>
            <td>
              {r.created ? (
                <a href={urls.month(r.created)}>
                  <time datetime={r.created}>{shortDateTime(r.created)}</time>
                </a>
              ) : (
                'unknown'
              )}
            </td>
            <td>
              {r.released ? (
                <a href={urls.releaseDay(r.released.slice(0, 10))}>
                  <time datetime={r.released}>{shortDateTime(r.released)}</time>
                </a>
              ) : (
                'unknown'
              )}
            </td>
            <td>
              <a href={urls.classification(r.classification)}>{r.classification}</a>
            </td>
            <td>
              <a href={urls.origin(r.origin)}>{r.origin}</a>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function ReadingText(props: { record: CableRecord; highlight?: string[] | undefined }) {
  const r = props.record;
  const anchors = paragraphAnchors(r.paragraphs);
  if (r.paragraphs.length === 0) {
    return (
      <section class="reading" aria-labelledby="text-heading">
        <h2 id="text-heading">Text</h2>
        <p class="notice">The text could not be split into paragraphs; here it is as published.</p>
        <pre>{r.raw.body}</pre>
      </section>
    );
  }
  return (
    <section class="reading" aria-labelledby="text-heading">
      <h2 id="text-heading">Text</h2>
      {r.paragraphs.map((p, i) => {
        const id = anchors[i]!;
        const label = p.number === null ? `this passage` : `paragraph ${p.number}`;
        return (
          <p id={id}>
            <a class="pilcrow" href={`#${id}`} title={`Link to ${label}`} aria-label={`Link to ${label}`}>
              ¶
            </a>
            {p.number !== null ? <span class="num">{p.number}.</span> : null}{' '}
            {p.marking ? (
              <>
                <Marking marking={p.marking} />{' '}
              </>
            ) : null}
            {props.highlight?.length ? <Highlighted text={p.text} words={props.highlight} /> : p.text}
          </p>
        );
      })}
      {r.signers.length > 0 ? <p class="signers">{r.signers.join(', ')}</p> : null}
    </section>
  );
}

function Tags(props: { tags: string[] }) {
  if (props.tags.length === 0) {
    return (
      <section aria-labelledby="tags-heading">
        <h2 id="tags-heading">Tags</h2>
        <p>This cable has no TAGS line.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="tags-heading">
      <h2 id="tags-heading">Tags</h2>
      <p>
        TAGS are the State Department's filing codes: subjects (four letters), countries (two letters) and
        organisations or names.
      </p>
      <dl class="glossary">
        {props.tags.map((tag) => {
          const t = explainTag(tag);
          return (
            <>
              <dt>
                <a href={urls.tag(tag)}>{tag}</a>
              </dt>
              <dd>
                {t.meaning ?? 'no glossary entry'} <span class="kind">({TAG_KIND_NAMES[t.kind]})</span>
              </dd>
            </>
          );
        })}
      </dl>
    </section>
  );
}

function ClassificationPanel(props: { record: CableRecord; today: string }) {
  const r = props.record;
  const parts = r.classification.split('//');
  const reasons = r.reasons.map(explainReason);
  const passed = r.declassifyOn !== null && r.declassifyOn <= props.today;
  return (
    <section aria-labelledby="classification-heading">
      <h2 id="classification-heading">Classification</h2>
      <dl class="glossary">
        <dt>Classification</dt>
        <dd>
          <a href={urls.classification(r.classification)}>{r.classification}</a>
          {parts.map((p) => {
            const meaning = MARKINGS.get(p);
            return meaning ? (
              <>
                <br />
                {p}: {meaning}
              </>
            ) : null;
          })}
        </dd>
        {r.caveats.length > 0 ? (
          <>
            <dt>Handling caveats</dt>
            <dd>
              {r.caveats.map((c) => (
                <>
                  {c}
                  {MARKINGS.get(c) ? `: ${MARKINGS.get(c)}` : ''}
                  <br />
                </>
              ))}
            </dd>
          </>
        ) : null}
        {r.classifiedBy ? (
          <>
            <dt>Classified by</dt>
            <dd>{r.classifiedBy.text}</dd>
          </>
        ) : null}
        {r.executiveOrder ? (
          <>
            <dt>Executive order</dt>
            <dd>E.O. {r.executiveOrder}</dd>
          </>
        ) : null}
        <dt>Reasons</dt>
        <dd>
          {reasons.length === 0 ? (
            'none given'
          ) : (
            <ul>
              {reasons.map((x) => (
                <li>
                  <strong>{x.code}</strong>
                  {x.meaning ? `: ${x.meaning}` : ''}
                  {x.section === '1.5'
                    ? ' (section 1.5 of E.O. 12958 as first issued; the 2003 amendment renumbered it 1.4)'
                    : ''}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Declassify on</dt>
        <dd>
          {r.declassifyOn ? (
            <>
              <time datetime={r.declassifyOn}>{longDate(r.declassifyOn)}</time>:{' '}
              {passed ? 'this date has passed.' : 'this date has not yet been reached.'}
            </>
          ) : (
            'no date given'
          )}
        </dd>
      </dl>
      <p>
        <a href={urls.aboutClassification()}>What the classification reasons and markings mean</a>
      </p>
    </section>
  );
}

/** Handling objectives of the message precedences (how fast the message is to be handled). */
const PRECEDENCE_MEANINGS: Record<string, string> = {
  FLASH: 'handle at once, ahead of all other messages',
  IMMEDIATE: 'handle as fast as possible, within about 30 minutes',
  PRIORITY: 'handle ahead of routine traffic, within a few hours',
  ROUTINE: 'handle in normal order',
};

function precedenceText(precedence: string | null): string | null {
  if (!precedence) return null;
  const meaning = PRECEDENCE_MEANINGS[precedence.replace(/^NIACT\s+/, '')];
  const niact = precedence.startsWith('NIACT') ? '; NIACT: night action, wake the responsible officer' : '';
  return meaning ? `${precedence} (${meaning}${niact})` : precedence;
}

function dtgText(dtg: string | null, created: string | null): string | null {
  if (!dtg) return null;
  const iso = dtgToIso(dtg, created);
  return iso
    ? `${dtg}: ${longDate(iso)}, ${iso.slice(11, 16)} UTC (day, hour, minute, zone Z, month, year)`
    : dtg;
}

function RoutingHeader(props: { record: CableRecord }) {
  const h = props.record.header;
  const rows: [string, string | null][] = [
    ['Precedence', precedenceText(h.precedence)],
    ['Date-time group', dtgText(h.dtg, props.record.created)],
    ['Transmission id', h.transmissionId],
    ['Sending station', h.station ? `${h.station}${h.stationName ? ` (${h.stationName})` : ''}` : null],
    ['Message serial', h.serial === null ? null : String(h.serial)],
    ['From', h.from],
  ];
  return (
    <details>
      <summary>Routing header, decoded</summary>
      <dl class="glossary">
        {rows
          .filter(([, v]) => v !== null)
          .map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
        {h.to.length > 0 ? (
          <>
            <dt>To</dt>
            <dd>
              <ul>
                {h.to.map((t) => (
                  <li>{t}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {h.info.length > 0 ? (
          <>
            <dt>Info</dt>
            <dd>
              <ul>
                {h.info.map((t) => (
                  <li>{t}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      {props.record.raw.header ? (
        <>
          <h3>As transmitted</h3>
          <pre>{props.record.raw.header}</pre>
        </>
      ) : (
        <p>The release has no routing header for this cable.</p>
      )}
    </details>
  );
}

function References(props: { record: CableRecord; knownRefs: Set<string>; citedBy: Citation[] }) {
  const r = props.record;
  const citing = [...new Set(props.citedBy.map((c) => c.fromRefId))];
  return (
    <section aria-labelledby="references-heading">
      <h2 id="references-heading">References</h2>
      {r.references.length === 0 ? (
        <p>This cable cites no other documents.</p>
      ) : (
        <ul>
          {r.references.map((ref) => (
            <li>
              {ref.label ? `${ref.label}. ` : ''}
              {ref.refId ? (
                <>
                  <a href={urls.cable(ref.refId)}>{ref.refId}</a>
                  {props.knownRefs.has(ref.refId) ? '' : ' (not in the archive)'}
                  {ref.text.replace(/\s+/g, '') !== ref.refId ? ` (written “${ref.text}”)` : ''}
                </>
              ) : (
                ref.text
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>Cited by</h3>
      {citing.length === 0 ? (
        <p>No cable in the archive cites this one.</p>
      ) : (
        <ul>
          {citing.map((id) => (
            <li>
              <a href={urls.cable(id)}>{id}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Versions(props: { refId: string; versions: CableVersion[] }) {
  const v = props.versions;
  if (v.length < 2) return null;
  const current = v.find((x) => x.current) ?? v[v.length - 1]!;
  const short = (x: CableVersion) => x.contentHash.slice(0, 12);
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">Other versions</h2>
      <p>The release served this cable in {v.length} different texts. The page shows the current one.</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Released</th>
              <th scope="col">Source</th>
              <th scope="col">Compare</th>
            </tr>
          </thead>
          <tbody>
            {v.map((x, i) => (
              <tr>
                <td>
                  {i + 1} <code>{short(x)}</code>
                  {x.current ? ' (current)' : ''}
                </td>
                <td>{shortDateTime(x.released) || 'unknown'}</td>
                <td>{x.sourceFormat}</td>
                <td>
                  {x.current ? (
                    ''
                  ) : (
                    <a href={urls.diff(props.refId, short(x), short(current))}>
                      word-level diff with the current
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="get" action={`${urls.cable(props.refId)}/diff`}>
        <label>
          Compare{' '}
          <select name="a">
            {v.map((x, i) => (
              <option value={short(x)} selected={i === 0}>
                version {i + 1}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          with{' '}
          <select name="b">
            {v.map((x, i) => (
              <option value={short(x)} selected={i === v.length - 1}>
                version {i + 1}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">Show the differences</button>
      </form>
    </section>
  );
}

function Discussing(props: { record: CableRecord; url: string }) {
  const r = props.record;
  const headline = r.subject ? `${r.refId}: ${r.subject}` : `${r.refId} from ${r.origin}`;
  const text = `${headline} #cablegate #${r.refId}`;
  const q = encodeURIComponent;
  const share: [string, string][] = [
    ['X', `https://x.com/intent/post?text=${q(text)}&url=${q(props.url)}`],
    ['Mastodon', `https://mastodon.social/share?text=${q(`${text} ${props.url}`)}`],
    ['Bluesky', `https://bsky.app/intent/compose?text=${q(`${text} ${props.url}`)}`],
    ['Reddit', `https://www.reddit.com/submit?url=${q(props.url)}&title=${q(headline)}`],
    ['E-mail', `mailto:?subject=${q(`Cable ${headline}`)}&body=${q(props.url)}`],
  ];
  return (
    <section aria-labelledby="discussing-heading">
      <h2 id="discussing-heading">Discussing cables</h2>
      <p>
        When you write about this cable, link to its permanent address (below). To point at one paragraph, use
        the link behind the <strong>¶</strong> sign in front of it: it ends in <code>#par</code> and the
        paragraph number, and opens the page with that paragraph highlighted. On social networks, mark your
        posts with the hashtags <strong>#cablegate</strong> and <strong>#{r.refId}</strong> so that others
        find the discussion.
      </p>
      <p>
        Permanent address: <code id="permalink">{props.url}</code>{' '}
        <button type="button" data-copy="permalink" data-what="Link" hidden>
          Copy link
        </button>
      </p>
      <p>
        Hashtags: <code id="hashtags">#cablegate #{r.refId}</code>
      </p>
      <h3>Share</h3>
      <ul class="share">
        {share.map(([name, href]) => (
          <li>
            <a href={href} rel="noopener noreferrer nofollow">
              {name}
            </a>
          </li>
        ))}
      </ul>
      <p>
        Mastodon links open mastodon.social; on another server use{' '}
        <code>https://YOUR-SERVER/share?text=…</code>.
      </p>
    </section>
  );
}

function Cite(props: { record: CableRecord; url: string; today: string }) {
  const r = props.record;
  const facts = citationFacts(r, props.url, props.today);
  const formats: [string, string, string, string][] = [
    ['bibtex', 'BibTeX', toBibtex(facts), urls.cableCitation(r.refId, 'bib')],
    ['ris', 'RIS', toRis(facts), urls.cableCitation(r.refId, 'ris')],
    [
      'csl',
      'CSL-JSON',
      `${JSON.stringify([toCslJson(facts)], null, 2)}\n`,
      urls.cableCitation(r.refId, 'csl.json'),
    ],
  ];
  return (
    <section aria-labelledby="cite-heading">
      <h2 id="cite-heading">Cite this cable</h2>
      <p id="citation-text">{formattedCitation(facts)}</p>
      <p>
        <button type="button" data-copy="citation-text" data-what="Citation" hidden>
          Copy citation
        </button>
      </p>
      {formats.map(([id, name, text, href]) => (
        <details>
          <summary>{name}</summary>
          <pre id={`cite-${id}`}>{text}</pre>
          <p>
            <a href={href} download>
              Download {name}
            </a>{' '}
            <button type="button" data-copy={`cite-${id}`} data-what={name} hidden>
              Copy {name}
            </button>
          </p>
        </details>
      ))}
    </section>
  );
}

function Downloads(props: { record: CableRecord }) {
  const r = props.record;
  return (
    <section aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">Downloads and raw text</h2>
      <ul>
        <li>
          <a href={urls.cableDownload(r.refId, 'txt')} download>
            Verbatim text (.txt)
          </a>
        </li>
        <li>
          <a href={urls.cableDownload(r.refId, 'json')} download>
            Parsed record (.json)
          </a>
        </li>
        <li>
          <a href={urls.api(r.refId)}>The record from the JSON API</a>
        </li>
      </ul>
      <details>
        <summary>Raw text, exactly as released</summary>
        {r.raw.header ? <pre>{r.raw.header}</pre> : null}
        <pre>{r.raw.body}</pre>
      </details>
    </section>
  );
}

export function CablePage(props: CablePageData) {
  const r = props.record;
  const url = `${props.baseUrl}${urls.cable(r.refId)}`;
  const title = r.subject ?? `${r.refId} (no subject line)`;
  const description = excerpt(r);
  return (
    <Layout
      title={r.subject ? `${r.refId}: ${r.subject}` : `${r.refId} from ${r.origin}`}
      description={description}
      head={
        <>
          <Head record={r} url={url} description={description} />
          <LinkbackHead baseUrl={props.baseUrl} />
        </>
      }
    >
      <article aria-labelledby="cable-title">
        <p>
          Cable <strong>{r.refId}</strong>
          {r.publishedRefId !== r.refId ? ` (published as ${r.publishedRefId})` : ''}
        </p>
        <h1 id="cable-title">{title}</h1>
        <HeaderTable record={r} url={url} />
        {r.tags.length > 0 ? (
          <p>
            Tags:{' '}
            {r.tags.map((t, i) => (
              <>
                {i > 0 ? ' ' : ''}
                <a href={urls.tag(t)} title={explainTag(t).meaning ?? undefined}>
                  {t}
                </a>
              </>
            ))}
          </p>
        ) : null}
        {r.partial ? (
          <p class="notice">This is a partial extract of the original cable, as the release published it.</p>
        ) : null}
        {r.summary ? (
          <section class="summary-box" aria-labelledby="summary-heading">
            <h2 id="summary-heading">Summary</h2>
            <p>{r.summary}</p>
          </section>
        ) : null}
        <nav aria-label="On this page">
          <ul class="share">
            <li>
              <a href="#text-heading">Text</a>
            </li>
            <li>
              <a href="#tags-heading">Tags</a>
            </li>
            <li>
              <a href="#classification-heading">Classification</a>
            </li>
            <li>
              <a href="#references-heading">References</a>
            </li>
            {props.versions.length > 1 ? (
              <li>
                <a href="#versions-heading">Versions</a>
              </li>
            ) : null}
            <li>
              <a href="#discussing-heading">Discuss and share</a>
            </li>
            <li>
              <a href="#comments-heading">Comments</a>
            </li>
            <li>
              <a href="#mentions-heading">Mentions</a>
            </li>
            <li>
              <a href="#cite-heading">Cite</a>
            </li>
            <li>
              <a href="#downloads-heading">Downloads</a>
            </li>
          </ul>
        </nav>
        <ReadingText record={r} highlight={props.highlight} />
        <RoutingHeader record={r} />
        <Tags tags={r.tags} />
        <ClassificationPanel record={r} today={props.today} />
        <References record={r} knownRefs={props.knownRefs} citedBy={props.citedBy} />
        <Versions refId={r.refId} versions={props.versions} />
        <Discussing record={r} url={url} />
        {discussionMarker(r.refId)}
        <MentionsSection refId={r.refId} title={cableTitle(r)} url={url} baseUrl={props.baseUrl} />
        <Cite record={r} url={url} today={props.today} />
        <Downloads record={r} />
        {r.warnings.length > 0 ? (
          <details>
            <summary>Notes from the parser</summary>
            <ul>
              {r.warnings.map((w) => (
                <li>{w}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </article>
    </Layout>
  );
}
