/**
 * Accounts in the database (one query code for SQLite and PostgreSQL, through a SqlRunner):
 * create, create-or-update (the CLI), find by e-mail or id, rename, change the password hash, ban.
 * E-mail addresses are kept trimmed and lower-cased, so they are unique regardless of case.
 */
import type { SqlRunner } from '../store/sql-runner.ts';
import type { Account, Role } from './types.ts';

export interface AccountRow {
  id: number | string;
  email: string;
  name: string;
  password_hash: string | null;
  role: string;
  banned: number | string;
  created_at: string;
}

export const ACCOUNT_COLUMNS = 'id, email, name, password_hash, role, banned, created_at';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toAccount(row: AccountRow): Account {
  return {
    id: Number(row.id),
    email: row.email,
    name: row.name,
    role: row.role as Role,
    banned: Number(row.banned) === 1,
    createdAt: row.created_at,
  };
}

export async function findAccountByEmail(
  db: SqlRunner,
  email: string,
): Promise<{ account: Account; passwordHash: string | null } | null> {
  const rows = await db.all<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE email = ?`, [
    normaliseEmail(email),
  ]);
  const row = rows[0];
  return row ? { account: toAccount(row), passwordHash: row.password_hash } : null;
}

export async function findAccount(db: SqlRunner, id: number): Promise<Account | null> {
  const rows = await db.all<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ?`, [id]);
  return rows[0] ? toAccount(rows[0]) : null;
}

/** A new account, or null when the e-mail address is taken. */
export async function insertAccount(
  db: SqlRunner,
  a: { email: string; name: string; passwordHash: string | null; role: Role; now: string },
): Promise<Account | null> {
  const rows = await db.all<AccountRow>(
    `INSERT INTO accounts (email, name, password_hash, role, banned, created_at) VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (email) DO NOTHING RETURNING ${ACCOUNT_COLUMNS}`,
    [normaliseEmail(a.email), a.name, a.passwordHash, a.role, a.now],
  );
  return rows[0] ? toAccount(rows[0]) : null;
}

/** Creates the account or updates its password, role (and name when given): `cabledesk user add`. */
export async function upsertAccount(
  db: SqlRunner,
  a: { email: string; name: string | null; passwordHash: string; role: Role; now: string },
): Promise<{ account: Account; created: boolean }> {
  const email = normaliseEmail(a.email);
  const existing = await findAccountByEmail(db, email);
  if (!existing) {
    const created = await insertAccount(db, { ...a, email, name: a.name ?? email.split('@')[0]! });
    if (created) return { account: created, created: true };
  }
  const rows = await db.all<AccountRow>(
    `UPDATE accounts SET password_hash = ?, role = ?, name = COALESCE(?, name) WHERE email = ? RETURNING ${ACCOUNT_COLUMNS}`,
    [a.passwordHash, a.role, a.name, email],
  );
  return { account: toAccount(rows[0]!), created: false };
}

export async function renameAccount(db: SqlRunner, id: number, name: string): Promise<void> {
  await db.all('UPDATE accounts SET name = ? WHERE id = ? RETURNING id', [name, id]);
}

export async function setPasswordHash(db: SqlRunner, id: number, hash: string): Promise<void> {
  await db.all('UPDATE accounts SET password_hash = ? WHERE id = ? RETURNING id', [hash, id]);
}

export async function setAccountBanned(db: SqlRunner, id: number, banned: boolean): Promise<void> {
  await db.all('UPDATE accounts SET banned = ? WHERE id = ? RETURNING id', [banned ? 1 : 0, id]);
}
