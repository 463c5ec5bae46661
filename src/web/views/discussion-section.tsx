/**
 * The comments part of a cable page: the threads (replies nested up to the bounded depth, each
 * with its locally drawn avatar, its paragraph and its rendered Markdown), buttons for the
 * author's and moderators' actions, and the comment form (guests give a name and an e-mail address
 * that is never shown). Rendered per request and put into the cached cable page at its marker.
 * Also the comment form alone, for the page that answers a refused comment.
 */

import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { avatarKey, identiconDataUrl } from '../../discuss/avatar.ts';
import type { Account, Comment } from '../../discuss/types.ts';
import { isModerator } from '../../discuss/types.ts';
import { urls } from '../urls.ts';

/** Where the cable page leaves room for the discussion (filled per request by the routes). */
export function discussionMarker(refId: string) {
  return raw(`<!--cabledesk:discussion ${refId.replace(/[^A-Za-z0-9._-]/g, '')}-->`);
}

export const discussionUrls = {
  post: (refId: string) => `/cable/${encodeURIComponent(refId)}/comments`,
  reply: (refId: string, id: number) => `${urls.cable(refId)}?reply=${id}#comment-form`,
  comment: (refId: string, id: number) => `${urls.cable(refId)}#comment-${id}`,
  edit: (id: number) => `/comments/${id}/edit`,
  remove: (id: number) => `/comments/${id}/delete`,
  moderate: () => '/moderation',
  ban: (id: number) => `/moderation/ban/${id}`,
  recent: () => '/comments',
  feed: () => '/feeds/comments.atom',
  cableFeed: (refId: string) => `/feeds/comments/${encodeURIComponent(refId)}.atom`,
  login: () => '/account/login',
  signup: () => '/account/signup',
  account: () => '/account',
};

export function Avatar(props: { comment: Comment }) {
  const c = props.comment;
  return (
    <img
      class="avatar"
      src={identiconDataUrl(avatarKey(c.accountId, c.authorEmail))}
      width="40"
      height="40"
      alt=""
    />
  );
}

export function dateText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export interface SectionProps {
  refId: string;
  comments: Comment[];
  viewer: Account | null;
  csrf: string;
  now: Date;
  editWindowMs: number;
  replyTo?: Comment | null;
  paragraph?: number | null;
  notice?: string | null;
}

function CommentItem(props: { comment: Comment; children: Child; section: SectionProps }) {
  const c = props.comment;
  const { viewer, csrf, refId } = props.section;
  const own = viewer !== null && c.accountId === viewer.id;
  const moderator = isModerator(viewer);
  const canEdit =
    moderator || (own && props.section.now.getTime() - Date.parse(c.created) < props.section.editWindowMs);
  if (c.status === 'deleted') {
    return (
      <li id={`comment-${c.id}`} class="comment deleted">
        <p>
          <em>This comment was deleted.</em>
        </p>
        {props.children}
      </li>
    );
  }
  return (
    <li id={`comment-${c.id}`} class="comment">
      <article aria-label={`Comment by ${c.authorName}`}>
        <header>
          <Avatar comment={c} /> <strong>{c.authorName}</strong>{' '}
          <a href={discussionUrls.comment(refId, c.id)}>
            <time datetime={c.created}>{dateText(c.created)}</time>
          </a>
          {c.paragraph !== null ? (
            <>
              {' '}
              on <a href={`#par${c.paragraph}`}>¶{c.paragraph}</a>
            </>
          ) : null}
          {c.edited ? ' (edited)' : null}
          {c.status !== 'approved' ? <strong class="badge"> {c.status}</strong> : null}
        </header>
        <div class="comment-body">{raw(c.html)}</div>
        <p class="comment-actions">
          {c.status === 'approved' ? <a href={discussionUrls.reply(refId, c.id)}>Reply</a> : null}
          {canEdit ? (
            <>
              {' '}
              <a href={discussionUrls.edit(c.id)}>Edit</a>
            </>
          ) : null}
          {own || moderator ? (
            <form method="post" action={discussionUrls.remove(c.id)} class="inline">
              <CsrfField token={csrf} />
              <button type="submit">Delete</button>
            </form>
          ) : null}
          {moderator && c.status !== 'approved' ? (
            <form method="post" action={discussionUrls.moderate()} class="inline">
              <CsrfField token={csrf} />
              <input type="hidden" name="ids" value={String(c.id)} />
              <input type="hidden" name="back" value={urls.cable(refId)} />
              <button type="submit" name="action" value="approve">
                Approve
              </button>
            </form>
          ) : null}
        </p>
      </article>
      {props.children}
    </li>
  );
}

function Thread(props: {
  parentId: number | null;
  byParent: Map<number | null, Comment[]>;
  section: SectionProps;
}) {
  const list = props.byParent.get(props.parentId) ?? [];
  if (list.length === 0) return null;
  return (
    <ol class="comments">
      {list.map((c) => (
        <CommentItem comment={c} section={props.section}>
          <Thread parentId={c.id} byParent={props.byParent} section={props.section} />
        </CommentItem>
      ))}
    </ol>
  );
}

export interface FormProps {
  refId: string;
  viewer: Account | null;
  csrf: string;
  replyTo?: Comment | null;
  paragraph?: number | null;
  values?: { body?: string; name?: string; email?: string };
}

export function CommentForm(props: FormProps) {
  const v = props.values ?? {};
  return (
    <form method="post" action={discussionUrls.post(props.refId)} id="comment-form" class="comment-form">
      <h3>{props.replyTo ? `Reply to ${props.replyTo.authorName}` : 'Leave a comment'}</h3>
      <CsrfField token={props.csrf} />
      {props.replyTo ? <input type="hidden" name="parentId" value={String(props.replyTo.id)} /> : null}
      {props.viewer ? (
        <p>
          Commenting as <strong>{props.viewer.name}</strong> (<a href={discussionUrls.account()}>account</a>).
        </p>
      ) : (
        <>
          <p>
            Fill in your details below or <a href={discussionUrls.login()}>log in</a>. Your e-mail address is
            never shown.
          </p>
          <p>
            <label for="comment-name">Name</label>
            <br />
            <input
              id="comment-name"
              name="name"
              required
              maxlength={80}
              autocomplete="name"
              value={v.name ?? ''}
            />
          </p>
          <p>
            <label for="comment-email">E-mail (never shown)</label>
            <br />
            <input
              id="comment-email"
              name="email"
              type="email"
              required
              maxlength={254}
              autocomplete="email"
              value={v.email ?? ''}
            />
          </p>
        </>
      )}
      <div class="visually-hidden" aria-hidden="true">
        <label for="comment-website">Leave this field empty</label>
        <input id="comment-website" name="website" tabindex={-1} autocomplete="off" value="" />
      </div>
      {props.replyTo ? null : (
        <p>
          <label for="comment-paragraph">On paragraph (optional, its number)</label>
          <br />
          <input
            id="comment-paragraph"
            name="paragraph"
            inputmode="numeric"
            pattern="[0-9]*"
            size={4}
            value={props.paragraph ? String(props.paragraph) : ''}
          />
        </p>
      )}
      <p>
        <label for="comment-body">Comment (Markdown)</label>
        <br />
        <textarea id="comment-body" name="body" required rows={6} maxlength={10000}>
          {v.body ?? ''}
        </textarea>
      </p>
      <p>
        <button type="submit">Post comment</button>
      </p>
      <p class="hint">
        First comments and comments with more than two links wait for a moderator. Links get{' '}
        <code>rel="nofollow ugc"</code>.
      </p>
    </form>
  );
}

export function DiscussionSection(props: SectionProps) {
  const byParent = new Map<number | null, Comment[]>();
  const ids = new Set(props.comments.map((c) => c.id));
  for (const c of props.comments) {
    // A reply whose parent is hidden from this viewer is shown at the top level.
    const key = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), c]);
  }
  const approved = props.comments.filter((c) => c.status === 'approved').length;
  return (
    <section aria-labelledby="comments-heading" id="comments">
      <h2 id="comments-heading">Comments ({approved})</h2>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.comments.length === 0 ? <p>No comments yet.</p> : null}
      <Thread parentId={null} byParent={byParent} section={props} />
      <CommentForm
        refId={props.refId}
        viewer={props.viewer}
        csrf={props.csrf}
        replyTo={props.replyTo ?? null}
        paragraph={props.paragraph ?? null}
      />
      <p>
        <a href={discussionUrls.cableFeed(props.refId)}>Atom feed of the comments on this cable</a> ·{' '}
        <a href={discussionUrls.recent()}>Recent comments on the site</a>
      </p>
    </section>
  );
}
