/**
 * For tests: an archive with something in every exported table: the bundled sample with its
 * variants (several versions of four cables), accounts of each role with passwords, an outside
 * identity, a comment thread with replies, a held comment, a guest's comment, a deleted comment
 * that keeps its reply, a ban, the moderation log, and (when the table exists) mentions. Built
 * through the discussion's own commands, on either database.
 */
import assert from 'node:assert/strict';
import { Discussion } from '../discuss/discussion.ts';
import { linkIdentity } from '../discuss/identities.ts';
import { sampleCablesDir, sampleVariantsDir } from '../sources/sample.ts';
import { runImport } from '../store/import/importer.ts';
import type { Store } from '../store/store.ts';
import { tableExists, withConnection } from './connection.ts';

/** The accounts made, with their passwords. */
export const PEOPLE = {
  admin: { email: 'admin@example.org', password: 'admin password 1', name: 'Ada' },
  moderator: { email: 'mod@example.org', password: 'moderator password 1', name: 'Moe' },
  member: { email: 'member@example.org', password: 'member password 1', name: 'Mia' },
  troll: { email: 'troll@example.org', password: 'troll password 1', name: 'Tom' },
};

export const SCRYPT_LOG_N = 10;

export async function fillArchive(store: Store): Promise<void> {
  const summary = await runImport({
    store,
    paths: [sampleCablesDir, sampleVariantsDir],
    format: 'auto',
    worker: false,
  });
  assert.equal(summary.failed, 0);
  const talk = new Discussion(store, { scryptLogN: SCRYPT_LOG_N });
  const { account: admin } = await talk.addUser({ ...PEOPLE.admin, role: 'admin' });
  const { account: moderator } = await talk.addUser({ ...PEOPLE.moderator, role: 'moderator' });
  const member = await talk.signUp(PEOPLE.member, '192.0.2.1');
  const troll = await talk.signUp(PEOPLE.troll, '192.0.2.2');
  await linkIdentity(talk.db, 'https://id.example.org', 'subject-1', member.id, new Date().toISOString());

  const top = await talk.post(
    { refId: '06MOSCOW1323', body: 'A first **note**.', paragraph: 2 },
    moderator,
    '::1',
  );
  const held = await talk.post(
    { refId: '06MOSCOW1323', body: 'A member asks.', parentId: top.id },
    member,
    '192.0.2.1',
  );
  assert.equal(held.status, 'pending');
  await talk.moderate([held.id], 'approve', moderator);
  const reply = await talk.post(
    { refId: '06MOSCOW1323', body: 'Another reply.', parentId: held.id },
    member,
    '192.0.2.1',
  );
  assert.equal(reply.status, 'approved');
  await talk.post({ refId: '06MOSCOW1323', body: 'Deep reply.', parentId: reply.id }, admin, '::1');
  const gone = await talk.post({ refId: '09BERN279', body: 'Soon deleted.' }, admin, '::1');
  await talk.post({ refId: '09BERN279', body: 'Replying to it.', parentId: gone.id }, moderator, '::1');
  await talk.remove(gone.id, admin);
  await talk.post(
    { refId: '09BERN279', body: 'A guest writes.', name: 'Guest', email: 'Guest@Example.org' },
    null,
    '198.51.100.7',
  );
  const spam = await talk.post({ refId: '08KYIV768', body: 'Buy now.' }, troll, '192.0.2.2');
  await talk.banAuthor(spam.id, moderator);

  await withConnection(store, async (db) => {
    if (!(await tableExists(db, 'mentions'))) return;
    const now = new Date().toISOString();
    for (const [i, status] of ['approved', 'pending'].entries()) {
      await db.run(
        'INSERT INTO mentions (token, kind, source, source_host, target, target_key, ref_id, title, status, ' +
          'address, received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          `token-${i}`,
          'webmention',
          `https://blog.example.net/post-${i}`,
          'blog.example.net',
          'https://cables.example.org/cable/06MOSCOW1323',
          '06MOSCOW1323',
          '06MOSCOW1323',
          `Post ${i}`,
          status,
          '203.0.113.9',
          now,
          now,
        ],
      );
    }
  });
}
