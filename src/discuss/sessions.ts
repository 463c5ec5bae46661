/**
 * Sessions in the database: the browser holds an opaque random token, the database only its
 * SHA-256, with the account and an expiry. Valid on every app server, revocable (log out, password
 * change ends every session of the account).
 */
import type { SqlRunner } from '../store/sql-runner.ts';
import { ACCOUNT_COLUMNS, type AccountRow, toAccount } from './accounts.ts';
import { newToken, sha256 } from './tokens.ts';
import type { Account } from './types.ts';

export const SESSION_DAYS = 30;

export async function createSession(db: SqlRunner, accountId: number, now: Date): Promise<string> {
  const token = newToken();
  // Expired sessions of this account go when it logs in again (lookups ignore them anyway).
  await db.all('DELETE FROM sessions WHERE account_id = ? AND expires_at <= ? RETURNING token_hash', [
    accountId,
    now.toISOString(),
  ]);
  const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.all(
    'INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?) RETURNING token_hash',
    [sha256(token), accountId, now.toISOString(), expires.toISOString()],
  );
  return token;
}

/** The account of a live session token, or null. */
export async function sessionAccount(db: SqlRunner, token: string, now: Date): Promise<Account | null> {
  const columns = ACCOUNT_COLUMNS.split(', ')
    .map((c) => `a.${c}`)
    .join(', ');
  const rows = await db.all<AccountRow>(
    `SELECT ${columns} FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ? AND s.expires_at > ?`,
    [sha256(token), now.toISOString()],
  );
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function deleteSession(db: SqlRunner, token: string): Promise<void> {
  await db.all('DELETE FROM sessions WHERE token_hash = ? RETURNING token_hash', [sha256(token)]);
}

/** Ends every session of an account except, optionally, one (the one changing the password). */
export async function deleteAccountSessions(
  db: SqlRunner,
  accountId: number,
  keepToken?: string,
): Promise<void> {
  await db.all('DELETE FROM sessions WHERE account_id = ? AND token_hash <> ? RETURNING token_hash', [
    accountId,
    keepToken ? sha256(keepToken) : '',
  ]);
}
