/**
 * Checks on what people type: e-mail shape, names, passwords, paragraph numbers. Each returns the
 * cleaned value or throws a 400 DiscussionError saying what is wrong.
 */
import { DiscussionError } from './errors.ts';
import { MAX_COMMENT_LENGTH } from './markdown.ts';

const EMAIL = /^[^\s@<>()",;]{1,64}@[^\s@<>()",;]{1,253}\.[a-z0-9-]{2,63}$/i;
// Control characters are never part of a name.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function cleanEmail(value: unknown): string {
  const email = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (email.length > 254 || !EMAIL.test(email))
    throw new DiscussionError(400, 'Please give a valid e-mail address.');
  return email;
}

export function cleanName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '';
  if (name.length < 1 || name.length > 80 || CONTROL.test(name)) {
    throw new DiscussionError(400, 'Please give a name of 1 to 80 characters.');
  }
  return name;
}

export const MIN_PASSWORD = 10;

export function cleanPassword(value: unknown): string {
  const password = typeof value === 'string' ? value : '';
  if (password.length < MIN_PASSWORD || password.length > 512) {
    throw new DiscussionError(400, `Passwords need at least ${MIN_PASSWORD} characters.`);
  }
  return password;
}

export function cleanBody(value: unknown): string {
  const body = typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
  if (body.length === 0) throw new DiscussionError(400, 'The comment is empty.');
  if (body.length > MAX_COMMENT_LENGTH) {
    throw new DiscussionError(400, `Comments are limited to ${MAX_COMMENT_LENGTH} characters.`);
  }
  return body;
}

/** A positive whole number or null (empty), from JSON or a form field. */
export function optionalId(value: unknown, what: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,9}$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isInteger(n) || n < 1) throw new DiscussionError(400, `The ${what} is not valid.`);
  return n;
}
