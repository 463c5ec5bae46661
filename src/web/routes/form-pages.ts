/**
 * What the routes of plain HTML forms share (discussion, moderation queues, linkbacks): a page
 * never cached by others, a form handler whose DiscussionError becomes a page saying what went
 * wrong, the 303 after a post, a `back` field that can only lead to our own paths, and a lenient
 * reading of an id (null when it is not one).
 */
import type { Context } from 'hono';
import { DiscussionError } from '../../discuss/errors.ts';
import { optionalId } from '../../discuss/validate.ts';
import { HTML } from '../respond.ts';
import { MessagePage } from '../views/discussion-pages.tsx';
import { render } from '../views/layout.tsx';

/** An HTML answer that is never cached by others (it depends on who asks). */
export function privatePage(c: Context, body: string, status = 200): Response {
  // c.body keeps the cookies set on this request (the form token).
  return c.body(body, status as 200, {
    'Content-Type': HTML,
    'Cache-Control': 'private, no-store',
  });
}

/** A page with a title and one message. */
export async function messagePage(
  c: Context,
  title: string,
  text: string,
  status: number,
): Promise<Response> {
  return privatePage(c, await render(MessagePage({ title, message: text })), status);
}

/** A refusal that says when to try again (a rate limit) tells it in Retry-After. */
export function setRetryAfter(c: Context, error: DiscussionError): void {
  if (error.retryAfter) c.header('Retry-After', String(error.retryAfter));
}

/** Runs a form handler; a DiscussionError becomes a page saying what went wrong. */
export async function formErrors(c: Context, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (!(error instanceof DiscussionError)) throw error;
    setRetryAfter(c, error);
    return messagePage(c, 'Not done', error.message, error.status);
  }
}

export function redirect(c: Context, location: string): Response {
  return c.body(null, 303, { Location: location, 'Cache-Control': 'no-store' });
}

/** Only our own paths are followed after a form (never another host). */
export function safeBack(value: string | undefined, fallback: string): string {
  return value && /^\/(?![/\\])/.test(value) ? value : fallback;
}

export function optionalIdOrNull(value: string | undefined): number | null {
  try {
    return optionalId(value, 'number');
  } catch {
    return null;
  }
}
