/**
 * The database rate limiter on both databases: hits within a window count up to the limit, a new
 * window starts again, `peek` does not count, `clearLimit` forgets.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Store } from '../store/store.ts';
import { dialects, useFreshStore } from '../store/test-dialects.ts';
import { clearLimit, hit, peek } from './rate-limit.ts';

for (const dialect of dialects) {
  describe(`rate limits on ${dialect.name}`, { skip: dialect.skip }, () => {
    let store: Store;
    useFreshStore(dialect, (opened) => {
      store = opened;
    });

    test('fixed window', async () => {
      const db = store.runner;
      const limit = { max: 2, windowMs: 60_000 };
      const t = 1_800_000_000_000;
      assert.deepEqual(
        (await Promise.all([hit(db, 'k', limit, t), hit(db, 'k', limit, t + 1)])).map((r) => r.hits).sort(),
        [1, 2],
      );
      const third = await hit(db, 'k', limit, t + 2);
      assert.equal(third.allowed, false);
      assert.equal(third.retryAfter, 60);
      assert.equal((await peek(db, 'k', limit, t + 3)).hits, 3);
      assert.equal((await hit(db, 'k', limit, t + 60_000)).hits, 1, 'a new window');
      await clearLimit(db, 'k');
      assert.equal((await peek(db, 'k', limit, t + 60_001)).hits, 0);
    });
  });
}
