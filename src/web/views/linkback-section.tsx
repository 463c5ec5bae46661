/**
 * The linkback parts of a cable page: the endpoints in <head> (`<link rel="webmention">` and
 * `<link rel="pingback">`), the "Mentions" section with the TrackBack URL and the TrackBack
 * autodiscovery RDF (inside an HTML comment, as the Six Apart specification has it), a marker
 * where the approved mentions go (filled per request by src/web/routes/linkback-pages.ts), and
 * the rendering of those mentions: the list under the cable and the note beside a paragraph.
 * Everything from a source is plain text, escaped here; its links carry rel="nofollow ugc".
 */
import { raw } from 'hono/html';
import type { Mention } from '../../linkback/mentions.ts';
import { urls } from '../urls.ts';
import { dateText } from './discussion-section.tsx';

export const linkbackUrls = {
  trackback: (refId: string) => `/trackback/${encodeURIComponent(refId)}`,
  webmention: () => '/webmention',
  xmlrpc: () => '/xmlrpc',
  webmentionStatus: (token: string) => `/webmention/${token}`,
  moderate: () => '/moderation/mentions',
  block: (id: number) => `/moderation/mentions/block/${id}`,
  unblock: () => '/moderation/mentions/unblock',
};

/** Where the cable page leaves room for its mentions. */
export function mentionsMarker(refId: string) {
  return raw(`<!--cabledesk:mentions ${refId.replace(/[^A-Za-z0-9._-]/g, '')}-->`);
}

export function LinkbackHead(props: { baseUrl: string }) {
  return (
    <>
      <link rel="webmention" href={`${props.baseUrl}${linkbackUrls.webmention()}`} />
      <link rel="pingback" href={`${props.baseUrl}${linkbackUrls.xmlrpc()}`} />
    </>
  );
}

/**
 * Text for an XML attribute inside an HTML comment. With `<` and `>` escaped nothing can end the
 * comment (HTML ends one only at `-->` or `--!>`), so hyphens stay as they are: TrackBack clients
 * match `dc:identifier` against the page address as written, hyphens in host names included.
 */
function rdfAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The TrackBack autodiscovery block (RDF in an HTML comment). */
export function trackbackRdf(pageUrl: string, title: string, pingUrl: string) {
  return raw(
    '<!--\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n' +
      '         xmlns:dc="http://purl.org/dc/elements/1.1/"\n' +
      '         xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/">\n' +
      `<rdf:Description rdf:about="${rdfAttribute(pageUrl)}"\n` +
      `    dc:identifier="${rdfAttribute(pageUrl)}"\n` +
      `    dc:title="${rdfAttribute(title)}"\n` +
      `    trackback:ping="${rdfAttribute(pingUrl)}" />\n` +
      '</rdf:RDF>\n-->',
  );
}

export function MentionsSection(props: { refId: string; title: string; url: string; baseUrl: string }) {
  const ping = `${props.baseUrl}${linkbackUrls.trackback(props.refId)}`;
  return (
    <section id="mentions" aria-labelledby="mentions-heading">
      <h2 id="mentions-heading">Mentions</h2>
      {mentionsMarker(props.refId)}
      <p>
        Post a comment or leave a trackback: <a href={linkbackUrls.trackback(props.refId)}>Trackback URL</a>{' '}
        <code id="trackback-url">{ping}</code>
      </p>
      <p>
        Pages that link here and send a Webmention or a Pingback are listed too, once a moderator has approved
        them.
      </p>
      {trackbackRdf(props.url, props.title, ping)}
    </section>
  );
}

function kindLabel(kind: Mention['kind']): string {
  return kind === 'trackback' ? 'TrackBack' : kind === 'pingback' ? 'Pingback' : 'Webmention';
}

/**
 * One mention as readers see it: the title linking to the entry (its u-url, else the source), the
 * author, what it points at, kind and date, the excerpt. On the cable page the paragraph is an
 * anchor on the page; elsewhere (`elsewhere`: the moderation queue) a link to the cable.
 */
export function MentionSummary(props: { mention: Mention; elsewhere?: boolean }) {
  const m = props.mention;
  const paragraph = m.paragraph !== null ? `¶${m.paragraph}` : '';
  return (
    <>
      <a href={m.url ?? m.source} rel="nofollow ugc noopener">
        {m.title ?? new URL(m.source).hostname}
      </a>
      {m.authorName ? (
        <>
          {' '}
          by{' '}
          {m.authorUrl ? (
            <a href={m.authorUrl} rel="nofollow ugc noopener">
              {m.authorName}
            </a>
          ) : (
            m.authorName
          )}
        </>
      ) : null}
      {props.elsewhere ? (
        <>
          {' '}
          on{' '}
          <a href={`${urls.cable(m.refId)}${m.paragraph !== null ? `#par${m.paragraph}` : '#mentions'}`}>
            {m.refId}
            {paragraph ? ` ${paragraph}` : ''}
          </a>
        </>
      ) : paragraph ? (
        <>
          {' '}
          on <a href={`#par${m.paragraph}`}>{paragraph}</a>
        </>
      ) : null}{' '}
      <span class="kind">
        ({kindLabel(m.kind)}, <time datetime={m.received}>{dateText(m.received)}</time>)
      </span>
      {m.excerpt ? <blockquote cite={m.source}>{m.excerpt}</blockquote> : null}
    </>
  );
}

/** The approved mentions under the cable (what replaces the marker). */
export function MentionList(props: { mentions: Mention[] }) {
  if (props.mentions.length === 0) return <p>No other site has mentioned this cable yet.</p>;
  return (
    <ol class="mentions">
      {props.mentions.map((m) => (
        <li id={`mention-${m.id}`} class="mention">
          <MentionSummary mention={m} />
        </li>
      ))}
    </ol>
  );
}

/** The note beside a paragraph that other pages point at. */
export function ParagraphMentions(props: { paragraph: number; mentions: Mention[] }) {
  return (
    <p class="par-mentions">
      ¶{props.paragraph} is mentioned by{' '}
      {props.mentions.map((m, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={`#mention-${m.id}`}>{m.title ?? new URL(m.source).hostname}</a>
        </>
      ))}
    </p>
  );
}
