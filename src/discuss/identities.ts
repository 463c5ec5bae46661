/**
 * Outside identities (an OpenID Connect issuer and subject) linked to accounts, in the database.
 */
import type { SqlRunner } from '../store/sql-runner.ts';

export async function accountIdForIdentity(
  db: SqlRunner,
  issuer: string,
  subject: string,
): Promise<number | null> {
  const rows = await db.all<{ account_id: number | string }>(
    'SELECT account_id FROM account_identities WHERE issuer = ? AND subject = ?',
    [issuer, subject],
  );
  return rows[0] ? Number(rows[0].account_id) : null;
}

export async function linkIdentity(
  db: SqlRunner,
  issuer: string,
  subject: string,
  accountId: number,
  now: string,
): Promise<void> {
  await db.all(
    'INSERT INTO account_identities (issuer, subject, account_id, created_at) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (issuer, subject) DO NOTHING RETURNING account_id',
    [issuer, subject, accountId, now],
  );
}
