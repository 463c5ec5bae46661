/**
 * The fault suite (`npm run test:faults`, run by .ci/run on its own, after `npm test`, because it
 * restarts PostgreSQL): two app servers on one PostgreSQL behind a balancer (bench/cluster-kit.ts)
 * under a load of cable pages, searches and comment posts, while
 *   - one server is killed (SIGKILL): only requests in flight on it may fail, none after; the
 *     other server goes on;
 *   - PostgreSQL is restarted (CABLEDESK_PG_RESTART, a shell command): requests meanwhile get
 *     503 with Retry-After (never 500), both servers recover by themselves within seconds;
 * and in both, every comment whose post was answered 201 is in the database afterwards.
 * Needs CABLEDESK_PG_URL; without it (or without CABLEDESK_PG_RESTART for the second) the tests
 * say so and skip.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import {
  dropSchema,
  prepareArchive,
  restartPostgres,
  runLoad,
  type Sample,
  sampleRefIds,
  startCluster,
  WORDS,
} from './cluster-kit.ts';

const base = process.env['CABLEDESK_PG_URL'];
const canRestart = Boolean(process.env['CABLEDESK_PG_RESTART']);
const SCHEMA = 'cabledesk_fault_suite';
const CONNECTIONS = 8;

const failed = (samples: Sample[]) => samples.filter((s) => s.status !== 200 && s.status !== 201);
const describeFailures = (samples: Sample[]) =>
  failed(samples)
    .slice(0, 10)
    .map((s) => `${s.kind} ${s.status} at ${(s.at / 1000).toFixed(2)} s`)
    .join('; ');

/** The ids of the comments stored in the suite's schema. */
async function storedCommentIds(): Promise<Set<number>> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(`SELECT id FROM ${SCHEMA}.comments`);
    return new Set(rows.map((r) => Number(r.id)));
  } finally {
    await client.end();
  }
}

async function assertNothingLost(samples: Sample[]): Promise<void> {
  const acknowledged = samples.filter((s) => s.commentId !== undefined).map((s) => s.commentId!);
  assert.ok(acknowledged.length > 0, 'some comment posts were answered 201');
  const stored = await storedCommentIds();
  const missing = acknowledged.filter((id) => !stored.has(id));
  assert.deepEqual(missing, [], 'every comment answered 201 is in the database');
}

describe('faults: two app servers on one PostgreSQL', {
  skip: !base && 'SKIPPED: set CABLEDESK_PG_URL',
}, () => {
  let db = '';
  let refIds: string[] = [];

  before(async () => {
    db = await prepareArchive(base!, SCHEMA);
    refIds = await sampleRefIds();
  });
  after(async () => {
    if (base) await dropSchema(base, SCHEMA);
  });

  test('a server killed under load: only its requests in flight fail, the other goes on, nothing is lost', async (t) => {
    const { servers, balancer, cookie, stop } = await startCluster(db, 2);
    try {
      const killAt = 2;
      const samples = await runLoad({
        base: balancer.url,
        seconds: 6,
        connections: CONNECTIONS,
        refIds,
        words: WORDS,
        cookie,
        during: { atSeconds: killAt, run: () => void servers[0]!.child.kill('SIGKILL') },
      });
      const failures = failed(samples);
      t.diagnostic(`${samples.length} requests, ${failures.length} failed: ${describeFailures(samples)}`);
      await servers[0]!.exited;
      assert.equal(servers[0]!.child.signalCode, 'SIGKILL');
      assert.ok(failures.length <= CONNECTIONS, `at most the ${CONNECTIONS} requests in flight fail`);
      for (const f of failures) assert.equal(f.status, 502, 'a failure is a request cut off in flight');
      const afterKill = samples.filter((s) => s.at > (killAt + 0.5) * 1000);
      assert.ok(afterKill.length > 50, 'the other server keeps answering');
      assert.deepEqual(failed(afterKill), [], 'no request fails once the dead server is left out');
      await assertNothingLost(samples);
    } finally {
      await stop();
    }
  });

  test('PostgreSQL restarted under load: 503 meanwhile, never 500; the servers recover by themselves; nothing is lost', {
    skip: !canRestart && 'SKIPPED: set CABLEDESK_PG_RESTART to a command that restarts the local PostgreSQL',
  }, async (t) => {
    const { servers, balancer, cookie, stop } = await startCluster(db, 2);
    try {
      let restartedAt = 0;
      let restartEnded = 0;
      const samples = await runLoad({
        base: balancer.url,
        seconds: 14,
        connections: CONNECTIONS,
        refIds,
        words: WORDS,
        cookie,
        during: {
          atSeconds: 2,
          run: async () => {
            restartedAt = performance.now();
            await restartPostgres();
            restartEnded = performance.now();
          },
        },
      });
      const failures = failed(samples);
      t.diagnostic(
        `${samples.length} requests, ${failures.length} failed during a ${((restartEnded - restartedAt) / 1000).toFixed(1)} s restart: ${describeFailures(samples)}`,
      );
      for (const s of servers) assert.equal(s.child.exitCode, null, `server ${s.url} is still running`);
      const statuses = new Set(failures.map((f) => f.status));
      assert.ok(!statuses.has(500), `no 500 (failures: ${[...statuses].join(', ')})`);
      for (const status of statuses) assert.equal(status, 503, 'a request during the restart gets 503');
      // Recovered: the last 4 seconds of the run have no failure at all.
      const tail = samples.filter((s) => s.at > 10_000);
      assert.ok(tail.length > 50, 'requests were served after the restart');
      assert.deepEqual(failed(tail), [], 'every request succeeds again after the restart');
      for (const s of servers) assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
      await assertNothingLost(samples);
    } finally {
      await stop();
    }
  });
});
