import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandArgs } from './args.ts';
import { CliError } from './cli-error.ts';

test('flags and positionals; - stays a positional', () => {
  const { values, positionals } = parseCommandArgs('parse', ['-f', 'csv', 'a.csv', '-', 'b'], {
    format: { type: 'string', short: 'f', default: 'auto' },
  });
  assert.equal(values.format, 'csv');
  assert.deepEqual(positionals, ['a.csv', '-', 'b']);
});

test('an unknown flag is a CliError pointing at --help', () => {
  assert.throws(
    () => parseCommandArgs('parse', ['--nope'], {}),
    (error: unknown) => error instanceof CliError && /cabledesk parse --help/.test(error.message),
  );
});
