/**
 * The server's graceful close with a job runner stopped by it (as serve wires the linkback jobs),
 * on both databases: close() lets a running job finish (its handler sees no abort) before the
 * store is closed, and jobs still queued stay queued for another server; /metrics counts the
 * queue's jobs per state.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createJobQueue } from '../jobs/queue.ts';
import { JobRunner } from '../jobs/runner.ts';
import { openStore } from '../store/open.ts';
import { dialects } from '../store/test-dialects.ts';
import { startServer } from './server.ts';

for (const dialect of dialects) {
  describe(`server close with jobs on ${dialect.name}`, { skip: dialect.skip }, () => {
    test('a running job finishes before the store closes; queued jobs stay queued; metrics count them', async () => {
      const database = await dialect.create();
      try {
        const store = await openStore(database.url);
        const events: string[] = [];
        let started!: () => void;
        const running = new Promise<void>((resolve) => {
          started = resolve;
        });
        const queue = createJobQueue(store);
        const runner = new JobRunner(
          queue,
          {
            'test.slow': async (_payload, _job, signal) => {
              events.push('started');
              started();
              await sleep(400);
              events.push(signal.aborted ? 'aborted' : 'finished');
            },
          },
          { pollMs: 20, concurrency: 1 },
        ).start();
        const server = await startServer({
          store,
          port: 0,
          host: '127.0.0.1',
          onClose: [() => runner.stop()],
        });
        const first = await queue.enqueue('test.slow', { n: 1 });
        await running;
        const second = await queue.enqueue('test.slow', { n: 2 }, { runAt: Date.now() + 60_000 });
        const metrics = await (await fetch(`${server.url}/metrics`)).text();
        assert.match(metrics, /^cabledesk_jobs\{state="running"\} 1$/m);
        assert.match(metrics, /^cabledesk_jobs\{state="queued"\} 1$/m);
        const closing = server.close().then(() => events.push('store closed'));
        await closing;
        assert.deepEqual(events, ['started', 'finished', 'store closed']);

        const again = await openStore(database.url);
        try {
          const after = createJobQueue(again);
          assert.equal((await after.get(first))?.state, 'done');
          assert.equal((await after.get(second))?.state, 'queued');
        } finally {
          await again.close();
        }
      } finally {
        await database.drop();
      }
    });
  });
}
