/**
 * The Linkbacks object on both databases, for what the end-to-end tests do not reach: a source
 * that cannot be reached is retried (the job throws) and a new mention is dropped after the last
 * attempt while a verified one is kept; a refused address drops a new mention; a plain-text
 * source counts when it writes the target's address; a repeat is the same row; blocked parents.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseCable } from '../cable/parse.ts';
import { createJobQueue } from '../jobs/queue.ts';
import { openStore } from '../store/open.ts';
import { prepareCable } from '../store/prepared-cable.ts';
import type { Store } from '../store/store.ts';
import { dialects, type TestDatabase } from '../store/test-dialects.ts';
import { hostAndParents, Linkbacks } from './linkbacks.ts';
import { startTestSite, type TestSite } from './test-sites.ts';

const REF = '10TESTUNIT1';
const CABLE = {
  publishedRefId: REF,
  header: '',
  body: 'UNCLAS\n\nSUBJECT: UNIT\n\n1. (U) One.\n\n2. (U) Two.\n',
  created: '2010-01-05T10:00:00Z',
  released: '2011-08-30T01:44:00Z',
  classification: 'UNCLASSIFIED',
  origin: 'Embassy Test',
};
const SITE = 'https://cables.example.org';

test('a host and its parent domains', () => {
  assert.deepEqual(hostAndParents('a.b.Example.org'), ['a.b.example.org', 'b.example.org', 'example.org']);
  assert.deepEqual(hostAndParents('localhost'), ['localhost']);
});

for (const dialect of dialects) {
  describe(`Linkbacks on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    let store: Store;
    let linkbacks: Linkbacks;
    let blog: TestSite;
    const savedAllow = process.env['CABLEDESK_FETCH_ALLOW'];

    before(async () => {
      database = await dialect.create();
      store = await openStore(database.url);
      await store.writeBatch([prepareCable(CABLE, parseCable(CABLE))]);
      linkbacks = new Linkbacks(store, createJobQueue(store), { blockedHosts: ['bad.example'] });
      blog = await startTestSite('127.0.0.1');
      // The blog, and a port on loopback where nothing listens (connection refused).
      process.env['CABLEDESK_FETCH_ALLOW'] = `${blog.hostPort},127.0.0.1:1`;
    });

    after(async () => {
      await blog?.close();
      await store?.close();
      await database?.drop();
      if (savedAllow === undefined) delete process.env['CABLEDESK_FETCH_ALLOW'];
      else process.env['CABLEDESK_FETCH_ALLOW'] = savedAllow;
    });

    test('an unreachable source: retried, dropped after the last attempt when new, kept when verified', async () => {
      const source = 'http://127.0.0.1:1/post';
      const fresh = await linkbacks.receiveWebmention(source, `${SITE}/cable/${REF}`, SITE, '192.0.2.1');
      await assert.rejects(linkbacks.verify(fresh.id, SITE, { attempts: 1, maxAttempts: 5 }));
      assert.equal((await linkbacks.getMention(fresh.id))?.status, 'verifying');
      assert.match(await linkbacks.verify(fresh.id, SITE, { attempts: 5, maxAttempts: 5 }), /^removed/);
      assert.equal(await linkbacks.getMention(fresh.id), null);

      blog.pages.set('/kept', { body: `<a href="${SITE}/cable/${REF}">x</a>` });
      const kept = await linkbacks.receiveWebmention(
        `${blog.origin}/kept`,
        `${SITE}/cable/${REF}`,
        SITE,
        'a',
      );
      assert.equal(await linkbacks.verify(kept.id, SITE), 'verified');
      await linkbacks.db.all("UPDATE mentions SET status = 'approved', source = ? WHERE id = ?", [
        source,
        kept.id,
      ]);
      assert.match(await linkbacks.verify(kept.id, SITE, { attempts: 5, maxAttempts: 5 }), /^kept/);
      assert.equal((await linkbacks.getMention(kept.id))?.status, 'approved');
    });

    test('a refused address drops a new mention; a plain-text source links by writing the address', async () => {
      const refused = await linkbacks.receiveWebmention(
        'http://10.0.0.1/x',
        `${SITE}/cable/${REF}#par2`,
        SITE,
        'a',
      );
      assert.match(await linkbacks.verify(refused.id, SITE), /^removed/);

      blog.pages.set('/notes.txt', {
        headers: { 'content-type': 'text/plain' },
        body: `See ${SITE}/cable/${REF}#par2 for details.`,
      });
      const text = await linkbacks.receiveWebmention(
        `${blog.origin}/notes.txt`,
        `${SITE}/cable/${REF}#par2`,
        SITE,
        'a',
      );
      assert.equal(text.paragraph, 2);
      assert.equal(await linkbacks.verify(text.id, SITE), 'verified');
      // The blog's host has an approved mention (the test before): trusted.
      assert.equal((await linkbacks.getMention(text.id))?.status, 'approved');
    });

    test('a moderator acting while the source is fetched is not undone by the verification', async () => {
      const link = { body: `<a href="${SITE}/cable/${REF}">x</a>` };
      const setStatus = (source: string, status: string) =>
        linkbacks.db.all('UPDATE mentions SET status = ? WHERE source = ? RETURNING id', [status, source]);
      // A new mention sent to spam from the "verifying" queue while its first fetch runs.
      const fresh = `${blog.origin}/spammed-while-fetched`;
      blog.pages.set('/spammed-while-fetched', async () => {
        await setStatus(fresh, 'spam');
        return link;
      });
      const a = await linkbacks.receiveWebmention(fresh, `${SITE}/cable/${REF}`, SITE, 'a');
      assert.equal(await linkbacks.verify(a.id, SITE), 'verified');
      assert.equal((await linkbacks.getMention(a.id))?.status, 'spam');
      // An approved mention sent to trash while a repeat is verified.
      const shown = `${blog.origin}/trashed-while-fetched`;
      blog.pages.set('/trashed-while-fetched', link);
      const b = await linkbacks.receiveWebmention(shown, `${SITE}/cable/${REF}`, SITE, 'a');
      await linkbacks.verify(b.id, SITE);
      await setStatus(shown, 'approved');
      blog.pages.set('/trashed-while-fetched', async () => {
        await setStatus(shown, 'trash');
        return link;
      });
      await linkbacks.receiveWebmention(shown, `${SITE}/cable/${REF}`, SITE, 'a');
      assert.equal(await linkbacks.verify(b.id, SITE), 'verified');
      assert.equal((await linkbacks.getMention(b.id))?.status, 'trash');
    });

    test("a deleted mention's id is never given to another", async () => {
      const first = await linkbacks.receiveWebmention(
        `${blog.origin}/id-1`,
        `${SITE}/cable/${REF}`,
        SITE,
        'a',
      );
      const last = await linkbacks.receiveWebmention(
        `${blog.origin}/id-2`,
        `${SITE}/cable/${REF}`,
        SITE,
        'a',
      );
      assert.ok(last.id > first.id);
      // The source lost its link: removed (the highest id).
      blog.pages.set('/id-2', { body: '<p>no link</p>' });
      assert.match(await linkbacks.verify(last.id, SITE), /^removed/);
      const next = await linkbacks.receiveWebmention(
        `${blog.origin}/id-3`,
        `${SITE}/cable/${REF}`,
        SITE,
        'a',
      );
      assert.ok(next.id > last.id, `id ${next.id} after ${last.id} was deleted`);
    });

    test('a repeat is the same mention; blocked hosts include subdomains', async () => {
      const a = await linkbacks.receiveWebmention(`${blog.origin}/repeat`, `${SITE}/cable/${REF}`, SITE, 'a');
      const b = await linkbacks.receiveWebmention(
        `${blog.origin}/repeat`,
        `${SITE}/cable/${REF.toLowerCase()}`,
        SITE,
        'a',
      );
      assert.equal(a.id, b.id);
      assert.equal(a.token, b.token);
      assert.ok(await linkbacks.isBlocked('www.bad.example'));
      assert.ok(!(await linkbacks.isBlocked('notbad.example')));
    });
  });
}
