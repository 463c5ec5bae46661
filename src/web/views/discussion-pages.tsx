/**
 * The discussion's own pages: recent comments across the site, the moderation queue (approve,
 * spam, trash one by one or in bulk, ban the author), the moderators' audit log, the edit form,
 * and the page that explains a refused comment with the form filled in again.
 */
import { raw } from 'hono/html';
import type { LogEntry } from '../../discuss/moderation-log.ts';
import type { Account, Comment, CommentStatus } from '../../discuss/types.ts';
import { urls } from '../urls.ts';
import {
  Avatar,
  CommentForm,
  CsrfField,
  dateText,
  discussionUrls,
  type FormProps,
} from './discussion-section.tsx';
import { Layout } from './layout.tsx';
import { ModerationForm, ModerationNotice, QueueNav } from './moderation-queue.tsx';

function CommentSummary(props: { comment: Comment }) {
  const c = props.comment;
  return (
    <>
      <p>
        <Avatar comment={c} /> <strong>{c.authorName}</strong> on{' '}
        <a href={discussionUrls.comment(c.refId, c.id)}>{c.refId}</a>
        {c.paragraph !== null ? ` ¶${c.paragraph}` : ''},{' '}
        <time datetime={c.created}>{dateText(c.created)}</time>
      </p>
      <div class="comment-body">{raw(c.html)}</div>
    </>
  );
}

export function RecentCommentsPage(props: {
  comments: Comment[];
  discussed: { refId: string; count: number }[];
}) {
  return (
    <Layout
      title="Recent comments"
      head={
        <link rel="alternate" type="application/atom+xml" title="Comments" href={discussionUrls.feed()} />
      }
    >
      <h1>Recent comments</h1>
      <p>
        <a href={discussionUrls.feed()}>Atom feed of all comments</a>
      </p>
      {props.comments.length === 0 ? <p>No comments yet.</p> : null}
      <ol class="comments">
        {props.comments.map((c) => (
          <li class="comment">
            <CommentSummary comment={c} />
          </li>
        ))}
      </ol>
      {props.discussed.length > 0 ? (
        <>
          <h2>Most discussed cables</h2>
          <ul>
            {props.discussed.map((d) => (
              <li>
                <a href={urls.cable(d.refId)}>{d.refId}</a>: {d.count}{' '}
                {d.count === 1 ? 'comment' : 'comments'}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

const QUEUES: CommentStatus[] = ['pending', 'spam', 'trash', 'approved'];

export function ModerationPage(props: {
  status: CommentStatus;
  comments: Comment[];
  csrf: string;
  notice?: string | null;
}) {
  return (
    <Layout title="Moderation" noindex>
      <h1>Moderation: {props.status}</h1>
      <QueueNav
        links={[
          ...QUEUES.map((s) => ({
            label: s,
            href: `${discussionUrls.moderate()}?status=${s}`,
            current: s === props.status,
          })),
          { label: 'audit log', href: '/moderation/log' },
          { label: 'mentions', href: '/moderation/mentions' },
        ]}
      />
      <ModerationNotice notice={props.notice} />
      <ModerationForm
        noun="comment"
        action={discussionUrls.moderate()}
        back={`${discussionUrls.moderate()}?status=${props.status}`}
        csrf={props.csrf}
        items={props.comments.map((c) => ({
          id: c.id,
          anchor: `comment-${c.id}`,
          about: (
            <>
              {c.authorEmail ? ` (${c.accountId === null ? 'guest' : 'account'} ${c.authorEmail}` : ' ('}
              {c.address ? `, from ${c.address})` : ')'}
            </>
          ),
          content: <CommentSummary comment={c} />,
          extra: (
            <button type="submit" formaction={discussionUrls.ban(c.id)}>
              Ban the author
            </button>
          ),
        }))}
      />
    </Layout>
  );
}

export function AuditLogPage(props: { entries: LogEntry[] }) {
  return (
    <Layout title="Moderation log" noindex>
      <h1>Moderation log</h1>
      <p>
        <a href={discussionUrls.moderate()}>Back to the queue</a>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Moderator</th>
            <th scope="col">Action</th>
            <th scope="col">On</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr>
              <td>{dateText(e.created)}</td>
              <td>{e.moderatorName ?? '(removed)'}</td>
              <td>{e.action}</td>
              <td>{e.target}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function EditCommentPage(props: {
  comment: Comment;
  csrf: string;
  error?: string | null;
  body?: string;
}) {
  const c = props.comment;
  return (
    <Layout title="Edit a comment" noindex>
      <h1>Edit your comment on {c.refId}</h1>
      {props.error ? (
        <p class="notice" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action={discussionUrls.edit(c.id)}>
        <CsrfField token={props.csrf} />
        <p>
          <label for="edit-body">Comment (Markdown)</label>
          <br />
          <textarea id="edit-body" name="body" required rows={8} maxlength={10000}>
            {props.body ?? c.body}
          </textarea>
        </p>
        <p>
          <button type="submit">Save</button> <a href={discussionUrls.comment(c.refId, c.id)}>Cancel</a>
        </p>
      </form>
    </Layout>
  );
}

export function CommentRefusedPage(props: FormProps & { message: string }) {
  return (
    <Layout title="Comment not posted" noindex>
      <h1>Your comment was not posted</h1>
      <p class="notice" role="alert">
        {props.message}
      </p>
      <p>
        <a href={urls.cable(props.refId)}>Back to {props.refId}</a>
      </p>
      <CommentForm {...props} />
    </Layout>
  );
}

export function MessagePage(props: { title: string; message: string; back?: string }) {
  return (
    <Layout title={props.title} noindex>
      <h1>{props.title}</h1>
      <p role="alert">{props.message}</p>
      {props.back ? (
        <p>
          <a href={props.back}>Go back</a>
        </p>
      ) : null}
    </Layout>
  );
}

export type { Account };
