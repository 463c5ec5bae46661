/**
 * The linkbacks' own pages: the status page of a received webmention (its Location), and the
 * moderators' queue of mentions (approve, spam, trash one by one or in bulk, block the source
 * host) with the list of blocked hosts. Everything from a source is plain text, escaped by JSX.
 */
import type { Mention, MentionStatus } from '../../linkback/mentions.ts';
import { urls } from '../urls.ts';
import { CsrfField, dateText, discussionUrls } from './discussion-section.tsx';
import { Layout } from './layout.tsx';
import { linkbackUrls, MentionSummary } from './linkback-section.tsx';
import { ModerationForm, ModerationNotice, QueueNav } from './moderation-queue.tsx';

const STATUS_TEXT: Record<MentionStatus, string> = {
  verifying: 'received; its source has not been checked yet.',
  pending: 'verified; it waits for a moderator and will be shown once approved.',
  approved: 'verified and shown on the cable page.',
  spam: 'not shown.',
  trash: 'not shown.',
};

export function WebmentionStatusPage(props: { mention: Mention | null }) {
  const m = props.mention;
  return (
    <Layout title="Webmention status" noindex>
      <h1>Webmention status</h1>
      {m ? (
        <dl class="glossary">
          <dt>Source</dt>
          <dd>{m.source}</dd>
          <dt>Target</dt>
          <dd>
            <a href={`${urls.cable(m.refId)}${m.paragraph !== null ? `#par${m.paragraph}` : ''}`}>
              {m.refId}
              {m.paragraph !== null ? ` ¶${m.paragraph}` : ''}
            </a>
          </dd>
          <dt>Received</dt>
          <dd>
            <time datetime={m.received}>{dateText(m.received)}</time>
          </dd>
          <dt>Status</dt>
          <dd
            id="mention-status"
            data-status={m.status === 'spam' || m.status === 'trash' ? 'hidden' : m.status}
          >
            {STATUS_TEXT[m.status]}
          </dd>
        </dl>
      ) : (
        <p>
          This mention is not recorded (any more): its source did not link to the cable, answered 410 Gone, or
          was removed.
        </p>
      )}
    </Layout>
  );
}

const QUEUES: MentionStatus[] = ['pending', 'verifying', 'spam', 'trash', 'approved'];

export function MentionModerationPage(props: {
  status: MentionStatus;
  mentions: Mention[];
  blocked: { host: string; created: string }[];
  csrf: string;
  notice?: string | null;
}) {
  return (
    <Layout title="Moderation: mentions" noindex>
      <h1>Moderation: mentions {props.status}</h1>
      <QueueNav
        links={[
          { label: 'comments', href: discussionUrls.moderate() },
          ...QUEUES.map((s) => ({
            label: s,
            href: `${linkbackUrls.moderate()}?status=${s}`,
            current: s === props.status,
          })),
        ]}
      />
      <ModerationNotice notice={props.notice} />
      <ModerationForm
        noun="mention"
        action={linkbackUrls.moderate()}
        back={`${linkbackUrls.moderate()}?status=${props.status}`}
        csrf={props.csrf}
        items={props.mentions.map((m) => ({
          id: m.id,
          anchor: `mention-${m.id}`,
          about: (
            <>
              {' '}
              ({m.kind} from <strong>{m.sourceHost}</strong>
              {m.address ? `, sent from ${m.address}` : ''})
            </>
          ),
          // As readers would see it (the title links where the page's links will go), and the
          // source when that is somewhere else.
          content: (
            <div class="mentions">
              <MentionSummary mention={m} elsewhere />
              {m.url && m.url !== m.source ? (
                <p>
                  Source:{' '}
                  <a href={m.source} rel="nofollow ugc noopener">
                    {m.source}
                  </a>
                </p>
              ) : null}
            </div>
          ),
          extra: (
            <button type="submit" formaction={linkbackUrls.block(m.id)}>
              Block {m.sourceHost}
            </button>
          ),
        }))}
      />
      <h2>Blocked hosts</h2>
      <p>
        Linkbacks from these hosts and their subdomains are refused (besides those listed in
        CABLEDESK_LINKBACK_BLOCKLIST).
      </p>
      {props.blocked.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {props.blocked.map((b) => (
            <li>
              <form method="post" action={linkbackUrls.unblock()} class="inline">
                <CsrfField token={props.csrf} />
                {b.host} (since {dateText(b.created)}){' '}
                <button type="submit" name="host" value={b.host}>
                  Unblock
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
