/**
 * The discussion's commands, one object per app: accounts (sign up, log in with throttling, log
 * out, rename, password change), comments (post with moderation rules and rate limits, edit within
 * a window, delete one's own) and moderation (approve, spam, trash, ban, audit log). The routes
 * call these; the data access is in the sibling modules, written once for both databases.
 */
import type { SqlRunner } from '../store/sql-runner.ts';
import type { Store } from '../store/store.ts';
import * as accounts from './accounts.ts';
import * as comments from './comments.ts';
import { DiscussionError } from './errors.ts';
import { accountIdForIdentity, linkIdentity } from './identities.ts';
import { countLinks, renderMarkdown } from './markdown.ts';
import { assertModerator, moderateEach } from './moderation.ts';
import * as log from './moderation-log.ts';
import type { OidcClaims } from './oidc.ts';
import { DEFAULT_SCRYPT_LOG_N, dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { clearLimit, hit, type Limit, peek } from './rate-limit.ts';
import * as sessions from './sessions.ts';
import { sha256 } from './tokens.ts';
import { type Account, type Comment, type CommentStatus, isModerator, type Role } from './types.ts';
import { cleanBody, cleanEmail, cleanName, cleanPassword, optionalId } from './validate.ts';

export const MAX_DEPTH = 4;
/** Authors may edit their comment this long after posting. */
export const EDIT_WINDOW_MS = 15 * 60_000;
/** A comment with more links than this waits for a moderator. */
export const MAX_LINKS = 2;

export interface DiscussionLimits {
  loginPerAddress: Limit;
  loginFailuresPerEmail: Limit;
  signUpPerAddress: Limit;
  commentsPerAddress: Limit;
  commentsPerAccount: Limit;
}

export const DEFAULT_LIMITS: DiscussionLimits = {
  loginPerAddress: { max: 30, windowMs: 15 * 60_000 },
  loginFailuresPerEmail: { max: 5, windowMs: 15 * 60_000 },
  signUpPerAddress: { max: 10, windowMs: 60 * 60_000 },
  commentsPerAddress: { max: 10, windowMs: 10 * 60_000 },
  commentsPerAccount: { max: 10, windowMs: 10 * 60_000 },
};

export interface DiscussionOptions {
  now?: () => Date;
  /** scrypt cost (log2 N); tests lower it. */
  scryptLogN?: number;
  limits?: Partial<DiscussionLimits>;
  /** Told about every comment that becomes public (posted approved, or approved by a moderator). */
  onPublished?: (comment: Comment) => Promise<unknown> | unknown;
}

export interface CommentInput {
  refId: string;
  body: unknown;
  paragraph?: unknown;
  parentId?: unknown;
  name?: unknown;
  email?: unknown;
  /** The honeypot field: people leave it empty. */
  honeypot?: unknown;
}

export class Discussion {
  readonly db: SqlRunner;
  readonly now: () => Date;
  private readonly logN: number;
  readonly limits: DiscussionLimits;
  /** Bumped on every change to comments made through this object (page caches compare it). */
  generation = 0;
  private readonly onPublished: DiscussionOptions['onPublished'] | null;

  constructor(
    readonly store: Store,
    options: DiscussionOptions = {},
  ) {
    this.db = store.runner;
    this.now = options.now ?? (() => new Date());
    this.logN = options.scryptLogN ?? DEFAULT_SCRYPT_LOG_N;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.onPublished = options.onPublished ?? null;
  }

  /** Tells the listener about a published comment; its failure never fails the request. */
  private async published(id: number): Promise<void> {
    if (!this.onPublished) return;
    try {
      const comment = await comments.getComment(this.db, id);
      if (comment?.status === 'approved') await this.onPublished(comment);
    } catch (error) {
      console.error(`discussion: after publishing comment ${id}:`, error);
    }
  }

  private async limit(key: string, limit: Limit): Promise<void> {
    const result = await hit(this.db, key, limit, this.now().getTime());
    if (!result.allowed) {
      throw new DiscussionError(
        429,
        'Too many requests: please wait a little and try again.',
        result.retryAfter,
      );
    }
  }

  // Accounts

  async signUp(
    input: { email: unknown; password: unknown; name: unknown },
    address: string,
  ): Promise<Account> {
    const email = cleanEmail(input.email);
    const password = cleanPassword(input.password);
    const name = cleanName(input.name);
    await this.limit(`signup:addr:${address}`, this.limits.signUpPerAddress);
    const account = await accounts.insertAccount(this.db, {
      email,
      name,
      passwordHash: await hashPassword(password, this.logN),
      role: 'member',
      now: this.now().toISOString(),
    });
    if (!account) throw new DiscussionError(409, 'An account with this e-mail address exists already.');
    return account;
  }

  /** Creates or updates an account with a role (`cabledesk user add`). */
  async addUser(input: { email: string; password: string; role: Role; name?: string }) {
    return accounts.upsertAccount(this.db, {
      email: cleanEmail(input.email),
      name: input.name === undefined ? null : cleanName(input.name),
      passwordHash: await hashPassword(cleanPassword(input.password), this.logN),
      role: input.role,
      now: this.now().toISOString(),
    });
  }

  /**
   * Checks the password and opens a session. Throttled: per address (every attempt) and per
   * e-mail address (failures only); over either limit the answer is 429 before the password is
   * even checked.
   */
  async logIn(
    input: { email: unknown; password: unknown },
    address: string,
  ): Promise<{ account: Account; token: string }> {
    const email = typeof input.email === 'string' ? accounts.normaliseEmail(input.email) : '';
    const password = typeof input.password === 'string' ? input.password : '';
    const now = this.now().getTime();
    const failuresKey = `login:email:${email}`;
    const byEmail = await peek(this.db, failuresKey, this.limits.loginFailuresPerEmail, now);
    if (!byEmail.allowed) {
      throw new DiscussionError(
        429,
        'Too many failed log-ins: please wait and try again.',
        byEmail.retryAfter,
      );
    }
    await this.limit(`login:addr:${address}`, this.limits.loginPerAddress);
    const found = email ? await accounts.findAccountByEmail(this.db, email) : null;
    const ok = await verifyPassword(password, found?.passwordHash ?? (await dummyHash(this.logN)));
    if (!found || !ok || password.length === 0) {
      await hit(this.db, failuresKey, this.limits.loginFailuresPerEmail, now);
      throw new DiscussionError(401, 'The e-mail address or the password is wrong.');
    }
    if (found.account.banned) throw new DiscussionError(403, 'This account is suspended.');
    await clearLimit(this.db, failuresKey);
    return {
      account: found.account,
      token: await sessions.createSession(this.db, found.account.id, this.now()),
    };
  }

  /**
   * Logs in with a verified outside identity: the account linked to it, else the account with the
   * same e-mail address when the provider says it verified it, else a new member account.
   */
  async logInWithIdentity(issuer: string, claims: OidcClaims): Promise<{ account: Account; token: string }> {
    const now = this.now().toISOString();
    let accountId = await accountIdForIdentity(this.db, issuer, claims.sub);
    if (accountId === null) {
      const verifiedEmail = claims.email && claims.email_verified === true ? claims.email : null;
      const existing = verifiedEmail ? await accounts.findAccountByEmail(this.db, verifiedEmail) : null;
      let account = existing?.account ?? null;
      if (!account) {
        const rawName = claims.name ?? claims.preferred_username ?? 'member';
        let name: string;
        try {
          name = cleanName(rawName);
        } catch {
          name = 'member';
        }
        account = await accounts.insertAccount(this.db, {
          email: verifiedEmail ?? `oidc-${sha256(`${issuer} ${claims.sub}`).slice(0, 24)}@users.invalid`,
          name,
          passwordHash: null,
          role: 'member',
          now,
        });
        if (!account) throw new DiscussionError(409, 'An account with this e-mail address exists already.');
      }
      await linkIdentity(this.db, issuer, claims.sub, account.id, now);
      accountId = account.id;
    }
    const account = await accounts.findAccount(this.db, accountId);
    if (!account) throw new DiscussionError(401, 'The linked account no longer exists.');
    if (account.banned) throw new DiscussionError(403, 'This account is suspended.');
    return { account, token: await sessions.createSession(this.db, account.id, this.now()) };
  }

  logOut(token: string): Promise<void> {
    return sessions.deleteSession(this.db, token);
  }

  accountForToken(token: string | undefined): Promise<Account | null> {
    if (!token || token.length > 100) return Promise.resolve(null);
    return sessions.sessionAccount(this.db, token, this.now());
  }

  async rename(account: Account, name: unknown): Promise<void> {
    await accounts.renameAccount(this.db, account.id, cleanName(name));
  }

  /** Changes the password (the current one is required) and ends the account's other sessions. */
  async changePassword(account: Account, current: unknown, next: unknown, keepToken: string): Promise<void> {
    const found = await accounts.findAccountByEmail(this.db, account.email);
    await this.limit(`password:account:${account.id}`, this.limits.loginFailuresPerEmail);
    if (!found || !(await verifyPassword(typeof current === 'string' ? current : '', found.passwordHash))) {
      throw new DiscussionError(403, 'The current password is wrong.');
    }
    await accounts.setPasswordHash(this.db, account.id, await hashPassword(cleanPassword(next), this.logN));
    await sessions.deleteAccountSessions(this.db, account.id, keepToken);
  }

  // Comments

  async post(
    input: CommentInput,
    account: Account | null,
    address: string,
  ): Promise<{ id: number; status: CommentStatus }> {
    const body = cleanBody(input.body);
    let paragraph = optionalId(input.paragraph, 'paragraph number');
    let parentId = optionalId(input.parentId, 'comment replied to');
    const guestName = account ? null : cleanName(input.name);
    const guestEmail = account ? null : cleanEmail(input.email);
    const author = log.authorKey(account?.id ?? null, guestEmail);
    if (account?.banned || (await log.isBanned(this.db, author))) {
      throw new DiscussionError(403, 'You cannot comment here.');
    }
    // Moderators are trusted; everyone else is limited per address and per account.
    if (!isModerator(account)) {
      await this.limit(`comment:addr:${address}`, this.limits.commentsPerAddress);
      if (account) await this.limit(`comment:account:${account.id}`, this.limits.commentsPerAccount);
    }
    if ((await this.store.existingIds([input.refId])).size === 0) {
      throw new DiscussionError(404, `There is no cable ${input.refId} in the archive.`);
    }
    let depth = 0;
    if (parentId !== null) {
      const parent = await comments.getComment(this.db, parentId);
      if (!parent || parent.refId !== input.refId || parent.status !== 'approved') {
        throw new DiscussionError(400, 'The comment replied to does not exist.');
      }
      // Replies below the deepest level join their parent's level.
      if (parent.depth >= MAX_DEPTH) parentId = parent.parentId;
      depth = Math.min(parent.depth + 1, MAX_DEPTH);
      paragraph = parent.paragraph;
    }
    const html = renderMarkdown(body);
    let status: CommentStatus;
    if (typeof input.honeypot === 'string' && input.honeypot !== '') status = 'spam';
    else if (isModerator(account)) status = 'approved';
    else if (countLinks(html) > MAX_LINKS) status = 'pending';
    else
      status =
        (await comments.approvedByAuthor(this.db, account?.id ?? null, guestEmail)) > 0
          ? 'approved'
          : 'pending';
    const id = await comments.insertComment(this.db, {
      refId: input.refId,
      paragraph,
      parentId,
      depth,
      accountId: account?.id ?? null,
      guestName,
      guestEmail,
      body,
      html,
      status,
      address,
      now: this.now().toISOString(),
    });
    this.generation++;
    if (status === 'approved') await this.published(id);
    // A honeypot hit is told nothing: it looks like any held comment.
    return { id, status: status === 'spam' ? 'pending' : status };
  }

  /** The comment if `account` may change it (its author within the window, or a moderator). */
  private async ownComment(id: number, account: Account | null, editing: boolean): Promise<Comment> {
    const comment = await comments.getComment(this.db, id);
    if (!comment || comment.status === 'deleted') throw new DiscussionError(404, 'There is no such comment.');
    if (isModerator(account)) return comment;
    if (!account || comment.accountId !== account.id)
      throw new DiscussionError(403, 'This is not your comment.');
    if (editing && this.now().getTime() - Date.parse(comment.created) > EDIT_WINDOW_MS) {
      throw new DiscussionError(403, 'Comments can be edited only in the first 15 minutes.');
    }
    return comment;
  }

  async edit(id: number, account: Account | null, body: unknown): Promise<Comment> {
    const comment = await this.ownComment(id, account, true);
    const text = cleanBody(body);
    await comments.updateBody(this.db, id, text, renderMarkdown(text), this.now().toISOString());
    this.generation++;
    return { ...comment, body: text };
  }

  async remove(id: number, account: Account | null): Promise<Comment> {
    const comment = await this.ownComment(id, account, false);
    await comments.setStatus(this.db, id, 'deleted');
    this.generation++;
    if (isModerator(account) && comment.accountId !== account?.id) {
      await log.logAction(this.db, account!.id, 'delete', `comment:${id}`, this.now().toISOString());
    }
    return comment;
  }

  getComment(id: number): Promise<Comment | null> {
    return comments.getComment(this.db, id);
  }

  /** A cable's thread: approved comments (and deleted ones, as tombstones); moderators see all. */
  cableComments(refId: string, viewer: Account | null): Promise<Comment[]> {
    const statuses: CommentStatus[] = isModerator(viewer)
      ? ['approved', 'pending', 'spam', 'trash', 'deleted']
      : ['approved', 'deleted'];
    return comments.listCableComments(this.db, refId, statuses);
  }

  recent(limit = 50): Promise<Comment[]> {
    return comments.listByStatus(this.db, 'approved', limit);
  }

  byStatus(status: CommentStatus, limit = 200): Promise<Comment[]> {
    return comments.listByStatus(this.db, status, limit);
  }

  counts(refIds: string[]): Promise<Map<string, number>> {
    return comments.countApproved(this.db, refIds);
  }

  mostDiscussed(limit = 20) {
    return comments.mostDiscussed(this.db, limit);
  }

  // Moderation

  async moderate(ids: number[], action: unknown, moderator: Account | null): Promise<number> {
    return moderateEach(
      this.db,
      { ids, action, moderator, now: this.now },
      {
        kind: 'comment',
        setStatus: (id, status) => comments.setStatus(this.db, id, status),
        changed: async (id, done) => {
          this.generation++;
          if (done === 'approve') await this.published(id);
        },
      },
    );
  }

  /** Bans the author of a comment and sends all their held comments to spam. */
  async banAuthor(commentId: number, moderator: Account | null): Promise<string> {
    const who = assertModerator(moderator);
    const comment = await comments.getComment(this.db, commentId);
    if (!comment) throw new DiscussionError(404, 'There is no such comment.');
    const author = log.authorKey(comment.accountId, comment.authorEmail);
    const now = this.now().toISOString();
    await log.addBan(this.db, author, who.id, now);
    if (comment.accountId !== null) await accounts.setAccountBanned(this.db, comment.accountId, true);
    await comments.setStatus(this.db, commentId, 'spam');
    this.generation++;
    await log.logAction(this.db, who.id, 'ban', author, now);
    return author;
  }

  auditLog(moderator: Account | null, limit = 200) {
    assertModerator(moderator);
    return log.listLog(this.db, limit);
  }
}
