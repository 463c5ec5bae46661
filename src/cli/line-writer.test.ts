import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { LineWriter } from './line-writer.ts';

/** A slow sink with a tiny buffer, so the writer must wait for 'drain'. */
function slowSink() {
  const chunks: string[] = [];
  const sink = new Writable({
    highWaterMark: 1024,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  return { sink, chunks };
}

test('lines come out whole, in order, in batches, with backpressure respected', async () => {
  const { sink, chunks } = slowSink();
  const out = new LineWriter(sink);
  const lines = Array.from({ length: 5000 }, (_, i) => `{"n":${i},"pad":"${'x'.repeat(i % 50)}"}\n`);
  for (const line of lines) await out.write(line);
  await out.end();
  assert.equal(chunks.join(''), lines.join(''));
  assert.ok(chunks.length < 20, `${chunks.length} writes for ${lines.length} lines`);
  assert.ok(chunks.every((chunk) => chunk.endsWith('\n')));
});

test('a closed pipe (EPIPE) stops the output without an error', async () => {
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      const error: NodeJS.ErrnoException = new Error('write EPIPE');
      error.code = 'EPIPE';
      done(error);
    },
  });
  const out = new LineWriter(sink);
  await out.write('x'.repeat(70_000));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(out.closed, true);
  await out.write('more\n');
  await out.end();
});

test('other write errors are thrown at the end', async () => {
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      const error: NodeJS.ErrnoException = new Error('no space left on device');
      error.code = 'ENOSPC';
      done(error);
    },
  });
  const out = new LineWriter(sink);
  await out.write('x'.repeat(70_000));
  await new Promise((resolve) => setImmediate(resolve));
  await assert.rejects(out.end(), /no space left/);
});
