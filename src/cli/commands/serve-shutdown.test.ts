/**
 * Graceful shutdown of `cabledesk serve` as a real child process, alone and with --workers 2: a
 * request in flight when SIGTERM arrives (a log-in whose body is still on its way) still gets its
 * 200 and session cookie, new connections are refused (single process), and the exit code is 0.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnServe } from '../serve-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'cabledesk-shutdown-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const account = { email: 'slow@example.org', password: 'a long enough password', name: 'Slow' };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Starts POST /api/session, sends the headers and part of the body; `finish()` sends the rest. */
function slowLogIn(url: string): { answer: Promise<Answer>; finish(): void } {
  const body = JSON.stringify({ email: account.email, password: account.password });
  const req = request(`${url}/api/session`, {
    method: 'POST',
    agent: false,
    headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(body.slice(0, 10));
  return { answer, finish: () => req.end(body.slice(10)) };
}

function refused(url: string): Promise<boolean> {
  return fetch(`${url}/healthz`).then(
    () => false,
    () => true,
  );
}

for (const workers of [1, 2]) {
  test(`SIGTERM with a request in flight (${workers} worker${workers > 1 ? 's' : ''}): it gets its 200, exit 0`, async () => {
    const server = await spawnServe([
      '--port',
      '0',
      '--no-sample',
      '--workers',
      String(workers),
      '--db',
      `sqlite:${join(dir, `w${workers}.db`)}`,
    ]);
    try {
      const signup = await fetch(`${server.url}/api/accounts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(account),
      });
      assert.equal(signup.status, 201);
      const slow = slowLogIn(server.url);
      await sleep(400);
      server.child.kill('SIGTERM');
      await sleep(600);
      assert.equal(server.child.exitCode, null, 'the server waits for the request in flight');
      if (workers === 1) assert.ok(await refused(server.url), 'no new connection is accepted');
      slow.finish();
      const answer = await slow.answer;
      assert.equal(answer.status, 200, answer.body);
      assert.match(String(answer.headers['set-cookie']), /cabledesk_session=/);
      assert.equal(await server.exited, 0);
      const stopping = server.logs().find((l) => l['msg'] === 'stopping');
      assert.ok(stopping, server.stderr());
      if (workers === 1) assert.equal(stopping['inFlight'], 1);
    } finally {
      await server.stop('SIGKILL');
    }
  });
}

test('a request still running at the shutdown timeout is cut, and the server exits 0', async () => {
  const server = await spawnServe([
    '--port',
    '0',
    '--no-sample',
    '--shutdown-timeout-ms',
    '300',
    '--db',
    `sqlite:${join(dir, 'timeout.db')}`,
  ]);
  try {
    const slow = slowLogIn(server.url);
    const outcome = slow.answer.then(
      () => 'answered',
      () => 'cut',
    );
    await sleep(300);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    assert.equal(await outcome, 'cut');
  } finally {
    await server.stop('SIGKILL');
  }
});
