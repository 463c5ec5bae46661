/**
 * Linkbacks, one object per app: receiving TrackBack, Pingback and Webmention (validation, the
 * host blocklist, rate limits per source host and per address, recording), verifying sources
 * (from the job queue for TrackBack and Webmention, while the caller waits for Pingback),
 * moderation by the comments' rules, the lists the pages and API show, and sending linkbacks for
 * approved comments (when switched on). The protocols' own formats live in the routes
 * (src/web/routes/linkback-*.ts); the data in ./mentions.ts.
 */
import { randomBytes } from 'node:crypto';
import { DiscussionError } from '../discuss/errors.ts';
import { assertModerator, moderateEach } from '../discuss/moderation.ts';
import { logAction } from '../discuss/moderation-log.ts';
import { hit, type Limit } from '../discuss/rate-limit.ts';
import { type Account, type Comment, isModerator } from '../discuss/types.ts';
import { RetryJobError } from '../jobs/errors.ts';
import type { Job, JobQueue } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/runner.ts';
import type { SqlRunner } from '../store/sql-runner.ts';
import type { Store } from '../store/store.ts';
import { outsideLinks } from './discover.ts';
import type { Mention, MentionKind, MentionStatus } from './mentions.ts';
import * as mentions from './mentions.ts';
import { sendLinkback } from './send.ts';
import { cleanText, MAX_AUTHOR, MAX_EXCERPT, MAX_TITLE } from './source-page.ts';
import { candidateIds, checkTarget, httpUrl, siteBase } from './targets.ts';
import { DEFAULT_SOURCE_LIMITS, inspectSource, type SourceLimits, type SourceOutcome } from './verify.ts';

export interface LinkbackLimits {
  perAddress: Limit;
  perSourceHost: Limit;
}

export const DEFAULT_LINKBACK_LIMITS: LinkbackLimits = {
  perAddress: { max: 20, windowMs: 10 * 60_000 },
  perSourceHost: { max: 30, windowMs: 60 * 60_000 },
};

/** Job kinds (handlers in `jobHandlers()`). */
export const VERIFY_JOB = 'linkback.verify';
export const SEND_JOB = 'linkback.send';

export interface LinkbackOptions {
  now?: () => Date;
  limits?: Partial<LinkbackLimits>;
  /** Hosts refused with their subdomains, besides the database list (default CABLEDESK_LINKBACK_BLOCKLIST). */
  blockedHosts?: string[];
  sourceLimits?: Partial<SourceLimits>;
  /** Pingback verifies while the caller waits, at most this long (default 8 s). */
  pingbackTimeoutMs?: number;
  /** Send linkbacks for approved comments (default: CABLEDESK_SEND_LINKBACKS=1). */
  send?: boolean;
  /** The site's public address, for the source of linkbacks we send (sending needs it). */
  publicUrl?: string;
}

/** Why a linkback is refused before anything is fetched; each protocol says it its own way. */
export type RefusalReason =
  | 'invalid-source'
  | 'invalid-target'
  | 'target-elsewhere'
  | 'not-a-cable'
  | 'no-such-cable'
  | 'same-url'
  | 'blocked'
  | 'rate-limited'
  | 'already-registered'
  | 'source-missing'
  | 'no-link'
  | 'upstream';

export class LinkbackRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    /** Seconds, for Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** `a.b.example.org` -> itself and its parent domains (`b.example.org`, `example.org`). */
export function hostAndParents(host: string): string[] {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1 || i === 0; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/** `*.Spam.example.` -> `spam.example` (a host always blocks its subdomains). */
function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
}

function envBlocklist(): string[] {
  return (process.env['CABLEDESK_LINKBACK_BLOCKLIST'] ?? '').split(',');
}

export function sendingEnabledByEnv(): boolean {
  return /^(1|true|yes|on)$/i.test(process.env['CABLEDESK_SEND_LINKBACKS'] ?? '');
}

interface VerifyPayload {
  id: number;
  base: string;
}

interface SendPayload {
  source: string;
  target: string;
}

export class Linkbacks {
  readonly db: SqlRunner;
  readonly now: () => Date;
  readonly limits: LinkbackLimits;
  readonly sourceLimits: SourceLimits;
  readonly sending: boolean;
  readonly publicUrl: string | undefined;
  private readonly blocked: string[];
  private readonly pingbackTimeoutMs: number;
  /** Bumped on every change to mentions made through this object (page caches compare it). */
  generation = 0;
  /** Called after a job is queued (the runner of this process looks at once). */
  onEnqueue: (() => void) | null = null;

  constructor(
    readonly store: Store,
    readonly queue: JobQueue,
    options: LinkbackOptions = {},
  ) {
    this.db = store.runner;
    this.now = options.now ?? (() => new Date());
    this.limits = { ...DEFAULT_LINKBACK_LIMITS, ...options.limits };
    this.sourceLimits = { ...DEFAULT_SOURCE_LIMITS, ...options.sourceLimits };
    this.blocked = (options.blockedHosts ?? envBlocklist()).map(normaliseHost).filter(Boolean);
    this.pingbackTimeoutMs = options.pingbackTimeoutMs ?? 8000;
    this.sending = options.send ?? sendingEnabledByEnv();
    this.publicUrl = options.publicUrl ? siteBase(options.publicUrl) : undefined;
  }

  // Receiving

  /** True when the host or one of its parent domains is blocked (setting or database). */
  async isBlocked(host: string): Promise<boolean> {
    const candidates = hostAndParents(host);
    if (candidates.some((h) => this.blocked.includes(h))) return true;
    return (await mentions.blockedAmong(this.db, candidates)).length > 0;
  }

  private async limit(key: string, limit: Limit): Promise<void> {
    const result = await hit(this.db, key, limit, this.now().getTime());
    if (!result.allowed) {
      throw new LinkbackRefusal(
        'rate-limited',
        'Too many linkbacks: please wait and try again.',
        result.retryAfter,
      );
    }
  }

  /**
   * The checks every protocol makes before recording anything: an http(s) source, a target that
   * is a cable of this archive, source and target different, the source host not blocked, and
   * the rate limits (per sender address, per source host).
   */
  private async admit(
    sourceText: unknown,
    targetText: unknown,
    base: string,
    address: string,
  ): Promise<{ source: URL; target: URL; refId: string; paragraph: number | null }> {
    const source = httpUrl(typeof sourceText === 'string' ? sourceText.trim() : sourceText);
    if (!source) throw new LinkbackRefusal('invalid-source', 'The source must be an http or https URL.');
    const target = httpUrl(typeof targetText === 'string' ? targetText.trim() : targetText);
    if (!target) throw new LinkbackRefusal('invalid-target', 'The target must be an http or https URL.');
    const checked = await checkTarget(target.href, base, (ids) => this.store.existingIds(ids));
    switch (checked.kind) {
      case 'invalid':
        throw new LinkbackRefusal('invalid-target', 'The target must be an http or https URL.');
      case 'elsewhere':
        throw new LinkbackRefusal('target-elsewhere', 'The target is not an address of this site.');
      case 'not-a-cable':
        throw new LinkbackRefusal('not-a-cable', 'The target is not a cable page, so it takes no linkbacks.');
      case 'no-such-cable':
        throw new LinkbackRefusal('no-such-cable', `There is no cable ${checked.id} in the archive.`);
    }
    const sameUrl = (a: URL, b: URL) => a.href.replace(/#.*$/, '') === b.href.replace(/#.*$/, '');
    if (sameUrl(source, target))
      throw new LinkbackRefusal('same-url', 'The source and the target are the same.');
    if (await this.isBlocked(source.hostname)) {
      throw new LinkbackRefusal('blocked', 'Linkbacks from this host are not accepted.');
    }
    await this.limit(`linkback:addr:${address}`, this.limits.perAddress);
    await this.limit(`linkback:host:${source.hostname.toLowerCase()}`, this.limits.perSourceHost);
    return { source, target, refId: checked.refId, paragraph: checked.paragraph };
  }

  private async record(
    kind: MentionKind,
    admitted: Awaited<ReturnType<Linkbacks['admit']>>,
    address: string,
    said: { title?: string | null; excerpt?: string | null; authorName?: string | null } = {},
  ): Promise<{ mention: Mention; existed: boolean }> {
    return mentions.receiveMention(this.db, {
      token: randomBytes(16).toString('base64url'),
      kind,
      source: admitted.source.href,
      sourceHost: admitted.source.hostname.toLowerCase(),
      target: admitted.target.href,
      refId: admitted.refId,
      paragraph: admitted.paragraph,
      status: 'verifying',
      title: said.title ?? null,
      excerpt: said.excerpt ?? null,
      authorName: said.authorName ?? null,
      address,
      now: this.now().toISOString(),
    });
  }

  private async queueVerification(mention: Mention, base: string): Promise<void> {
    const payload: VerifyPayload = { id: mention.id, base };
    // One live verification per mention: a repeat while one waits refreshes it.
    await this.queue.enqueue(VERIFY_JOB, payload, { key: `${VERIFY_JOB}:${mention.id}`, maxAttempts: 5 });
    this.onEnqueue?.();
  }

  /** A webmention: checked, recorded (or refreshed) and queued for verification (then 202). */
  async receiveWebmention(source: unknown, target: unknown, base: string, address: string): Promise<Mention> {
    const admitted = await this.admit(source, target, base, address);
    const { mention } = await this.record('webmention', admitted, address);
    await this.queueVerification(mention, base);
    return mention;
  }

  /** A TrackBack ping for a cable: its `url` is the source; verified from the queue. */
  async receiveTrackback(
    refId: string,
    fields: { url?: string; title?: string; excerpt?: string; blog_name?: string },
    base: string,
    address: string,
  ): Promise<Mention> {
    const ids = /^[A-Za-z0-9-]{2,80}$/.test(refId) ? candidateIds(refId) : [];
    const found = ids.length > 0 ? await this.store.existingIds(ids) : new Set<string>();
    const cable = ids.find((id) => found.has(id));
    if (cable === undefined)
      throw new LinkbackRefusal('no-such-cable', `There is no cable ${refId} in the archive.`);
    if (!fields.url) throw new LinkbackRefusal('invalid-source', 'The url field is required.');
    const admitted = await this.admit(
      fields.url,
      `${base}/cable/${encodeURIComponent(cable)}`,
      base,
      address,
    );
    const { mention } = await this.record('trackback', admitted, address, {
      title: cleanText(fields.title, MAX_TITLE),
      excerpt: cleanText(fields.excerpt, MAX_EXCERPT),
      authorName: cleanText(fields.blog_name, MAX_AUTHOR),
    });
    await this.queueVerification(mention, base);
    return mention;
  }

  /**
   * A pingback, verified while the caller waits (within `pingbackTimeoutMs`) so that the answer
   * can carry the specification's fault codes. Throws LinkbackRefusal when it is not accepted.
   */
  async receivePingback(source: unknown, target: unknown, base: string, address: string): Promise<Mention> {
    const admitted = await this.admit(source, target, base, address);
    const key = mentions.targetKey(admitted.refId, admitted.paragraph);
    const existing = await this.db.all<{ id: number }>(
      'SELECT id FROM mentions WHERE source = ? AND target_key = ?',
      [admitted.source.href, key],
    );
    if (existing.length > 0) {
      throw new LinkbackRefusal('already-registered', 'The pingback has already been registered.');
    }
    const outcome = await inspectSource(
      admitted.source.href,
      { base, refId: admitted.refId, paragraph: admitted.paragraph },
      { ...this.sourceLimits, timeoutMs: Math.min(this.sourceLimits.timeoutMs, this.pingbackTimeoutMs) },
    );
    if (outcome.kind !== 'linked') throw refusalFor(outcome);
    const { mention, existed } = await this.record('pingback', admitted, address);
    if (existed) throw new LinkbackRefusal('already-registered', 'The pingback has already been registered.');
    const stored = await this.storeOutcome(mention, outcome);
    return stored ?? mention;
  }

  /**
   * Whether a mention goes up at once: its host has an approved mention by the same author (the
   * comments' "known author" rule), else it waits for a moderator.
   */
  private async initialStatus(host: string, authorUrl: string | null): Promise<MentionStatus> {
    return (await mentions.approvedFromAuthor(this.db, host, authorUrl)) > 0 ? 'approved' : 'pending';
  }

  private async storeOutcome(
    mention: Mention,
    outcome: Extract<SourceOutcome, { kind: 'linked' }>,
  ): Promise<Mention | null> {
    const facts = { ...outcome.facts };
    if (mention.kind === 'trackback') {
      // What the TrackBack sender said comes first; the page fills what it left out.
      facts.title = mention.title ?? facts.title;
      facts.excerpt = mention.excerpt ?? facts.excerpt;
      facts.authorName = mention.authorName ?? facts.authorName;
    }
    // Applies only while the mention is still verifying (storeVerified keeps any other status).
    const status = await this.initialStatus(mention.sourceHost, facts.authorUrl);
    const stored = await mentions.storeVerified(this.db, mention.id, facts, status, this.now().toISOString());
    this.generation++;
    return stored;
  }

  /**
   * Verifies a queued mention: linked -> stored (pending or approved by the host rule; a mention
   * already moderated keeps its status and gets the new title and excerpt); gone (410), missing
   * or no link any more -> deleted; a source that cannot be fetched now -> tried again later
   * (the job's backoff), and a new mention is dropped after the last attempt.
   */
  async verify(id: number, base: string, job?: Pick<Job, 'attempts' | 'maxAttempts'>): Promise<string> {
    const mention = await mentions.getMention(this.db, id);
    if (!mention) return 'gone already';
    // Moderators sent it away: nothing to show, so nothing to fetch.
    if (mention.status === 'spam' || mention.status === 'trash') return `not verified (${mention.status})`;
    const outcome = await inspectSource(mention.source, {
      base,
      refId: mention.refId,
      paragraph: mention.paragraph,
    });
    switch (outcome.kind) {
      case 'linked':
        await this.storeOutcome(mention, outcome);
        return 'verified';
      case 'gone':
      case 'missing':
      case 'no-link':
        await mentions.deleteMention(this.db, id);
        this.generation++;
        return `removed (${outcome.kind})`;
      case 'refused':
        if (mention.status === 'verifying') {
          await mentions.deleteMention(this.db, id);
          this.generation++;
          return `removed (${outcome.message})`;
        }
        return `kept (${outcome.message})`;
      case 'upstream': {
        const last = !job || job.attempts >= job.maxAttempts;
        if (!last) throw new Error(outcome.message);
        if (mention.status === 'verifying') {
          await mentions.deleteMention(this.db, id);
          this.generation++;
          return `removed (${outcome.message})`;
        }
        return `kept (${outcome.message})`;
      }
    }
  }

  mentionByToken(token: string): Promise<Mention | null> {
    return /^[A-Za-z0-9_-]{10,40}$/.test(token)
      ? mentions.mentionByToken(this.db, token)
      : Promise.resolve(null);
  }

  getMention(id: number): Promise<Mention | null> {
    return mentions.getMention(this.db, id);
  }

  // Showing and moderating

  /** A cable's mentions: approved ones; moderators see every state. */
  cableMentions(refId: string, viewer: Account | null): Promise<Mention[]> {
    return mentions.listCableMentions(
      this.db,
      refId,
      isModerator(viewer) ? mentions.MENTION_STATUSES : ['approved'],
    );
  }

  byStatus(status: MentionStatus, limit = 200): Promise<Mention[]> {
    return mentions.listMentionsByStatus(this.db, status, limit);
  }

  blockedHosts() {
    return mentions.listBlockedHosts(this.db);
  }

  moderate(ids: number[], action: unknown, moderator: Account | null): Promise<number> {
    return moderateEach(
      this.db,
      { ids, action, moderator, now: this.now },
      {
        kind: 'mention',
        setStatus: (id, status) => mentions.setMentionStatus(this.db, id, status),
        changed: () => {
          this.generation++;
        },
      },
    );
  }

  /** Blocks the source host of a mention: no more linkbacks from it; its waiting ones go to spam. */
  async blockSourceHost(mentionId: number, moderator: Account | null): Promise<string> {
    const who = assertModerator(moderator);
    const mention = await mentions.getMention(this.db, mentionId);
    if (!mention) throw new DiscussionError(404, 'There is no such mention.');
    const now = this.now().toISOString();
    await mentions.blockHost(this.db, mention.sourceHost, who.id, now);
    await mentions.setMentionStatus(this.db, mentionId, 'spam');
    await mentions.spamHostMentions(this.db, mention.sourceHost);
    this.generation++;
    await logAction(this.db, who.id, 'block-host', mention.sourceHost, now);
    return mention.sourceHost;
  }

  async unblockHost(host: string, moderator: Account | null): Promise<boolean> {
    const who = assertModerator(moderator);
    const removed = await mentions.unblockHost(this.db, host.toLowerCase());
    if (removed) await logAction(this.db, who.id, 'unblock-host', host, this.now().toISOString());
    return removed;
  }

  // Sending

  /**
   * Called when a comment is published: each outside page it links to is queued for a linkback
   * (webmention or pingback, whichever the page offers). Needs sending switched on and the
   * site's public address (the source of the linkbacks).
   */
  async commentPublished(comment: Comment): Promise<number> {
    if (!this.sending || !this.publicUrl) return 0;
    const site = new URL(this.publicUrl).origin;
    const source = `${this.publicUrl}/cable/${encodeURIComponent(comment.refId)}#comment-${comment.id}`;
    const targets = outsideLinks(comment.html, site);
    for (const target of targets) {
      const payload: SendPayload = { source, target };
      await this.queue.enqueue(SEND_JOB, payload, { key: `${SEND_JOB}:${source} ${target}`, maxAttempts: 4 });
    }
    if (targets.length > 0) this.onEnqueue?.();
    return targets.length;
  }

  /** Sends one linkback (a queued job): discovery, then the notification; records the result. */
  async send(source: string, target: string, job?: Pick<Job, 'attempts' | 'maxAttempts'>): Promise<string> {
    const result = await sendLinkback(source, target, this.sourceLimits);
    const last = !job || job.attempts >= job.maxAttempts;
    if (result.retry && !last) throw new RetryJobError(result.result, result.retryAfterMs ?? 60_000);
    await mentions.recordSent(this.db, {
      source,
      target,
      kind: result.kind,
      endpoint: result.endpoint,
      result: result.result,
      sent: this.now().toISOString(),
    });
    return result.result;
  }

  sent(source?: string) {
    return mentions.listSent(this.db, source);
  }

  /** The queue's handlers for the job runner. */
  jobHandlers(): Record<string, JobHandler> {
    return {
      [VERIFY_JOB]: async (payload, job) => {
        const p = payload as Partial<VerifyPayload>;
        if (typeof p.id !== 'number' || typeof p.base !== 'string') return;
        await this.verify(p.id, p.base, job);
      },
      [SEND_JOB]: async (payload, job) => {
        const p = payload as Partial<SendPayload>;
        if (typeof p.source !== 'string' || typeof p.target !== 'string') return;
        await this.send(p.source, p.target, job);
      },
    };
  }
}

/** A failed verification as the refusal a caller waiting for the answer (Pingback) gets. */
function refusalFor(outcome: Exclude<SourceOutcome, { kind: 'linked' }>): LinkbackRefusal {
  switch (outcome.kind) {
    case 'no-link':
      return new LinkbackRefusal('no-link', 'The source does not contain a link to the target.');
    case 'gone':
      return new LinkbackRefusal('source-missing', 'The source is gone (410).');
    case 'missing':
    case 'refused':
      return new LinkbackRefusal('source-missing', `The source cannot be read: ${outcome.message}.`);
    case 'upstream':
      return new LinkbackRefusal('upstream', `The source cannot be reached now: ${outcome.message}.`);
  }
}
