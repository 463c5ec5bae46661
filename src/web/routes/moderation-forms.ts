/**
 * What the moderators' form routes share (the comments queue, the mentions queue): the moderator
 * of a request (401 / 403 otherwise), a moderator's form post (form token checked, then a 303),
 * and a whole queue: `GET path?status=…` (a guest is sent to log in first) and `POST path` acting
 * on the ticked items (`action` + `ids`) or on one (`one=ACTION:ID`), back to the queue with how
 * many changed.
 */
import type { Context, Hono } from 'hono';
import type { Discussion } from '../../discuss/discussion.ts';
import { DiscussionError } from '../../discuss/errors.ts';
import { type Account, isModerator } from '../../discuss/types.ts';
import { discussionUrls } from '../views/discussion-section.tsx';
import { checkFormToken, currentAccount, readForm } from './discussion-http.ts';
import { formErrors, optionalIdOrNull, privatePage, redirect, safeBack } from './form-pages.ts';

/** The logged-in moderator of this request. */
export async function requireModerator(c: Context, discussion: Discussion): Promise<Account> {
  const viewer = await currentAccount(c, discussion);
  if (!viewer) throw new DiscussionError(401, 'Please log in as a moderator.');
  if (!isModerator(viewer)) throw new DiscussionError(403, 'Moderators only.');
  return viewer;
}

/** A moderator's form post: the form token is checked, `act` answers where to go next (303). */
export function moderatorPost(
  c: Context,
  discussion: Discussion,
  act: (fields: Record<string, string>, all: URLSearchParams, moderator: Account) => Promise<string>,
): Promise<Response> {
  return formErrors(c, async () => {
    const { fields, all } = await readForm(c);
    checkFormToken(c, fields);
    const moderator = await requireModerator(c, discussion);
    return redirect(c, await act(fields, all, moderator));
  });
}

export interface ModerationQueue<S extends string> {
  /** `/moderation` */
  path: string;
  statuses: readonly S[];
  /** What the items are, singular (`comment`), and what an action did to them (`moved`). */
  noun: string;
  done: string;
  /** The queue page of one status, with the notice after an action. */
  page: (c: Context, status: S, notice: string | null) => Promise<string>;
  /** Applies approve / spam / trash; answers how many changed. */
  moderate: (ids: number[], action: string | undefined, moderator: Account) => Promise<number>;
}

export function registerModerationQueue<S extends string>(
  app: Hono,
  discussion: Discussion,
  queue: ModerationQueue<S>,
): void {
  app.get(queue.path, (c) =>
    formErrors(c, async () => {
      if (!(await currentAccount(c, discussion))) {
        return redirect(c, `${discussionUrls.login()}?next=${encodeURIComponent(queue.path)}`);
      }
      await requireModerator(c, discussion);
      const status = (c.req.query('status') ?? 'pending') as S;
      if (!queue.statuses.includes(status)) throw new DiscussionError(400, 'Unknown queue.');
      const done = c.req.query('done');
      const notice = done ? `${done} ${done === '1' ? queue.noun : `${queue.noun}s`} ${queue.done}.` : null;
      return privatePage(c, await queue.page(c, status, notice));
    }),
  );

  app.post(queue.path, (c) =>
    moderatorPost(c, discussion, async (fields, all, moderator) => {
      let action: string | undefined = fields['action'];
      let ids = all.getAll('ids').map((v) => optionalIdOrNull(v) ?? 0);
      const one = /^(approve|spam|trash):(\d{1,9})$/.exec(fields['one'] ?? '');
      if (one) {
        action = one[1];
        ids = [Number(one[2])];
      }
      if (ids.length === 0) throw new DiscussionError(400, `No ${queue.noun} was selected.`);
      const changed = await queue.moderate(ids, action, moderator);
      const back = safeBack(fields['back'], queue.path);
      return back.startsWith('/moderation')
        ? `${back}${back.includes('?') ? '&' : '?'}done=${changed}`
        : back;
    }),
  );
}
