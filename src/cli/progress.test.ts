import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { startProgress } from './progress.ts';

function capture() {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean };
  let text = '';
  stream.setEncoding('utf8').on('data', (d: string) => {
    text += d;
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

test('off a terminal nothing is drawn; messages pass through as lines', () => {
  const { stream, text } = capture();
  const progress = startProgress({ label: 'parsing', totalBytes: 1000, itemName: 'cables', stream });
  progress.addBytes(500);
  progress.addItem();
  progress.log('cabledesk parse: x.csv:3: broken csv row');
  progress.stop();
  assert.equal(text(), 'cabledesk parse: x.csv:3: broken csv row\n');
});

test('quiet draws nothing even on a terminal', () => {
  const { stream, text } = capture();
  (stream as { isTTY?: boolean }).isTTY = true;
  const progress = startProgress({ label: 'parsing', itemName: 'cables', quiet: true, stream });
  progress.addBytes(10);
  progress.log('message');
  progress.stop();
  assert.equal(text(), 'message\n');
});
