/**
 * The discussion's JSON API (spec/interfaces.md): accounts, the session, a cable's comments,
 * posting, editing and deleting one's own, and the moderators' queue. Errors are
 * `{ "error": code, "message": text }` with the HTTP status of the refusal (429 with Retry-After).
 */
import type { Context, Hono } from 'hono';
import type { Discussion } from '../../discuss/discussion.ts';
import { DiscussionError } from '../../discuss/errors.ts';
import { assertModerator } from '../../discuss/moderation.ts';
import { COMMENT_STATUSES, type Comment, type CommentStatus, isModerator } from '../../discuss/types.ts';
import { optionalId } from '../../discuss/validate.ts';
import {
  clearSessionCookie,
  clientAddress,
  currentAccount,
  readJson,
  sessionToken,
  setSessionCookie,
} from './discussion-http.ts';

const ERROR_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

const NO_STORE = { 'Cache-Control': 'no-store' };

/** Runs a handler and turns a DiscussionError into its JSON answer. */
export async function jsonErrors(c: Context, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (!(error instanceof DiscussionError)) throw error;
    return c.json({ error: ERROR_CODES[error.status], message: error.message }, error.status, {
      ...NO_STORE,
      ...(error.retryAfter ? { 'Retry-After': String(error.retryAfter) } : {}),
    });
  }
}

/** A comment as the API shows it; moderators also get its status and cable. */
export function commentJson(comment: Comment, moderator: boolean) {
  return {
    id: comment.id,
    parentId: comment.parentId,
    paragraph: comment.paragraph,
    author: { name: comment.authorName },
    html: comment.html,
    created: comment.created,
    ...(comment.edited ? { edited: comment.edited } : {}),
    ...(moderator ? { status: comment.status, refId: comment.refId } : {}),
  };
}

function accountJson(a: { id: number; email: string; name: string; role: string }) {
  return { id: a.id, email: a.email, name: a.name, role: a.role };
}

export function registerDiscussionApi(app: Hono, discussion: Discussion): void {
  app.post('/api/accounts', (c) =>
    jsonErrors(c, async () => {
      const body = await readJson(c);
      const account = await discussion.signUp(
        { email: body['email'], password: body['password'], name: body['name'] },
        clientAddress(c),
      );
      return c.json(accountJson(account), 201, NO_STORE);
    }),
  );

  /** Approved comments per cable: `?refId=A&refId=B` (at most 200) -> `{ "counts": { "A": 3 } }`. */
  app.get('/api/comments/counts', (c) =>
    jsonErrors(c, async () => {
      const ids = (c.req.queries('refId') ?? []).filter((id) => /^[A-Za-z0-9._-]{1,40}$/.test(id));
      if (ids.length > 200) throw new DiscussionError(400, 'At most 200 cables at a time.');
      const counts = await discussion.counts(ids);
      return c.json({ counts: Object.fromEntries(ids.map((id) => [id, counts.get(id) ?? 0])) }, 200, {
        'Cache-Control': 'public, max-age=30',
      });
    }),
  );

  app.get('/api/session', (c) =>
    jsonErrors(c, async () => {
      const account = await currentAccount(c, discussion);
      if (!account) throw new DiscussionError(401, 'Not logged in.');
      return c.json({ account: accountJson(account) }, 200, NO_STORE);
    }),
  );

  app.post('/api/session', (c) =>
    jsonErrors(c, async () => {
      const body = await readJson(c);
      const { account, token } = await discussion.logIn(
        { email: body['email'], password: body['password'] },
        clientAddress(c),
      );
      setSessionCookie(c, token);
      return c.json({ account: accountJson(account) }, 200, NO_STORE);
    }),
  );

  app.delete('/api/session', (c) =>
    jsonErrors(c, async () => {
      const token = sessionToken(c);
      if (token) await discussion.logOut(token);
      clearSessionCookie(c);
      return c.body(null, 204, NO_STORE);
    }),
  );

  app.get('/api/cables/:id/comments', (c) =>
    jsonErrors(c, async () => {
      const viewer = await currentAccount(c, discussion);
      const moderator = isModerator(viewer);
      const list = (await discussion.cableComments(c.req.param('id'), viewer)).filter(
        (x) => moderator || x.status === 'approved',
      );
      return c.json({ comments: list.map((x) => commentJson(x, moderator)) }, 200, NO_STORE);
    }),
  );

  app.post('/api/cables/:id/comments', (c) =>
    jsonErrors(c, async () => {
      const body = await readJson(c);
      const account = await currentAccount(c, discussion);
      const result = await discussion.post(
        {
          refId: c.req.param('id'),
          body: body['body'],
          paragraph: body['paragraph'],
          parentId: body['parentId'],
          name: body['name'],
          email: body['email'],
          honeypot: body['website'],
        },
        account,
        clientAddress(c),
      );
      return c.json(result, 201, NO_STORE);
    }),
  );

  app.patch('/api/comments/:id', (c) =>
    jsonErrors(c, async () => {
      const id = optionalId(c.req.param('id'), 'comment id');
      const body = await readJson(c);
      const account = await currentAccount(c, discussion);
      await discussion.edit(id ?? 0, account, body['body']);
      const updated = await discussion.getComment(id ?? 0);
      return c.json(commentJson(updated!, isModerator(account)), 200, NO_STORE);
    }),
  );

  app.delete('/api/comments/:id', (c) =>
    jsonErrors(c, async () => {
      const id = optionalId(c.req.param('id'), 'comment id') ?? 0;
      await discussion.remove(id, await currentAccount(c, discussion));
      return c.body(null, 204, NO_STORE);
    }),
  );

  app.get('/api/moderation/comments', (c) =>
    jsonErrors(c, async () => {
      assertModerator(await currentAccount(c, discussion));
      const status = (c.req.query('status') ?? 'pending') as CommentStatus;
      if (!COMMENT_STATUSES.includes(status)) throw new DiscussionError(400, 'Unknown status.');
      const list = await discussion.byStatus(status);
      return c.json({ comments: list.map((x) => commentJson(x, true)) }, 200, NO_STORE);
    }),
  );

  app.post('/api/moderation/comments/:id', (c) =>
    jsonErrors(c, async () => {
      const id = optionalId(c.req.param('id'), 'comment id') ?? 0;
      const body = await readJson(c);
      const account = await currentAccount(c, discussion);
      await discussion.moderate([id], body['action'], account);
      const comment = await discussion.getComment(id);
      return c.json({ id, status: comment!.status }, 200, NO_STORE);
    }),
  );
}
