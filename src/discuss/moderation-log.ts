/**
 * Bans and the audit log of moderators' actions, in the database. An author is banned by key:
 * `account:ID` or `email:ADDRESS` (guests).
 */
import type { SqlRunner } from '../store/sql-runner.ts';

export interface LogEntry {
  id: number;
  moderatorId: number | null;
  moderatorName: string | null;
  action: string;
  target: string;
  created: string;
}

export async function logAction(
  db: SqlRunner,
  moderatorId: number | null,
  action: string,
  target: string,
  now: string,
): Promise<void> {
  await db.all(
    'INSERT INTO moderation_log (moderator_id, action, target, created_at) VALUES (?, ?, ?, ?) RETURNING id',
    [moderatorId, action, target, now],
  );
}

export async function listLog(db: SqlRunner, limit = 200): Promise<LogEntry[]> {
  const rows = await db.all<{
    id: number | string;
    moderator_id: number | string | null;
    name: string | null;
    action: string;
    target: string;
    created_at: string;
  }>(
    'SELECT l.id, l.moderator_id, a.name, l.action, l.target, l.created_at FROM moderation_log l ' +
      'LEFT JOIN accounts a ON a.id = l.moderator_id ORDER BY l.id DESC LIMIT ?',
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    moderatorId: r.moderator_id === null ? null : Number(r.moderator_id),
    moderatorName: r.name,
    action: r.action,
    target: r.target,
    created: r.created_at,
  }));
}

export function authorKey(accountId: number | null, email: string | null): string {
  return accountId !== null ? `account:${accountId}` : `email:${(email ?? '').toLowerCase()}`;
}

export async function addBan(
  db: SqlRunner,
  author: string,
  moderatorId: number | null,
  now: string,
): Promise<void> {
  await db.all(
    'INSERT INTO bans (author, moderator_id, created_at) VALUES (?, ?, ?) ON CONFLICT (author) DO NOTHING RETURNING author',
    [author, moderatorId, now],
  );
}

export async function isBanned(db: SqlRunner, author: string): Promise<boolean> {
  return (await db.all('SELECT 1 AS x FROM bans WHERE author = ?', [author])).length > 0;
}
