/**
 * The mentions' JSON API (spec/interfaces.md): `GET /api/cables/{refId}/mentions` answers the
 * approved mentions of a cable (`kind`, `source`, `title`, `excerpt`, `received`); a moderator
 * sees every state, with `id` and `status`. `POST /api/moderation/mentions/{id}` with
 * `{ "action": "approve" | "spam" | "trash" }` is for moderators. Errors as the discussion's.
 */
import type { Hono } from 'hono';
import type { Discussion } from '../../discuss/discussion.ts';
import { DiscussionError } from '../../discuss/errors.ts';
import { isModerator } from '../../discuss/types.ts';
import { optionalId } from '../../discuss/validate.ts';
import type { Linkbacks } from '../../linkback/linkbacks.ts';
import type { Mention } from '../../linkback/mentions.ts';
import { jsonErrors } from './discussion-api.ts';
import { currentAccount, readJson } from './discussion-http.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

export function mentionJson(m: Mention, moderator: boolean) {
  return {
    ...(moderator ? { id: m.id } : {}),
    kind: m.kind,
    source: m.source,
    title: m.title,
    excerpt: m.excerpt,
    received: m.received,
    ...(moderator ? { status: m.status } : {}),
  };
}

export function registerLinkbackApi(app: Hono, discussion: Discussion, linkbacks: Linkbacks): void {
  app.get('/api/cables/:id/mentions', (c) =>
    jsonErrors(c, async () => {
      const viewer = await currentAccount(c, discussion);
      const moderator = isModerator(viewer);
      const list = await linkbacks.cableMentions(c.req.param('id'), viewer);
      return c.json({ mentions: list.map((m) => mentionJson(m, moderator)) }, 200, NO_STORE);
    }),
  );

  app.post('/api/moderation/mentions/:id', (c) =>
    jsonErrors(c, async () => {
      const id = optionalId(c.req.param('id'), 'mention id') ?? 0;
      const body = await readJson(c);
      const account = await currentAccount(c, discussion);
      await linkbacks.moderate([id], body['action'], account);
      const mention = await linkbacks.getMention(id);
      if (!mention) throw new DiscussionError(404, 'There is no such mention.');
      return c.json({ id, status: mention.status }, 200, NO_STORE);
    }),
  );
}
