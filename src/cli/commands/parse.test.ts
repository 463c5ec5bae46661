import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin', 'cabledesk.js');
const dir = mkdtempSync(join(tmpdir(), 'cabledesk-parse-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const row = (n: number, id: string, body: string) =>
  `"${n}","02/10/2006 15:26","${id}","Embassy Moscow","CONFIDENTIAL","","O 101526Z FEB 06\nFM AMEMBASSY MOSCOW","${body}"\n`;
const BODY =
  'C O N F I D E N T I A L MOSCOW 001323 \n\nSIPDIS \n\nE.O. 12958: DECL: 02/10/2016 \nTAGS: PREL, KWBG, RS \nSUBJECT: RUSSIA AND \\"HAMAS\\" \n\n1. (C) On February 10 Ambassador Burns called on DFM Saltanov. \n\nBURNS\n';

writeFileSync(
  join(dir, 'cables.csv'),
  row(1, '06MOSCOW1323', BODY) + '"2","02/10/2006 15:26","06MOSCOW1324"\n' + row(3, '06MOSCOW1325', BODY),
);
writeFileSync(join(dir, '06MOSCOW1400.txt'), BODY.replaceAll('\\"', '"'));
writeFileSync(
  join(dir, 'big.csv'),
  Array.from({ length: 3000 }, (_, i) => row(i + 1, `06MOSCOW${i + 1}`, BODY)).join(''),
);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

test('prints one record per line in input order; a broken row goes to stderr with file:line', async () => {
  const result = await run(['parse', join(dir, 'cables.csv'), join(dir, '06MOSCOW1400.txt')]);
  assert.equal(result.code, 0);
  const lines = result.stdout.trimEnd().split('\n');
  const records = lines.map((line) => JSON.parse(line));
  assert.deepEqual(
    records.map((r) => r.refId),
    ['06MOSCOW1323', '06MOSCOW1325', '06MOSCOW1400'],
  );
  assert.equal(records[0].raw.header, 'O 101526Z FEB 06\nFM AMEMBASSY MOSCOW');
  assert.equal(records[0].raw.body, BODY.replaceAll('\\"', '"'));
  assert.equal(records[0].classification, 'CONFIDENTIAL');
  assert.equal(records[0].origin, 'Embassy Moscow');
  assert.deepEqual(records[1].source, { format: 'csv', path: join(dir, 'cables.csv'), line: 15 });
  assert.equal(records[2].raw.header, '');
  assert.match(
    result.stderr,
    new RegExp(`${join(dir, 'cables.csv').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:14: broken csv row`),
  );
  assert.equal(result.stderr.trim().split('\n').length, 1);
});

test('standard input with -, and a forced format', async () => {
  const jsonl = `${JSON.stringify({ refId: '06MOSCOW1323', body: BODY })}\nnot json\n`;
  const result = await run(['parse', '--format', 'jsonl', '-'], jsonl);
  assert.equal(result.code, 0);
  assert.equal(JSON.parse(result.stdout).refId, '06MOSCOW1323');
  assert.match(result.stderr, /stdin:2: not valid JSON/);
});

test('exit code 1 when nothing could be read, 2 for wrong usage, 0 for --help', async () => {
  const missing = await run(['parse', join(dir, 'nothing-here.csv')]);
  assert.equal(missing.code, 1);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /nothing-here\.csv: no such file or folder/);

  assert.equal((await run(['parse'])).code, 2);
  assert.equal((await run(['parse', '--format', 'pdf', 'x'])).code, 2);

  const help = await run(['parse', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: cabledesk parse/);
  assert.match(help.stdout, /Formats:/);
  assert.match(help.stdout, /Examples:/);
});

test('a reader that goes away (| head) ends the run quietly', async () => {
  const result = await new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'parse', join(dir, 'big.csv')], { cwd: root });
    let stderr = '';
    let stdout = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.stdout.setEncoding('utf8').once('data', (d: string) => {
      stdout = d;
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  assert.match(result.stdout, /^\{"refId":"06MOSCOW1"/);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0);
});
