/**
 * Request ids: the one a reverse proxy sent in `X-Request-Id` when it is well formed (letters,
 * digits and `. _ : -`, at most 100 characters: a UUID, nginx's `$request_id`...), else a new
 * random UUID. Anything else (spaces, quotes, control characters, very long values) is replaced,
 * so an id is always safe to log and to send back.
 */
import { randomUUID } from 'node:crypto';

const WELL_FORMED = /^[A-Za-z0-9._:-]{1,100}$/;

export function isWellFormedRequestId(value: string): boolean {
  return WELL_FORMED.test(value);
}

export function requestIdFrom(header: string | undefined | null): string {
  return header && WELL_FORMED.test(header) ? header : randomUUID();
}
