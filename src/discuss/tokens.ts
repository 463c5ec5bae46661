/**
 * Opaque random tokens (sessions, form tokens) and the SHA-256 under which a token is stored:
 * the database never holds a usable session token.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
