/**
 * The job queue on both databases: enqueue and claim, backoff scheduling and the dead state,
 * dedupe keys (queued and running), lease expiry and reclaim, release, counts and prune, and a
 * restart (the store closed and opened again). A movable clock stands in for waiting.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { dialects, type TestDatabase } from '../store/test-dialects.ts';
import { backoffDelay } from './backoff.ts';
import { createJobQueue, type JobQueue } from './queue.ts';

const T0 = 1_800_000_000_000;

for (const dialect of dialects) {
  describe(`job queue on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    let store: Store;
    let queue: JobQueue;
    let now = T0;
    before(async () => {
      database = await dialect.create();
      store = await openStore(database.url);
    });
    beforeEach(async () => {
      now = T0;
      queue = createJobQueue(store, { now: () => now, backoff: { baseMs: 1000, maxMs: 8000, jitter: 0 } });
      await store.runner.all('DELETE FROM jobs RETURNING id');
    });
    after(async () => {
      await store?.close();
      await database?.drop();
    });

    test('enqueue, claim, complete', async () => {
      const id = await queue.enqueue('mail', { to: 'a@example.org', n: [1, 2] });
      const later = await queue.enqueue('mail', { later: true }, { runAt: T0 + 5000 });
      const [job, ...rest] = await queue.claim('w1', 10, 30_000);
      assert.equal(rest.length, 0, 'the later job is not due');
      assert.equal(job!.id, id);
      assert.deepEqual(job!.payload, { to: 'a@example.org', n: [1, 2] });
      assert.equal(job!.state, 'running');
      assert.equal(job!.attempts, 1);
      assert.equal(job!.lockedBy, 'w1');
      assert.equal(job!.lockedUntil, T0 + 30_000);
      assert.deepEqual(await queue.claim('w2', 10, 30_000), [], 'a claimed job is not claimed twice');
      assert.equal(await queue.complete(job!), true);
      assert.equal((await queue.get(id))!.state, 'done');
      assert.equal((await queue.get(id))!.finishedAt, T0);
      assert.equal(await queue.complete(job!), false, 'a second answer is ignored');
      now = T0 + 5000;
      assert.deepEqual(
        (await queue.claim('w1', 10, 30_000)).map((j) => j.id),
        [later],
      );
    });

    test('claims only the kinds asked for, oldest due first', async () => {
      const a = await queue.enqueue('a', 1, { runAt: T0 - 10 });
      const b = await queue.enqueue('b', 2, { runAt: T0 - 20 });
      const c = await queue.enqueue('a', 3, { runAt: T0 - 30 });
      assert.deepEqual(
        (await queue.claim('w', 10, 1000, ['a'])).map((j) => j.id),
        [c, a],
      );
      assert.deepEqual(await queue.claim('w', 10, 1000, []), []);
      assert.deepEqual(
        (await queue.claim('w', 10, 1000)).map((j) => j.id),
        [b],
      );
    });

    test('a failed attempt is retried after an exponential backoff, then the job is failed', async () => {
      const id = await queue.enqueue('flaky', {}, { maxAttempts: 3 });
      let job = (await queue.claim('w', 1, 10_000))[0]!;
      assert.equal(await queue.fail(job, new Error('boom 1')), 'queued');
      let stored = (await queue.get(id))!;
      assert.equal(stored.runAt, T0 + 1000, 'first retry after the base delay');
      assert.equal(stored.lastError, 'Error: boom 1');
      assert.equal(stored.lockedBy, null);
      now = T0 + 999;
      assert.deepEqual(await queue.claim('w', 1, 10_000), [], 'not before its time');
      now = T0 + 1000;
      job = (await queue.claim('w', 1, 10_000))[0]!;
      assert.equal(job.attempts, 2);
      assert.equal(await queue.fail(job, 'boom 2'), 'queued');
      assert.equal((await queue.get(id))!.runAt, T0 + 1000 + 2000, 'twice the delay');
      now = T0 + 3000;
      job = (await queue.claim('w', 1, 10_000))[0]!;
      assert.equal(await queue.fail(job, new TypeError('boom 3')), 'failed');
      stored = (await queue.get(id))!;
      assert.equal(stored.state, 'failed');
      assert.equal(stored.attempts, 3);
      assert.equal(stored.lastError, 'TypeError: boom 3');
      assert.equal(stored.finishedAt, T0 + 3000);
      now = T0 + 1_000_000;
      assert.deepEqual(await queue.claim('w', 1, 10_000), [], 'a failed job stays failed');
      assert.equal(await queue.retry(id), true, 'until put back by hand');
      assert.equal((await queue.claim('w', 1, 10_000))[0]!.attempts, 1);
    });

    test('permanent failures and chosen retry delays', async () => {
      const id = await queue.enqueue('x', {});
      let job = (await queue.claim('w', 1, 10_000))[0]!;
      assert.equal(await queue.fail(job, 'later', { retryInMs: 60_000 }), 'queued');
      assert.equal((await queue.get(id))!.runAt, T0 + 60_000);
      now = T0 + 60_000;
      job = (await queue.claim('w', 1, 10_000))[0]!;
      assert.equal(await queue.fail(job, 'gone', { permanent: true }), 'failed');
      assert.equal((await queue.get(id))!.attempts, 2);
    });

    test('backoff delays double up to the cap, with jitter around them', () => {
      const backoff = { baseMs: 1000, maxMs: 8000, jitter: 0 };
      assert.deepEqual(
        [1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, backoff)),
        [1000, 2000, 4000, 8000, 8000, 8000],
      );
      const spread = { ...backoff, jitter: 0.2 };
      assert.equal(
        backoffDelay(1, spread, () => 0),
        800,
      );
      assert.equal(
        backoffDelay(1, spread, () => 1),
        1200,
      );
    });

    test('a dedupe key refreshes the queued job instead of adding one', async () => {
      const first = await queue.enqueue('verify', { v: 1 }, { key: 'k1', runAt: T0 + 100 });
      const second = await queue.enqueue('verify', { v: 2 }, { key: 'k1', runAt: T0 + 50, maxAttempts: 2 });
      assert.equal(second, first);
      const other = await queue.enqueue('verify', { v: 1 }, { key: 'k2', runAt: T0 + 1000 });
      assert.notEqual(other, first);
      const stored = (await queue.get(first))!;
      assert.deepEqual(stored.payload, { v: 2 });
      assert.equal(stored.runAt, T0 + 50);
      assert.equal(stored.maxAttempts, 2);
      assert.equal(stored.key, 'k1');
      assert.equal((await queue.counts()).queued, 2);

      // A refresh after failed attempts starts the attempts again.
      now = T0 + 50;
      const [job] = await queue.claim('w', 1, 10_000, ['verify']);
      assert.equal(job!.id, first);
      await queue.fail(job!, 'temporary');
      await queue.enqueue('verify', { v: 3 }, { key: 'k1' });
      const refreshed = (await queue.get(first))!;
      assert.equal(refreshed.attempts, 0);
      assert.equal(refreshed.lastError, null);
      assert.equal(refreshed.runAt, T0 + 50);
    });

    test('concurrent enqueues with one dedupe key make one job', async () => {
      const ids = await Promise.all(
        Array.from({ length: 20 }, (_, i) => queue.enqueue('verify', { i }, { key: 'same' })),
      );
      assert.equal(new Set(ids).size, 1);
      assert.equal((await queue.counts()).queued, 1);
    });

    test('a dedupe key on a running job: one more run with the new payload after this one', async () => {
      const id = await queue.enqueue('verify', { v: 1 }, { key: 'k' });
      const [job] = await queue.claim('w', 1, 10_000);
      assert.equal(await queue.enqueue('verify', { v: 2 }, { key: 'k' }), id, 'still one live job');
      assert.deepEqual(await queue.claim('w2', 1, 10_000), [], 'never two runs of one key at once');
      assert.equal(await queue.complete(job!), true);
      const again = (await queue.get(id))!;
      assert.equal(again.state, 'queued');
      assert.equal(again.attempts, 0);
      const [rerun] = await queue.claim('w2', 1, 10_000);
      assert.deepEqual(rerun!.payload, { v: 2 });
      assert.equal(await queue.complete(rerun!), true);
      assert.equal((await queue.get(id))!.state, 'done');
      const fresh = await queue.enqueue('verify', { v: 3 }, { key: 'k' });
      assert.notEqual(fresh, id, 'a finished job does not hold its key');
    });

    test('a claim whose lease ended is taken by another worker; the old answers are ignored', async () => {
      const id = await queue.enqueue('slow', {}, { maxAttempts: 2 });
      const [first] = await queue.claim('crashed', 1, 1000);
      now = T0 + 999;
      assert.deepEqual(await queue.claim('w2', 1, 1000), [], 'lease still running');
      assert.equal(await queue.extend(first!, 1000), true, 'a live claim can be extended');
      now = T0 + 1998;
      assert.deepEqual(await queue.claim('w2', 1, 1000), [], 'extended lease still running');
      now = T0 + 1999;
      const [second] = await queue.claim('w2', 1, 1000);
      assert.equal(second!.id, id);
      assert.equal(second!.attempts, 2);
      assert.equal(second!.lockedBy, 'w2');
      assert.equal(await queue.complete(first!), false, 'the first claim is lost');
      assert.equal(await queue.fail(first!, 'late'), null);
      assert.equal(await queue.extend(first!, 1000), false);
      assert.equal((await queue.get(id))!.state, 'running');
      // The second claim also lapses: no attempt left, so the job is failed rather than run again.
      now = T0 + 10_000;
      assert.deepEqual(await queue.claim('w3', 1, 1000), []);
      const dead = (await queue.get(id))!;
      assert.equal(dead.state, 'failed');
      assert.match(dead.lastError!, /lease expired \(worker w2/);
    });

    test('release gives claims back without counting the attempt', async () => {
      const a = await queue.enqueue('x', 'a');
      const b = await queue.enqueue('x', 'b');
      const claimed = await queue.claim('w', 2, 10_000);
      assert.equal(await queue.release(claimed), 2);
      for (const id of [a, b]) {
        const job = (await queue.get(id))!;
        assert.equal(job.state, 'queued');
        assert.equal(job.attempts, 0);
        assert.equal(job.lockedBy, null);
      }
      assert.equal(await queue.release(claimed), 0, 'only live claims are released');
      assert.equal((await queue.claim('w2', 5, 10_000)).length, 2);
    });

    test('counts per state and kind; prune removes old finished jobs', async () => {
      await queue.enqueue('a', 1);
      await queue.enqueue('a', 2);
      await queue.enqueue('b', 3);
      await queue.enqueue('b', 4, { runAt: T0 + 1000 });
      const [one, two] = await queue.claim('w', 2, 10_000, ['a']);
      await queue.complete(one!);
      await queue.fail(two!, 'x', { permanent: true });
      await queue.claim('w', 1, 10_000, ['b']);
      assert.deepEqual(await queue.counts(), { queued: 1, running: 1, done: 1, failed: 1 });
      assert.deepEqual(await queue.countsByKind(), [
        { kind: 'a', state: 'done', count: 1 },
        { kind: 'a', state: 'failed', count: 1 },
        { kind: 'b', state: 'queued', count: 1 },
        { kind: 'b', state: 'running', count: 1 },
      ]);
      assert.equal(await queue.prune(T0), 0, 'finished at T0, not before');
      assert.equal(await queue.prune(T0 + 1), 2);
      assert.deepEqual(await queue.counts(), { queued: 1, running: 1, done: 0, failed: 0 });
    });

    test('jobs survive a restart (store closed and opened again)', async () => {
      const id = await queue.enqueue('durable', { keep: true }, { key: 'durable-1' });
      const [claimed] = await queue.claim('before-restart', 1, 1000);
      const other = await queue.enqueue('durable', { second: true });
      await store.close();
      store = await openStore(database.url);
      queue = createJobQueue(store, { now: () => now });
      assert.deepEqual((await queue.get(other))!.payload, { second: true });
      now = T0 + 1000;
      const after = await queue.claim('after-restart', 5, 1000);
      assert.deepEqual(
        after.map((j) => [j.id, j.attempts]).sort(),
        [
          [id, 2],
          [other, 1],
        ].sort(),
        'the job of the crashed worker is claimed again after its lease',
      );
      assert.equal(await queue.complete(claimed!), false);
    });
  });
}
