/**
 * Mentions in the database (migration 8; one query code for SQLite and PostgreSQL through a
 * SqlRunner): record or refresh one received linkback (one row per source and target cable or
 * paragraph), store what verification found, list a cable's mentions and the moderation queues,
 * change status, delete, and the per-host history used for holding first mentions. Also the
 * blocked hosts and the log of linkbacks we sent.
 */
import type { SqlRunner } from '../store/sql-runner.ts';
import type { SourceDetails } from './source-page.ts';

export const MENTION_KINDS = ['trackback', 'pingback', 'webmention'] as const;
export type MentionKind = (typeof MENTION_KINDS)[number];

/** `verifying`: received, its source not yet checked (never shown, not yet in a queue). */
export const MENTION_STATUSES = ['verifying', 'pending', 'approved', 'spam', 'trash'] as const;
export type MentionStatus = (typeof MENTION_STATUSES)[number];

/** A mention: what was received, and what verification read from its source (SourceDetails). */
export interface Mention extends SourceDetails {
  id: number;
  /** Random, for the public status page of a webmention. */
  token: string;
  kind: MentionKind;
  source: string;
  sourceHost: string;
  target: string;
  refId: string;
  paragraph: number | null;
  status: MentionStatus;
  address: string | null;
  received: string;
  verified: string | null;
  updated: string;
}

interface MentionRow {
  id: number | string;
  token: string;
  kind: string;
  source: string;
  source_host: string;
  target: string;
  ref_id: string;
  paragraph: number | string | null;
  title: string | null;
  author_name: string | null;
  author_url: string | null;
  excerpt: string | null;
  url: string | null;
  published: string | null;
  status: string;
  address: string | null;
  received_at: string;
  verified_at: string | null;
  updated_at: string;
}

const COLUMNS =
  'id, token, kind, source, source_host, target, ref_id, paragraph, title, author_name, author_url, ' +
  'excerpt, url, published, status, address, received_at, verified_at, updated_at';

function toMention(r: MentionRow): Mention {
  return {
    id: Number(r.id),
    token: r.token,
    kind: r.kind as MentionKind,
    source: r.source,
    sourceHost: r.source_host,
    target: r.target,
    refId: r.ref_id,
    paragraph: r.paragraph === null ? null : Number(r.paragraph),
    title: r.title,
    authorName: r.author_name,
    authorUrl: r.author_url,
    excerpt: r.excerpt,
    url: r.url,
    published: r.published,
    status: r.status as MentionStatus,
    address: r.address,
    received: r.received_at,
    verified: r.verified_at,
    updated: r.updated_at,
  };
}

/** The key that makes a mention unique per source: the cable, or the cable and paragraph. */
export function targetKey(refId: string, paragraph: number | null): string {
  return paragraph === null ? refId : `${refId}#par${paragraph}`;
}

export interface ReceivedMention
  extends Pick<
    Mention,
    'token' | 'kind' | 'source' | 'sourceHost' | 'target' | 'refId' | 'paragraph' | 'status' | 'address'
  > {
  /** What the sender said (TrackBack's title, excerpt, blog_name), kept until verification. */
  title?: string | null;
  excerpt?: string | null;
  authorName?: string | null;
  now: string;
}

/**
 * Records a received mention, or touches the existing one for the same source and target (its
 * status is kept; what the sender said replaces the old, verification updates the rest). Returns the row and whether
 * it existed before.
 */
export async function receiveMention(
  db: SqlRunner,
  m: ReceivedMention,
): Promise<{ mention: Mention; existed: boolean }> {
  const key = targetKey(m.refId, m.paragraph);
  const existing = await db.all<MentionRow>(
    `SELECT ${COLUMNS} FROM mentions WHERE source = ? AND target_key = ?`,
    [m.source, key],
  );
  if (existing[0]) {
    const rows = await db.all<MentionRow>(
      'UPDATE mentions SET target = ?, address = ?, updated_at = ?, title = COALESCE(?, title), ' +
        `excerpt = COALESCE(?, excerpt), author_name = COALESCE(?, author_name) WHERE id = ? RETURNING ${COLUMNS}`,
      [m.target, m.address, m.now, m.title ?? null, m.excerpt ?? null, m.authorName ?? null, existing[0].id],
    );
    return { mention: toMention(rows[0]!), existed: true };
  }
  const rows = await db.all<MentionRow>(
    'INSERT INTO mentions (token, kind, source, source_host, target, target_key, ref_id, paragraph, title, ' +
      'excerpt, author_name, status, address, received_at, updated_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
      `ON CONFLICT (source, target_key) DO UPDATE SET updated_at = excluded.updated_at RETURNING ${COLUMNS}`,
    [
      m.token,
      m.kind,
      m.source,
      m.sourceHost,
      m.target,
      key,
      m.refId,
      m.paragraph,
      m.title ?? null,
      m.excerpt ?? null,
      m.authorName ?? null,
      m.status,
      m.address,
      m.now,
      m.now,
    ],
  );
  return { mention: toMention(rows[0]!), existed: rows[0]!.token !== m.token };
}

export async function getMention(db: SqlRunner, id: number): Promise<Mention | null> {
  const rows = await db.all<MentionRow>(`SELECT ${COLUMNS} FROM mentions WHERE id = ?`, [id]);
  return rows[0] ? toMention(rows[0]) : null;
}

export async function mentionByToken(db: SqlRunner, token: string): Promise<Mention | null> {
  const rows = await db.all<MentionRow>(`SELECT ${COLUMNS} FROM mentions WHERE token = ?`, [token]);
  return rows[0] ? toMention(rows[0]) : null;
}

/**
 * Stores what verification read from the source. `status` is the first status of a mention still
 * `verifying`; one that has a status already keeps it, also when a moderator set it while the
 * source was being fetched (decided in the same statement, so it cannot be undone by this write).
 */
export async function storeVerified(
  db: SqlRunner,
  id: number,
  facts: SourceDetails,
  status: MentionStatus,
  now: string,
): Promise<Mention | null> {
  const rows = await db.all<MentionRow>(
    'UPDATE mentions SET title = ?, author_name = ?, author_url = ?, excerpt = ?, url = ?, published = ?, ' +
      "status = CASE WHEN status = 'verifying' THEN ? ELSE status END, verified_at = ?, updated_at = ? " +
      `WHERE id = ? RETURNING ${COLUMNS}`,
    [
      facts.title,
      facts.authorName,
      facts.authorUrl,
      facts.excerpt,
      facts.url,
      facts.published,
      status,
      now,
      now,
      id,
    ],
  );
  return rows[0] ? toMention(rows[0]) : null;
}

export async function deleteMention(db: SqlRunner, id: number): Promise<boolean> {
  return (await db.all('DELETE FROM mentions WHERE id = ? RETURNING id', [id])).length > 0;
}

export async function setMentionStatus(db: SqlRunner, id: number, status: MentionStatus): Promise<boolean> {
  return (await db.all('UPDATE mentions SET status = ? WHERE id = ? RETURNING id', [status, id])).length > 0;
}

/** A cable's mentions in the given states, oldest first. */
export async function listCableMentions(
  db: SqlRunner,
  refId: string,
  statuses: readonly MentionStatus[],
): Promise<Mention[]> {
  const rows = await db.all<MentionRow>(
    `SELECT ${COLUMNS} FROM mentions WHERE ref_id = ? AND status IN (${statuses.map(() => '?').join(', ')}) ` +
      'ORDER BY received_at, id',
    [refId, ...statuses],
  );
  return rows.map(toMention);
}

/** Mentions in one state across the site, newest first. */
export async function listMentionsByStatus(
  db: SqlRunner,
  status: MentionStatus,
  limit = 200,
): Promise<Mention[]> {
  const rows = await db.all<MentionRow>(
    `SELECT ${COLUMNS} FROM mentions WHERE status = ? ORDER BY received_at DESC, id DESC LIMIT ?`,
    [status, limit],
  );
  return rows.map(toMention);
}

/**
 * How many approved mentions a source host has from the same author (the h-card's address; no
 * author address matches none), so one approved post on a site many people write on (a social
 * bridge, a platform) does not vouch for all of them.
 */
export async function approvedFromAuthor(
  db: SqlRunner,
  host: string,
  authorUrl: string | null,
): Promise<number> {
  const rows = await db.all<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM mentions WHERE source_host = ? AND status = 'approved' AND COALESCE(author_url, '') = ?",
    [host, authorUrl ?? ''],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Sends a host's mentions that wait (verifying or pending) to spam; returns how many. */
export async function spamHostMentions(db: SqlRunner, host: string): Promise<number> {
  const rows = await db.all(
    "UPDATE mentions SET status = 'spam' WHERE source_host = ? AND status IN ('verifying', 'pending') RETURNING id",
    [host],
  );
  return rows.length;
}

// Blocked hosts

export async function blockHost(
  db: SqlRunner,
  host: string,
  moderatorId: number | null,
  now: string,
): Promise<void> {
  await db.all(
    'INSERT INTO linkback_blocked_hosts (host, moderator_id, created_at) VALUES (?, ?, ?) ' +
      'ON CONFLICT (host) DO NOTHING RETURNING host',
    [host, moderatorId, now],
  );
}

export async function unblockHost(db: SqlRunner, host: string): Promise<boolean> {
  return (
    (await db.all('DELETE FROM linkback_blocked_hosts WHERE host = ? RETURNING host', [host])).length > 0
  );
}

/** Which of `hosts` (a host and its parent domains) are blocked in the database. */
export async function blockedAmong(db: SqlRunner, hosts: string[]): Promise<string[]> {
  if (hosts.length === 0) return [];
  const rows = await db.all<{ host: string }>(
    `SELECT host FROM linkback_blocked_hosts WHERE host IN (${hosts.map(() => '?').join(', ')})`,
    hosts,
  );
  return rows.map((r) => r.host);
}

export async function listBlockedHosts(db: SqlRunner): Promise<{ host: string; created: string }[]> {
  const rows = await db.all<{ host: string; created_at: string }>(
    'SELECT host, created_at FROM linkback_blocked_hosts ORDER BY host',
  );
  return rows.map((r) => ({ host: r.host, created: r.created_at }));
}

// Linkbacks sent

export interface SentLinkback {
  source: string;
  target: string;
  kind: 'webmention' | 'pingback' | 'none';
  endpoint: string | null;
  result: string;
  sent: string;
}

export async function recordSent(db: SqlRunner, s: SentLinkback): Promise<void> {
  await db.all(
    'INSERT INTO linkbacks_sent (source, target, kind, endpoint, result, sent_at) VALUES (?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (source, target) DO UPDATE SET kind = excluded.kind, endpoint = excluded.endpoint, ' +
      'result = excluded.result, sent_at = excluded.sent_at RETURNING source',
    [s.source, s.target, s.kind, s.endpoint, s.result, s.sent],
  );
}

export async function listSent(db: SqlRunner, source?: string): Promise<SentLinkback[]> {
  const rows = await db.all<{
    source: string;
    target: string;
    kind: string;
    endpoint: string | null;
    result: string;
    sent_at: string;
  }>(
    source === undefined
      ? 'SELECT * FROM linkbacks_sent ORDER BY sent_at DESC LIMIT 200'
      : 'SELECT * FROM linkbacks_sent WHERE source = ? ORDER BY sent_at DESC',
    source === undefined ? [] : [source],
  );
  return rows.map((r) => ({
    source: r.source,
    target: r.target,
    kind: r.kind as SentLinkback['kind'],
    endpoint: r.endpoint,
    result: r.result,
    sent: r.sent_at,
  }));
}
