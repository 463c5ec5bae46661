/**
 * The linkback endpoints other sites call (cross-site by design, see discussion-http.ts):
 * - `POST /trackback/{refId}` (Six Apart TrackBack): form fields url (required), title, excerpt,
 *   blog_name, in the charset the Content-Type names; answers `<response><error>0</error></response>`
 *   or error 1 with a message (GET: 405, the same error).
 * - `POST /xmlrpc` (Pingback 1.0): `pingback.ping(sourceURI, targetURI)`, verified before the
 *   answer; faults 0, 16, 17, 32, 33, 48, 49, 50 as the specification defines them, and the
 *   XML-RPC interoperability codes -32700 (not well-formed) and -32601 (no such method).
 * - `POST /webmention` (W3C Webmention): 400 for a bad request, 202 Accepted (no Location header:
 *   the specification ties it to 201) naming a status page (`/webmention/{token}`) in its text,
 *   verified from the job queue.
 */
import type { Context, Hono } from 'hono';
import { DiscussionError } from '../../discuss/errors.ts';
import { charsetOf, decodeForm } from '../../linkback/form-charset.ts';
import { LinkbackRefusal, type Linkbacks, type RefusalReason } from '../../linkback/linkbacks.ts';
import {
  faultXml,
  MAX_XMLRPC_BYTES,
  parseMethodCall,
  responseXml,
  XmlRpcParseError,
} from '../../linkback/xmlrpc.ts';
import type { WebContext } from '../context.ts';
import { baseUrl } from '../respond.ts';
import { render } from '../views/layout.tsx';
import { WebmentionStatusPage } from '../views/linkback-pages.tsx';
import { linkbackUrls } from '../views/linkback-section.tsx';
import { clientAddress, limitedBytes, limitedText, readForm } from './discussion-http.ts';

const XML = 'text/xml; charset=utf-8';
const NO_STORE = { 'Cache-Control': 'no-store' };

/** The TrackBack answers, exactly as the specification writes them. */
export const TRACKBACK_OK = '<?xml version="1.0" encoding="utf-8"?><response><error>0</error></response>';

export function trackbackError(message: string): string {
  const text = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="utf-8"?><response><error>1</error><message>${text}</message></response>`;
}

/** Pingback 1.0 fault codes. */
export const PINGBACK_FAULTS = {
  generic: 0,
  sourceMissing: 16,
  noLink: 17,
  targetMissing: 32,
  targetUnusable: 33,
  alreadyRegistered: 48,
  accessDenied: 49,
  upstream: 50,
} as const;

const FAULT_FOR: Record<RefusalReason, number> = {
  'invalid-source': PINGBACK_FAULTS.sourceMissing,
  'source-missing': PINGBACK_FAULTS.sourceMissing,
  'no-link': PINGBACK_FAULTS.noLink,
  'no-such-cable': PINGBACK_FAULTS.targetMissing,
  'invalid-target': PINGBACK_FAULTS.targetUnusable,
  'target-elsewhere': PINGBACK_FAULTS.targetUnusable,
  'not-a-cable': PINGBACK_FAULTS.targetUnusable,
  'already-registered': PINGBACK_FAULTS.alreadyRegistered,
  blocked: PINGBACK_FAULTS.accessDenied,
  'rate-limited': PINGBACK_FAULTS.accessDenied,
  upstream: PINGBACK_FAULTS.upstream,
  'same-url': PINGBACK_FAULTS.generic,
};

/** Webmention answers: 400 for what the request got wrong, 403 blocked, 429 too many. */
const WEBMENTION_STATUS: Record<RefusalReason, 400 | 403 | 429> = {
  'invalid-source': 400,
  'invalid-target': 400,
  'target-elsewhere': 400,
  'not-a-cable': 400,
  'no-such-cable': 400,
  'same-url': 400,
  blocked: 403,
  'rate-limited': 429,
  // Not reached for webmentions (verified later), kept for completeness.
  'already-registered': 400,
  'source-missing': 400,
  'no-link': 400,
  upstream: 400,
};

function xml(
  c: Context,
  body: string,
  status: 200 | 405 = 200,
  headers: Record<string, string> = {},
): Response {
  return c.body(body, status, { 'Content-Type': XML, ...NO_STORE, ...headers });
}

function text(c: Context, status: number, message: string, headers: Record<string, string> = {}): Response {
  return c.body(`${message}\n`, status as 400, {
    'Content-Type': 'text/plain; charset=utf-8',
    ...NO_STORE,
    ...headers,
  });
}

function isForm(c: Context): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '');
}

export function registerLinkbackReceivers(app: Hono, ctx: WebContext, linkbacks: Linkbacks): void {
  const base = (c: Context) => baseUrl(c, ctx.publicUrl);

  app.post('/trackback/:id', async (c) => {
    try {
      if (!isForm(c)) return xml(c, trackbackError('Send the ping as application/x-www-form-urlencoded.'));
      // The spec: the sender names the charset of title, excerpt and blog_name in Content-Type.
      const fields = decodeForm(await limitedBytes(c), charsetOf(c.req.header('content-type')));
      await linkbacks.receiveTrackback(
        c.req.param('id'),
        {
          ...(fields['url'] !== undefined ? { url: fields['url'] } : {}),
          ...(fields['title'] !== undefined ? { title: fields['title'] } : {}),
          ...(fields['excerpt'] !== undefined ? { excerpt: fields['excerpt'] } : {}),
          ...(fields['blog_name'] !== undefined ? { blog_name: fields['blog_name'] } : {}),
        },
        base(c),
        clientAddress(c),
      );
      return xml(c, TRACKBACK_OK);
    } catch (error) {
      if (error instanceof LinkbackRefusal || error instanceof DiscussionError) {
        return xml(c, trackbackError(error.message));
      }
      throw error;
    }
  });

  // A browser following the "Trackback URL" link: the address takes POST only (405, Allow), and
  // the answer says so in TrackBack's own format.
  app.get('/trackback/:id', (c) =>
    xml(c, trackbackError('TrackBack pings are sent with POST.'), 405, { Allow: 'POST' }),
  );

  app.post('/xmlrpc', async (c) => {
    let body: string;
    try {
      body = await limitedText(c, MAX_XMLRPC_BYTES);
    } catch (error) {
      if (error instanceof DiscussionError)
        return xml(c, faultXml(-32700, 'parse error: the request is too large'));
      throw error;
    }
    let call: ReturnType<typeof parseMethodCall>;
    try {
      call = parseMethodCall(body);
    } catch (error) {
      if (error instanceof XmlRpcParseError) return xml(c, faultXml(-32700, `parse error: ${error.message}`));
      throw error;
    }
    if (call.method !== 'pingback.ping') {
      return xml(c, faultXml(-32601, `server error: the method ${call.method} does not exist`));
    }
    const [source, target] = call.params;
    if (call.params.length !== 2 || typeof source !== 'string' || typeof target !== 'string') {
      return xml(
        c,
        faultXml(PINGBACK_FAULTS.generic, 'pingback.ping takes two strings: sourceURI and targetURI'),
      );
    }
    try {
      const mention = await linkbacks.receivePingback(source, target, base(c), clientAddress(c));
      return xml(
        c,
        responseXml(
          mention.status === 'approved'
            ? `Pingback from ${mention.source} to ${mention.target} registered.`
            : `Pingback from ${mention.source} to ${mention.target} registered; it is shown once a moderator approves it.`,
        ),
      );
    } catch (error) {
      if (error instanceof LinkbackRefusal) return xml(c, faultXml(FAULT_FOR[error.reason], error.message));
      throw error;
    }
  });

  app.post('/webmention', async (c) => {
    try {
      if (!isForm(c)) return text(c, 400, 'Send source and target as application/x-www-form-urlencoded.');
      const { fields } = await readForm(c);
      if (!fields['source'] || !fields['target']) {
        return text(c, 400, 'Both source and target are required.');
      }
      const mention = await linkbacks.receiveWebmention(
        fields['source'],
        fields['target'],
        base(c),
        clientAddress(c),
      );
      // 202 without Location: Webmention gives a Location (pointing to a status page) only with
      // 201 Created, and the contract says 202; the status page is named in the body instead.
      const status = `${base(c)}${linkbackUrls.webmentionStatus(mention.token)}`;
      return text(c, 202, `Accepted: the source will be verified. Status: ${status}`);
    } catch (error) {
      if (error instanceof LinkbackRefusal) {
        return text(
          c,
          WEBMENTION_STATUS[error.reason],
          error.message,
          error.retryAfter ? { 'Retry-After': String(error.retryAfter) } : {},
        );
      }
      if (error instanceof DiscussionError) return text(c, error.status, error.message);
      throw error;
    }
  });

  app.get('/webmention/:token', async (c) => {
    const mention = await linkbacks.mentionByToken(c.req.param('token'));
    const body = await render(WebmentionStatusPage({ mention }));
    return c.body(body, mention ? 200 : 404, {
      'Content-Type': 'text/html; charset=utf-8',
      ...NO_STORE,
    });
  });
}
