/**
 * Tests of the structured logger: one JSON object per line with time, level, pid and message,
 * fields of child loggers, levels below the minimum dropped, errors as message and stack, and
 * the readable format.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from './logger.ts';

const at = new Date('2026-01-02T03:04:05.678Z');

function capture(options: Parameters<typeof createLogger>[0] = {}) {
  const lines: string[] = [];
  const logger = createLogger({ now: () => at, write: (l) => lines.push(l), ...options });
  return { logger, lines };
}

test('json: one object per line with time, level, pid, message and fields', () => {
  const { logger, lines } = capture();
  logger.info('request', { requestId: 'abc', status: 200, skipped: undefined });
  assert.equal(lines.length, 1);
  assert.ok(lines[0]!.endsWith('\n') && !lines[0]!.slice(0, -1).includes('\n'));
  assert.deepEqual(JSON.parse(lines[0]!), {
    time: '2026-01-02T03:04:05.678Z',
    level: 'info',
    pid: process.pid,
    msg: 'request',
    requestId: 'abc',
    status: 200,
  });
});

test('levels below the minimum are dropped; silent writes nothing', () => {
  const { logger, lines } = capture({ level: 'warn' });
  logger.debug('a');
  logger.info('b');
  logger.warn('c');
  logger.error('d');
  assert.deepEqual(
    lines.map((l) => JSON.parse(l).msg),
    ['c', 'd'],
  );
  const silent = capture({ level: 'silent' });
  silent.logger.error('x');
  assert.equal(silent.lines.length, 0);
});

test('a child adds its fields to every line; an error is logged with message and stack', () => {
  const { logger, lines } = capture();
  const child = logger.child({ requestId: 'r1' });
  child.error('request failed', { error: new Error('boom'), msg: 'not overriding' });
  const line = JSON.parse(lines[0]!);
  assert.equal(line.requestId, 'r1');
  assert.equal(line.msg, 'request failed');
  assert.equal(line.error.message, 'boom');
  assert.match(line.error.stack, /boom/);
});

test('pretty: time, level, message, then key=value and the pid', () => {
  const { logger, lines } = capture({ format: 'pretty' });
  logger.info('request', { method: 'GET', path: '/a b', status: 200 });
  assert.equal(lines[0], `03:04:05.678 INFO  request method=GET path="/a b" status=200 pid=${process.pid}\n`);
});
