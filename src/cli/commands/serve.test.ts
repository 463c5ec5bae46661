/**
 * Test of `cabledesk serve` as a user runs it: a fresh database gets the bundled sample, the
 * command prints `listening on http://HOST:PORT` once ready (with --port 0 picking a free port),
 * the site answers, and SIGTERM stops it cleanly. Wrong flags are usage errors.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/cabledesk.js', import.meta.url));

test('serve imports the sample into an empty archive, prints its address and stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cabledesk-serve-'));
  try {
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--port', '0', '--db', `sqlite:${join(dir, 'a.db')}`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    assert.match(stderr, /imported 51, updated 4, unchanged 0, failed 0/);
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    const page = await fetch(`${url}/cable/06MOSCOW1323`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /id="par1"/);
    child.removeAllListeners('exit');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve: a wrong port or flag is a usage error (exit code 2)', () => {
  for (const args of [['--port', 'x'], ['--port', '70000'], ['--nope'], ['--public-url', 'ftp://x']]) {
    const result = spawnSync(process.execPath, [bin, 'serve', ...args], { encoding: 'utf8' });
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, /^cabledesk serve: /);
  }
});
