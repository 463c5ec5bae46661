/**
 * The job runner on both databases, with real time and short intervals: two runners (each with its
 * own store, as two app servers) share 200 jobs and run each exactly once; a failing handler is
 * retried after its backoff; `stop()` waits for running handlers and gives back a claim it has not
 * started; a PermanentJobError fails at once; a long handler keeps its lease, and its signal tells
 * it when the lease is lost or stop gives up; old finished jobs are pruned.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { dialects, type TestDatabase } from '../store/test-dialects.ts';
import { PermanentJobError } from './errors.ts';
import { createJobQueue, type Job, type JobQueue } from './queue.ts';
import { JobRunner } from './runner.ts';

const quiet = () => {};

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}

for (const dialect of dialects) {
  describe(`job runner on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    let store: Store;
    let queue: JobQueue;
    before(async () => {
      database = await dialect.create();
      store = await openStore(database.url);
      queue = createJobQueue(store, { backoff: { baseMs: 50, maxMs: 1000, jitter: 0 } });
    });
    beforeEach(async () => {
      await store.runner.all('DELETE FROM jobs RETURNING id');
    });
    after(async () => {
      await store?.close();
      await database?.drop();
    });

    test('two runners on two connections share 200 jobs: each runs exactly once', async () => {
      const otherStore = await openStore(database.url);
      try {
        const otherQueue = createJobQueue(otherStore);
        for (let i = 0; i < 200; i++) await queue.enqueue('count', { i });
        const runs = new Map<number, string[]>();
        const handler = (name: string) => async (payload: unknown) => {
          const i = (payload as { i: number }).i;
          runs.set(i, [...(runs.get(i) ?? []), name]);
          await sleep(1);
        };
        const options = { pollMs: 5, concurrency: 4, onError: quiet };
        const a = new JobRunner(queue, { count: handler('a') }, options).start();
        const b = new JobRunner(otherQueue, { count: handler('b') }, options).start();
        await until(async () => (await queue.counts()).done === 200, 20_000);
        await Promise.all([a.stop(), b.stop()]);
        assert.equal(runs.size, 200);
        for (const [i, names] of runs) assert.equal(names.length, 1, `job ${i} ran ${names.join(', ')}`);
        const byRunner = [...runs.values()].flat();
        assert.ok(byRunner.includes('a') && byRunner.includes('b'), 'both runners took part');
        assert.deepEqual(await queue.counts(), { queued: 0, running: 0, done: 200, failed: 0 });
      } finally {
        await otherStore.close();
      }
    });

    test('a failing handler is retried after its backoff, then succeeds', async () => {
      const id = await queue.enqueue('flaky', {}, { maxAttempts: 3 });
      const attempts: number[] = [];
      const runner = new JobRunner(
        queue,
        {
          flaky: async (_payload, job) => {
            attempts.push(Date.now());
            if (job.attempts < 2) throw new Error('first time fails');
          },
        },
        { pollMs: 5, onError: quiet },
      ).start();
      await until(async () => (await queue.get(id))!.state === 'done');
      await runner.stop();
      assert.equal(attempts.length, 2);
      assert.ok(attempts[1]! - attempts[0]! >= 45, `retried after ${attempts[1]! - attempts[0]!} ms`);
      assert.equal((await queue.get(id))!.lastError, 'Error: first time fails');
    });

    test('a permanent error fails at once; kinds without a handler are left to other runners', async () => {
      const permanent = await queue.enqueue('bad', {});
      const unknown = await queue.enqueue('nobody-handles-this', {});
      const errors: unknown[] = [];
      const runner = new JobRunner(
        queue,
        {
          bad: async () => {
            throw new PermanentJobError('malformed payload');
          },
        },
        { pollMs: 5, onError: (error) => errors.push(error) },
      ).start();
      await until(async () => (await queue.get(permanent))!.state === 'failed');
      await runner.stop();
      assert.equal((await queue.get(permanent))!.attempts, 1);
      assert.equal((await queue.get(permanent))!.lastError, 'PermanentJobError: malformed payload');
      assert.equal((await queue.get(unknown))!.state, 'queued', 'kinds without a handler are not claimed');
      assert.equal(errors.length, 1, 'the failure is reported');
    });

    test('stop waits for running handlers and releases claims not yet started', async () => {
      const running = await queue.enqueue('slow', {});
      let finish!: () => void;
      const started = new Promise<void>((resolve) => {
        finish = resolve;
      });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let handlerStarted = false;
      const runner = new JobRunner(
        queue,
        {
          slow: async () => {
            handlerStarted = true;
            finish();
            await gate;
          },
        },
        { pollMs: 5, concurrency: 1, onError: quiet },
      ).start();
      await started;
      let stopped = false;
      const stopping = runner.stop().then(() => {
        stopped = true;
      });
      await sleep(50);
      assert.equal(stopped, false, 'stop waits for the running handler');
      assert.equal((await queue.get(running))!.state, 'running');
      release();
      await stopping;
      assert.ok(handlerStarted);
      assert.equal((await queue.get(running))!.state, 'done');

      // A claim that comes back after stop() was called is released, its handler never started.
      const waiting = await queue.enqueue('slow', {});
      let claimed!: () => void;
      const claimDone = new Promise<void>((resolve) => {
        claimed = resolve;
      });
      let openClaim!: () => void;
      const claimGate = new Promise<void>((resolve) => {
        openClaim = resolve;
      });
      const slowClaims: JobQueue = Object.create(queue);
      slowClaims.claim = async (...args: Parameters<JobQueue['claim']>): Promise<Job[]> => {
        const jobs = await queue.claim(...args);
        if (jobs.length) claimed();
        await claimGate;
        return jobs;
      };
      let ran = false;
      const second = new JobRunner(
        slowClaims,
        {
          slow: async () => {
            ran = true;
          },
        },
        { pollMs: 5, onError: quiet },
      ).start();
      await claimDone;
      assert.equal((await queue.get(waiting))!.state, 'running');
      const secondStopping = second.stop();
      openClaim();
      await secondStopping;
      assert.equal(ran, false);
      const released = (await queue.get(waiting))!;
      assert.equal(released.state, 'queued');
      assert.equal(released.attempts, 0);
    });

    test('a handler is told by its signal when its lease is lost or stop gives up waiting', async () => {
      const id = await queue.enqueue('stuck', {});
      const reasons: string[] = [];
      const runner = new JobRunner(
        queue,
        {
          stuck: (_payload, _job, signal) =>
            new Promise<void>((resolve) => {
              signal.addEventListener('abort', () => {
                reasons.push((signal.reason as Error).message);
                resolve();
              });
            }),
        },
        { pollMs: 5, leaseMs: 60, stopTimeoutMs: 50, onError: quiet },
      ).start();
      await until(async () => (await queue.get(id))!.state === 'running');
      // A server whose clock is ahead sees the lease as over and takes the job.
      const ahead = createJobQueue(store, { now: () => Date.now() + 60_000 });
      const [stolen] = await ahead.claim('thief', 1, 120_000);
      assert.equal(stolen!.id, id);
      await until(() => reasons.length === 1);
      assert.match(reasons[0]!, /lease lost to another worker/);
      assert.equal((await queue.get(id))!.lockedBy, 'thief', 'the old claim does not answer for the job');

      const second = await queue.enqueue('stuck', {});
      await until(async () => (await queue.get(second))!.state === 'running');
      const started = Date.now();
      await runner.stop();
      assert.ok(Date.now() - started < 1000);
      assert.deepEqual(reasons.slice(1), ['job runner stopped']);
    });

    test('finished jobs are pruned after keepFinishedMs', async () => {
      const past = Date.now() - 8 * 86_400_000;
      const old = createJobQueue(store, { now: () => past });
      const id = await old.enqueue('old', {});
      await old.complete((await old.claim('w', 1, 1000))[0]!);
      const recent = await queue.enqueue('recent', {});
      await queue.complete((await queue.claim('w', 1, 1000))[0]!);
      const runner = new JobRunner(queue, {}, { pollMs: 5, onError: quiet }).start();
      await until(async () => (await queue.get(id)) === null);
      await runner.stop();
      assert.equal((await queue.get(recent))!.state, 'done');
    });

    test('the lease of a long handler is kept alive', async () => {
      const id = await queue.enqueue('long', {});
      const runner = new JobRunner(
        queue,
        {
          long: async () => {
            await sleep(400);
          },
        },
        { pollMs: 5, leaseMs: 150, onError: quiet },
      ).start();
      await until(async () => (await queue.get(id))!.state === 'running');
      await sleep(250);
      // Past the first lease: another worker must not get the job.
      assert.deepEqual(await queue.claim('thief', 1, 1000), []);
      await until(async () => (await queue.get(id))!.state === 'done');
      await runner.stop();
      assert.equal((await queue.get(id))!.attempts, 1);
    });
  });
}
