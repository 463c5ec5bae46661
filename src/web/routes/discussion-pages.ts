/**
 * The discussion through plain HTML forms (no JavaScript needed): the comments part of every
 * cable page (rendered per request and put into the cached page at its marker, so new comments
 * and the viewer's own buttons show at once), posting, editing and deleting comments, the recent
 * comments page, the moderation queue and audit log, and the Atom feeds of comments. Every form
 * carries the form token; the cross-site check in app.ts covers every POST as well.
 */
import type { Context, Hono } from 'hono';
import { type Discussion, EDIT_WINDOW_MS } from '../../discuss/discussion.ts';
import { DiscussionError } from '../../discuss/errors.ts';
import { plainText } from '../../discuss/markdown.ts';
import { COMMENT_STATUSES } from '../../discuss/types.ts';
import { atomXml } from '../atom.ts';
import type { WebContext } from '../context.ts';
import { etagOf } from '../page-cache.ts';
import { baseUrl } from '../respond.ts';
import { urls } from '../urls.ts';
import {
  AuditLogPage,
  CommentRefusedPage,
  EditCommentPage,
  ModerationPage,
  RecentCommentsPage,
} from '../views/discussion-pages.tsx';
import { DiscussionSection, discussionUrls } from '../views/discussion-section.tsx';
import { render } from '../views/layout.tsx';
import {
  checkFormToken,
  clientAddress,
  currentAccount,
  formToken,
  readForm,
  sessionToken,
} from './discussion-http.ts';
import { formErrors, messagePage, optionalIdOrNull, privatePage, redirect } from './form-pages.ts';
import { moderatorPost, registerModerationQueue, requireModerator } from './moderation-forms.ts';

const MARKER = /<!--cabledesk:discussion ([A-Za-z0-9._-]+)-->/;

/**
 * How long a guest's view of a cable's comments is reused at most. Changes made through this server
 * show at once (the discussion's generation), changes made on any other server as soon as the page
 * cache sees the database's `discussion` change counter move (within its check interval, 1 s).
 */
const SECTION_TTL_MS = 2000;
const MAX_CACHED_PAGES = 1000;
const SECTION_PARAMS = ['reply', 'paragraph', 'held', 'posted'];

interface FinishedPage {
  /** No discussion marker: the page is passed on as it is. */
  plain?: true;
  bytes?: Buffer;
  headers?: Record<string, string>;
  etag?: string;
  builtAt: number;
  /** This server's discussion generation and the database's change counter when it was built. */
  generation: string;
}

/**
 * Puts the live comments section into cable pages (the page itself stays in the page cache). A
 * guest's page (no session, no reply/paragraph/notice parameter) is kept per cached page ETag for a moment, so a popular
 * page costs no query and no re-encoding; logged-in readers get theirs built per request.
 */
export function registerDiscussionSection(app: Hono, ctx: WebContext, discussion: Discussion): void {
  const finished = new Map<string, FinishedPage>();

  app.use('/cable/*', async (c, next) => {
    await next();
    if (
      c.req.method !== 'GET' ||
      c.res.status !== 200 ||
      !c.res.headers.get('content-type')?.startsWith('text/html')
    ) {
      return;
    }
    const innerEtag = c.res.headers.get('etag');
    // The section differs only by viewer and by these; other parameters (e.g. `hl`) change the
    // cached page itself, and so its ETag.
    const guest =
      sessionToken(c) === undefined && SECTION_PARAMS.every((name) => c.req.query(name) === undefined);
    const key = innerEtag && guest ? innerEtag : null;
    const now = Date.now();
    const generation = `${discussion.generation}:${await ctx.cache.counter('discussion')}`;
    const hit = key ? finished.get(key) : undefined;
    if (hit && (hit.plain || (hit.generation === generation && now - hit.builtAt < SECTION_TTL_MS))) {
      if (hit.plain) return;
      c.res = undefined as never;
      c.res =
        c.req.header('if-none-match') === hit.etag
          ? new Response(null, { status: 304, headers: hit.headers! })
          : new Response(hit.bytes!, { status: 200, headers: hit.headers! });
      return;
    }
    const body = await c.res.text();
    const match = MARKER.exec(body);
    if (!match) {
      c.res = new Response(body, c.res);
      if (key) remember(key, { plain: true, builtAt: now, generation });
      return;
    }
    const refId = match[1]!;
    const viewer = await currentAccount(c, discussion);
    const comments = await discussion.cableComments(refId, viewer);
    const withReplies = new Set(comments.map((x) => x.parentId));
    const shown = comments.filter((x) => x.status !== 'deleted' || withReplies.has(x.id));
    const replyId = optionalIdOrNull(c.req.query('reply'));
    const replyTo =
      replyId !== null ? (shown.find((x) => x.id === replyId && x.status === 'approved') ?? null) : null;
    const notice =
      c.req.query('held') !== undefined
        ? 'Thank you: your comment waits for a moderator and will appear once approved.'
        : c.req.query('posted') !== undefined
          ? 'Your comment is published.'
          : null;
    const section = await DiscussionSection({
      refId,
      comments: shown,
      viewer,
      csrf: formToken(c),
      now: ctx.now(),
      editWindowMs: EDIT_WINDOW_MS,
      replyTo,
      paragraph: optionalIdOrNull(c.req.query('paragraph')),
      notice,
    }).toString();
    const full = body.replace(MARKER, () => section);
    const etag = etagOf(full);
    const headers: Record<string, string> = {};
    c.res.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'set-cookie') headers[name] = value;
    });
    headers['etag'] = etag;
    headers['cache-control'] = 'private, no-cache';
    headers['vary'] = 'Cookie';
    const bytes = Buffer.from(full, 'utf8');
    if (key) remember(key, { bytes, headers, etag, builtAt: now, generation });
    c.res = undefined as never;
    c.res =
      c.req.header('if-none-match') === etag
        ? new Response(null, { status: 304, headers })
        : new Response(bytes, { status: 200, headers });
  });

  function remember(key: string, page: FinishedPage): void {
    finished.delete(key);
    finished.set(key, page);
    while (finished.size > MAX_CACHED_PAGES) finished.delete(finished.keys().next().value!);
  }
}

export function registerDiscussionPages(app: Hono, ctx: WebContext, discussion: Discussion): void {
  app.post('/cable/:id/comments', async (c) => {
    const refId = c.req.param('id');
    const viewer = await currentAccount(c, discussion);
    const csrf = formToken(c);
    let fields: Record<string, string> = {};
    try {
      ({ fields } = await readForm(c));
      checkFormToken(c, fields);
      const result = await discussion.post(
        {
          refId,
          body: fields['body'],
          paragraph: fields['paragraph'],
          parentId: fields['parentId'],
          name: fields['name'],
          email: fields['email'],
          honeypot: fields['website'],
        },
        viewer,
        clientAddress(c),
      );
      return redirect(
        c,
        result.status === 'approved'
          ? `${urls.cable(refId)}?posted=${result.id}#comment-${result.id}`
          : `${urls.cable(refId)}?held=1#comments`,
      );
    } catch (error) {
      if (!(error instanceof DiscussionError)) throw error;
      const parentId = optionalIdOrNull(fields['parentId']);
      const replyTo = parentId !== null ? await discussion.getComment(parentId) : null;
      if (error.retryAfter) c.header('Retry-After', String(error.retryAfter));
      return privatePage(
        c,
        await render(
          CommentRefusedPage({
            refId,
            viewer,
            csrf,
            replyTo: replyTo?.refId === refId ? replyTo : null,
            paragraph: optionalIdOrNull(fields['paragraph']),
            values: { body: fields['body'] ?? '', name: fields['name'] ?? '', email: fields['email'] ?? '' },
            message: error.message,
          }),
        ),
        error.status,
      );
    }
  });

  app.get('/comments/:id/edit', (c) =>
    formErrors(c, async () => {
      const viewer = await currentAccount(c, discussion);
      const comment = await discussion.getComment(optionalIdOrNull(c.req.param('id')) ?? 0);
      if (!comment || comment.status === 'deleted')
        throw new DiscussionError(404, 'There is no such comment.');
      if (!viewer) return redirect(c, `${discussionUrls.login()}?next=${encodeURIComponent(c.req.path)}`);
      return privatePage(c, await render(EditCommentPage({ comment, csrf: formToken(c) })));
    }),
  );

  app.post('/comments/:id/edit', (c) =>
    formErrors(c, async () => {
      const { fields } = await readForm(c);
      checkFormToken(c, fields);
      const id = optionalIdOrNull(c.req.param('id')) ?? 0;
      const viewer = await currentAccount(c, discussion);
      try {
        const comment = await discussion.edit(id, viewer, fields['body']);
        return redirect(c, discussionUrls.comment(comment.refId, id));
      } catch (error) {
        const comment = await discussion.getComment(id);
        if (!(error instanceof DiscussionError) || error.status !== 400 || !comment) throw error;
        const body = await render(
          EditCommentPage({ comment, csrf: formToken(c), error: error.message, body: fields['body'] ?? '' }),
        );
        return privatePage(c, body, 400);
      }
    }),
  );

  app.post('/comments/:id/delete', (c) =>
    formErrors(c, async () => {
      const { fields } = await readForm(c);
      checkFormToken(c, fields);
      const comment = await discussion.remove(
        optionalIdOrNull(c.req.param('id')) ?? 0,
        await currentAccount(c, discussion),
      );
      return redirect(c, `${urls.cable(comment.refId)}#comments`);
    }),
  );

  app.get('/comments', async (c) => {
    const [comments, discussed] = await Promise.all([discussion.recent(50), discussion.mostDiscussed(20)]);
    return privatePage(c, await render(RecentCommentsPage({ comments, discussed })));
  });

  registerModerationQueue(app, discussion, {
    path: discussionUrls.moderate(),
    statuses: COMMENT_STATUSES,
    noun: 'comment',
    done: 'moved',
    page: async (c, status, notice) =>
      render(
        ModerationPage({ status, comments: await discussion.byStatus(status), csrf: formToken(c), notice }),
      ),
    moderate: (ids, action, moderator) => discussion.moderate(ids, action, moderator),
  });

  app.post('/moderation/ban/:id', (c) =>
    moderatorPost(c, discussion, async (_fields, _all, moderator) => {
      await discussion.banAuthor(optionalIdOrNull(c.req.param('id')) ?? 0, moderator);
      return `${discussionUrls.moderate()}?done=1`;
    }),
  );

  app.get('/moderation/log', (c) =>
    formErrors(c, async () => {
      const viewer = await requireModerator(c, discussion);
      return privatePage(c, await render(AuditLogPage({ entries: await discussion.auditLog(viewer) })));
    }),
  );

  async function feed(c: Context, refId: string | null): Promise<Response> {
    const base = baseUrl(c, ctx.publicUrl);
    const list = refId
      ? (await discussion.cableComments(refId, null))
          .filter((x) => x.status === 'approved')
          .reverse()
          .slice(0, 50)
      : await discussion.recent(50);
    const self = refId ? discussionUrls.cableFeed(refId) : discussionUrls.feed();
    const xml = atomXml({
      id: `${base}${self}`,
      title: refId ? `Comments on ${refId}` : 'Comments on cabledesk',
      self: `${base}${self}`,
      alternate: refId ? `${base}${urls.cable(refId)}#comments` : `${base}${discussionUrls.recent()}`,
      updated: list[0]?.edited ?? list[0]?.created ?? ctx.now().toISOString(),
      entries: list.map((x) => ({
        id: `${base}${discussionUrls.comment(x.refId, x.id)}`,
        title: `${x.authorName} on ${x.refId}${x.paragraph !== null ? ` ¶${x.paragraph}` : ''}`,
        url: `${base}${discussionUrls.comment(x.refId, x.id)}`,
        updated: x.edited ?? x.created,
        published: x.created,
        author: x.authorName,
        summary: plainText(x.html),
        categories: [],
      })),
    });
    return new Response(xml, {
      headers: {
        'Content-Type': 'application/atom+xml; charset=utf-8',
        'Cache-Control': 'public, max-age=60',
      },
    });
  }

  app.get('/feeds/comments.atom', (c) => feed(c, null));
  app.get('/feeds/comments/:file', (c) => {
    const file = /^([A-Za-z0-9._-]+)\.atom$/.exec(c.req.param('file'));
    if (!file) return messagePage(c, 'Not found', 'There is no feed at this address.', 404);
    return feed(c, file[1]!);
  });
}
