/**
 * A moderator's approve / spam / trash, written once for everything moderated (comments here,
 * mentions in src/linkback): who may act (401 without an account, 403 without the role), the
 * actions and the status each sets, and applying one to a list of ids, each change written to the
 * audit log as `KIND:ID`; naming a single id that does not exist is a 404.
 */
import type { SqlRunner } from '../store/sql-runner.ts';
import { DiscussionError } from './errors.ts';
import { logAction } from './moderation-log.ts';
import { type Account, isModerator } from './types.ts';

export type ModerationAction = 'approve' | 'spam' | 'trash';

/** The status an action gives (the same words for comments and mentions). */
export const ACTION_STATUS = { approve: 'approved', spam: 'spam', trash: 'trash' } as const;

export function isModerationAction(value: unknown): value is ModerationAction {
  return value === 'approve' || value === 'spam' || value === 'trash';
}

/** The account, when it may moderate. */
export function assertModerator(account: Account | null): Account {
  if (!account) throw new DiscussionError(401, 'Please log in.');
  if (!isModerator(account)) throw new DiscussionError(403, 'Moderators only.');
  return account;
}

/**
 * Applies `action` to each id through `setStatus` (false: no such item), logs each change and
 * calls `changed` after it. Answers how many changed.
 */
export async function moderateEach(
  db: SqlRunner,
  request: { ids: number[]; action: unknown; moderator: Account | null; now: () => Date },
  item: {
    /** For the log and the 404: `comment`, `mention`. */
    kind: string;
    setStatus: (id: number, status: (typeof ACTION_STATUS)[ModerationAction]) => Promise<boolean>;
    changed?: (id: number, action: ModerationAction) => Promise<void> | void;
  },
): Promise<number> {
  const who = assertModerator(request.moderator);
  const action = request.action;
  if (!isModerationAction(action)) throw new DiscussionError(400, 'The action is approve, spam or trash.');
  let changed = 0;
  for (const id of request.ids) {
    if (!(await item.setStatus(id, ACTION_STATUS[action]))) continue;
    changed++;
    await logAction(db, who.id, action, `${item.kind}:${id}`, request.now().toISOString());
    await item.changed?.(id, action);
  }
  if (changed === 0 && request.ids.length === 1) {
    throw new DiscussionError(404, `There is no such ${item.kind}.`);
  }
  return changed;
}
