/**
 * Comments in the database (one query code for SQLite and PostgreSQL, through a SqlRunner): add,
 * read one, list a cable's thread, pending/recent lists, edit, change status, counts per cable,
 * and an author's history (for holding the first comments of new authors).
 */
import type { SqlRunner } from '../store/sql-runner.ts';
import type { Comment, CommentStatus } from './types.ts';

interface CommentRow {
  id: number | string;
  ref_id: string;
  paragraph: number | string | null;
  parent_id: number | string | null;
  depth: number | string;
  account_id: number | string | null;
  guest_name: string | null;
  guest_email: string | null;
  account_name: string | null;
  account_email: string | null;
  body: string;
  html: string;
  status: string;
  address: string | null;
  created_at: string;
  edited_at: string | null;
}

const SELECT =
  'SELECT c.id, c.ref_id, c.paragraph, c.parent_id, c.depth, c.account_id, c.guest_name, c.guest_email, ' +
  'a.name AS account_name, a.email AS account_email, c.body, c.html, c.status, c.address, c.created_at, c.edited_at ' +
  'FROM comments c LEFT JOIN accounts a ON a.id = c.account_id';

const num = (v: number | string | null) => (v === null ? null : Number(v));

function toComment(r: CommentRow): Comment {
  return {
    id: Number(r.id),
    refId: r.ref_id,
    paragraph: num(r.paragraph),
    parentId: num(r.parent_id),
    depth: Number(r.depth),
    accountId: num(r.account_id),
    authorName: r.account_name ?? r.guest_name ?? 'anonymous',
    authorEmail: r.account_email ?? r.guest_email,
    body: r.body,
    html: r.html,
    status: r.status as CommentStatus,
    address: r.address,
    created: r.created_at,
    edited: r.edited_at,
  };
}

export interface NewComment {
  refId: string;
  paragraph: number | null;
  parentId: number | null;
  depth: number;
  accountId: number | null;
  guestName: string | null;
  guestEmail: string | null;
  body: string;
  html: string;
  status: CommentStatus;
  address: string | null;
  now: string;
}

export async function insertComment(db: SqlRunner, c: NewComment): Promise<number> {
  const rows = await db.all<{ id: number | string }>(
    'INSERT INTO comments (ref_id, paragraph, parent_id, depth, account_id, guest_name, guest_email, body, html, status, address, created_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
    [
      c.refId,
      c.paragraph,
      c.parentId,
      c.depth,
      c.accountId,
      c.guestName,
      c.guestEmail,
      c.body,
      c.html,
      c.status,
      c.address,
      c.now,
    ],
  );
  return Number(rows[0]!.id);
}

export async function getComment(db: SqlRunner, id: number): Promise<Comment | null> {
  const rows = await db.all<CommentRow>(`${SELECT} WHERE c.id = ?`, [id]);
  return rows[0] ? toComment(rows[0]) : null;
}

/** A cable's comments in the given states, oldest first. */
export async function listCableComments(
  db: SqlRunner,
  refId: string,
  statuses: CommentStatus[],
): Promise<Comment[]> {
  const rows = await db.all<CommentRow>(
    `${SELECT} WHERE c.ref_id = ? AND c.status IN (${statuses.map(() => '?').join(', ')}) ORDER BY c.created_at, c.id`,
    [refId, ...statuses],
  );
  return rows.map(toComment);
}

/** Comments in one state across the site, newest first. */
export async function listByStatus(db: SqlRunner, status: CommentStatus, limit = 100): Promise<Comment[]> {
  const rows = await db.all<CommentRow>(
    `${SELECT} WHERE c.status = ? ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
    [status, limit],
  );
  return rows.map(toComment);
}

export async function setStatus(db: SqlRunner, id: number, status: CommentStatus): Promise<boolean> {
  const rows = await db.all('UPDATE comments SET status = ? WHERE id = ? RETURNING id', [status, id]);
  return rows.length > 0;
}

export async function updateBody(
  db: SqlRunner,
  id: number,
  body: string,
  html: string,
  now: string,
): Promise<void> {
  await db.all('UPDATE comments SET body = ?, html = ?, edited_at = ? WHERE id = ? RETURNING id', [
    body,
    html,
    now,
    id,
  ]);
}

/** Approved comments per cable (for listings). */
export async function countApproved(db: SqlRunner, refIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (refIds.length === 0) return counts;
  const rows = await db.all<{ ref_id: string; n: number | string }>(
    `SELECT ref_id, COUNT(*) AS n FROM comments WHERE status = 'approved' AND ref_id IN (${refIds.map(() => '?').join(', ')}) GROUP BY ref_id`,
    refIds,
  );
  for (const r of rows) counts.set(r.ref_id, Number(r.n));
  return counts;
}

/** The cables with the most approved comments. */
export async function mostDiscussed(db: SqlRunner, limit = 20): Promise<{ refId: string; count: number }[]> {
  const rows = await db.all<{ ref_id: string; n: number | string }>(
    "SELECT ref_id, COUNT(*) AS n FROM comments WHERE status = 'approved' GROUP BY ref_id ORDER BY n DESC, ref_id LIMIT ?",
    [limit],
  );
  return rows.map((r) => ({ refId: r.ref_id, count: Number(r.n) }));
}

/** How many approved comments an author already has (account, else guest e-mail). */
export async function approvedByAuthor(
  db: SqlRunner,
  accountId: number | null,
  email: string | null,
): Promise<number> {
  const rows =
    accountId !== null
      ? await db.all<{ n: number | string }>(
          "SELECT COUNT(*) AS n FROM comments WHERE account_id = ? AND status = 'approved'",
          [accountId],
        )
      : await db.all<{ n: number | string }>(
          "SELECT COUNT(*) AS n FROM comments WHERE account_id IS NULL AND guest_email = ? AND status = 'approved'",
          [email],
        );
  return Number(rows[0]?.n ?? 0);
}
