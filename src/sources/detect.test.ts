import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat, formatFromContent, formatFromName } from './detect.ts';

test('content decides when it is clear', () => {
  assert.equal(formatFromContent('"1","09/27/2000 14:02","00HARARE5461","Embassy Harare"'), 'csv');
  assert.equal(formatFromContent('\ufeff"1","9/27/2000 14:02",'), 'csv');
  assert.equal(formatFromContent('{"refId":"06MOSCOW1323","body":"..."}\n'), 'jsonl');
  assert.equal(formatFromContent("<?xml version='1.0' encoding='utf-8' ?>\n<html>"), 'html');
  assert.equal(formatFromContent('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"'), 'html');
  assert.equal(formatFromContent('<div><pre>VZCZC</pre></div>'), 'html');
  assert.equal(formatFromContent('VZCZCXRO9862\nOO RUEHDBU'), null);
  assert.equal(formatFromContent('C O N F I D E N T I A L MOSCOW 001323'), null);
});

test('then the extension, then plain text', () => {
  assert.equal(formatFromName('dump/cables.CSV'), 'csv');
  assert.equal(formatFromName('cable/2006/03/06PARIS2069.html'), 'html');
  assert.equal(formatFromName('x.ndjson'), 'jsonl');
  assert.equal(formatFromName('06MOSCOW1323.txt'), 'text');
  assert.equal(formatFromName('a.dir/06MOSCOW1323'), null);
  assert.equal(detectFormat('VZCZCXRO9862', '06MOSCOW1323'), 'text');
  assert.equal(detectFormat('VZCZCXRO9862', 'cables.csv'), 'csv');
  assert.equal(detectFormat('"1","09/27/2000 14:02","00HARARE5461"', 'cables.txt'), 'csv');
  assert.equal(detectFormat('hello'), 'text');
});
