/**
 * Fuzz test of parseCable: real cables from the bundled sample, mutated in the ways real input goes
 * wrong (truncated, random characters inserted, sections doubled, a 1 MB line, empty or blank
 * header and body, binary garbage, NUL bytes, lone surrogates, CRLF and CR line endings, shuffled
 * lines, odd ids). Whatever comes in, parseCable must not throw, must keep raw.header and raw.body
 * exactly, and must return every field of the contract with the right type. A seeded PRNG makes
 * every run the same; a failure names its case and seed so it can be replayed.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { readCableFile } from '../sources/cable-file.ts';
import { sampleCablesDir } from '../sources/sample.ts';
import { parseCable } from './parse.ts';
import type { CableRecord, RawCable } from './record.ts';

const SEED = 20101128;

/** mulberry32: a small deterministic PRNG, numbers in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (rand: Rand, n: number): number => Math.floor(rand() * n);
const pick = <T>(rand: Rand, list: readonly T[]): T => list[int(rand, list.length)]!;

const samples: RawCable[] = readdirSync(sampleCablesDir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => readCableFile(readFileSync(join(sampleCablesDir, name), 'utf8')).cable);

/** Characters that make parsers stumble: controls, NUL, lone surrogates, markers, odd spaces. */
const NASTY = [
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\r',
  '\n',
  '\t',
  '\f',
  '\v',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udfff',
  '\ud83d',
  '😀',
  '¶',
  '"',
  '\\',
  '(',
  ')',
  '/',
  ':',
  '.',
  ' ',
  'SUBJECT:',
  'TAGS',
  'REF:',
  'E.O. 12958: DECL: ',
  'Classified By: ',
  'SECTION 02 OF 02',
  'PAGE 02 ',
  ' 002 OF 002',
  'END SUMMARY',
  '1. (C) ',
  '¶1. ',
  'XXXXXXXXXXXX',
];

function insertAt(text: string, at: number, piece: string): string {
  return text.slice(0, at) + piece + text.slice(at);
}

function randomInserts(rand: Rand, text: string, count: number, piece: () => string): string {
  let out = text;
  for (let i = 0; i < count; i++) out = insertAt(out, int(rand, out.length + 1), piece());
  return out;
}

/** Random UTF-16 code units: any value, so lone surrogates and controls included. */
function garbage(rand: Rand, length: number): string {
  const units: number[] = [];
  for (let i = 0; i < length; i++) units.push(int(rand, 0x10000));
  let out = '';
  for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.slice(i, i + 4096));
  return out;
}

function shuffleLines(rand: Rand, text: string): string {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i > 0; i--) {
    const j = int(rand, i + 1);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  return lines.join('\n');
}

type Mutation = (rand: Rand, raw: RawCable) => RawCable;

const MUTATIONS: Record<string, Mutation> = {
  'truncated body': (rand, raw) => ({ ...raw, body: raw.body.slice(0, int(rand, raw.body.length + 1)) }),
  'truncated header': (rand, raw) => ({
    ...raw,
    header: raw.header.slice(0, int(rand, raw.header.length + 1)),
  }),
  'body cut from the start': (rand, raw) => ({
    ...raw,
    body: raw.body.slice(int(rand, raw.body.length + 1)),
  }),
  'random characters inserted': (rand, raw) => ({
    ...raw,
    header: randomInserts(rand, raw.header, int(rand, 5), () => pick(rand, NASTY)),
    body: randomInserts(rand, raw.body, 1 + int(rand, 40), () => pick(rand, NASTY)),
  }),
  'random code units inserted': (rand, raw) => ({
    ...raw,
    body: randomInserts(rand, raw.body, 1 + int(rand, 20), () => garbage(rand, 1 + int(rand, 8))),
  }),
  'sections doubled': (rand, raw) => {
    const lines = raw.body.split('\n');
    const from = int(rand, lines.length);
    const to = from + int(rand, lines.length - from + 1);
    const copy = lines.slice(from, to);
    return { ...raw, body: [...lines.slice(0, to), ...copy, ...lines.slice(to)].join('\n') };
  },
  'whole body twice': (_rand, raw) => ({ ...raw, body: `${raw.body}\n${raw.body}` }),
  'empty header': (_rand, raw) => ({ ...raw, header: '' }),
  'empty body': (_rand, raw) => ({ ...raw, body: '' }),
  'empty header and body': (_rand, raw) => ({ ...raw, header: '', body: '' }),
  'only whitespace': (rand, raw) => ({
    ...raw,
    header: ' \n\t '.repeat(int(rand, 10)),
    body: pick(rand, [' ', '\n', '\t', '\r\n', '\u00a0', ' \n ']).repeat(int(rand, 500)),
  }),
  'binary garbage': (rand, raw) => ({
    ...raw,
    header: garbage(rand, int(rand, 200)),
    body: garbage(rand, int(rand, 5000)),
  }),
  'NUL bytes': (rand, raw) => ({
    ...raw,
    body:
      rand() < 0.2
        ? raw.body.replace(/ /g, '\u0000')
        : randomInserts(rand, raw.body, 1 + int(rand, 30), () => '\u0000'),
  }),
  'lone surrogates': (rand, raw) => ({
    ...raw,
    header: randomInserts(rand, raw.header, int(rand, 3), () => pick(rand, ['\ud800', '\udc00', '\udbff'])),
    body: randomInserts(rand, raw.body, 1 + int(rand, 20), () =>
      pick(rand, ['\ud800', '\udc00', '\udbff', '\ud83d']),
    ),
  }),
  'CRLF line endings': (_rand, raw) => ({
    ...raw,
    header: raw.header.replace(/\n/g, '\r\n'),
    body: raw.body.replace(/\n/g, '\r\n'),
  }),
  'CR line endings': (_rand, raw) => ({ ...raw, body: raw.body.replace(/\n/g, '\r') }),
  'no line breaks': (_rand, raw) => ({ ...raw, body: raw.body.replace(/\n/g, ' ') }),
  'shuffled lines': (rand, raw) => ({
    ...raw,
    header: shuffleLines(rand, raw.header),
    body: shuffleLines(rand, raw.body),
  }),
  'odd ids and metadata': (rand, raw) => ({
    ...raw,
    publishedRefId: pick(rand, [
      '',
      ' ',
      '0',
      '99',
      'SECTION01OF02',
      '08ECTION01OF02',
      garbage(rand, 12),
      '7575LIBREVILLE',
      `${raw.publishedRefId}\u0000`,
    ]),
    created: pick(rand, [null, undefined, '1966-12-28T00:00:00Z', '2010-02-28T23:59:00Z']),
    released: pick(rand, [null, undefined]),
    classification: pick(rand, [null, undefined, '', 'secret//noforn']),
    origin: pick(rand, [null, undefined, '']),
    partial: pick(rand, [true, false, undefined]),
  }),
};

const isStringOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
const ISO_MINUTE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?Z$/;

/** Asserts the record has every field of the contract with the right type, raw text kept. */
function checkRecord(raw: RawCable, r: CableRecord, where: string): void {
  const fail = (field: string): string => `${where}: ${field}`;
  assert.equal(typeof r.refId, 'string', fail('refId'));
  assert.equal(r.publishedRefId, raw.publishedRefId, fail('publishedRefId'));
  for (const key of ['created', 'released'] as const) {
    const v = r[key];
    assert.ok(
      v === null || (typeof v === 'string' && ISO_MINUTE.test(v) && !Number.isNaN(Date.parse(v))),
      fail(`${key} ${v}`),
    );
  }
  assert.equal(typeof r.classification, 'string', fail('classification'));
  assert.equal(typeof r.origin, 'string', fail('origin'));
  assert.equal(typeof r.partial, 'boolean', fail('partial'));
  const h = r.header;
  assert.ok(h && typeof h === 'object', fail('header'));
  for (const key of ['transmissionId', 'precedence', 'dtg', 'station', 'from'] as const) {
    assert.ok(isStringOrNull(h[key]), fail(`header.${key}`));
  }
  assert.ok(h.serial === null || Number.isSafeInteger(h.serial), fail('header.serial'));
  assert.ok(isStringArray(h.to), fail('header.to'));
  assert.ok(isStringArray(h.info), fail('header.info'));
  assert.ok(isStringOrNull(r.subject), fail('subject'));
  assert.ok(isStringArray(r.tags), fail('tags'));
  assert.ok(Array.isArray(r.references), fail('references'));
  for (const ref of r.references) {
    assert.ok(
      isStringOrNull(ref.label) && typeof ref.text === 'string' && isStringOrNull(ref.refId),
      fail('reference'),
    );
  }
  assert.ok(
    r.classifiedBy === null ||
      (typeof r.classifiedBy.text === 'string' && isStringOrNull(r.classifiedBy.name)),
    fail('classifiedBy'),
  );
  assert.ok(isStringArray(r.reasons), fail('reasons'));
  assert.ok(isStringOrNull(r.executiveOrder), fail('executiveOrder'));
  assert.ok(
    r.declassifyOn === null ||
      (typeof r.declassifyOn === 'string' && /^\d{4}-\d\d-\d\d$/.test(r.declassifyOn)),
    fail(`declassifyOn ${r.declassifyOn}`),
  );
  assert.ok(isStringOrNull(r.summary), fail('summary'));
  assert.ok(Array.isArray(r.paragraphs), fail('paragraphs'));
  for (const p of r.paragraphs) {
    assert.ok(
      (p.number === null || Number.isSafeInteger(p.number)) &&
        isStringOrNull(p.marking) &&
        typeof p.text === 'string',
      fail('paragraph'),
    );
  }
  assert.ok(isStringArray(r.signers), fail('signers'));
  assert.ok(r.sections === null || Number.isSafeInteger(r.sections), fail('sections'));
  assert.ok(isStringArray(r.warnings), fail('warnings'));
  assert.ok(r.raw.header === raw.header, fail('raw.header changed'));
  assert.ok(r.raw.body === raw.body, fail('raw.body changed'));
  assert.doesNotThrow(() => JSON.stringify(r), fail('JSON'));
}

function run(raw: RawCable, where: string): void {
  let record: CableRecord;
  try {
    record = parseCable(raw);
  } catch (error) {
    assert.fail(`${where}: parseCable threw ${error instanceof Error ? error.stack : String(error)}`);
  }
  checkRecord(raw, record, where);
}

const HUGE_DEADLINE_MS = 10_000;
/** A worker cannot start from a .ts file directly: register tsx in it, then load this file. */
const WORKER_BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(require('node:worker_threads').workerData.file); });`;

/** Inputs of about 1 MB (a 1 MB line in a real cable, long runs of one character or marker). */
function hugeCases(): [string, RawCable][] {
  const rand = prng(SEED);
  const words = ['THE', 'AMBASSADOR', 'SAID', '(C)', '1.', 'REF:', 'SECTION', '¶', 'XXXXXXXXXXXX'];
  const parts: string[] = [];
  let length = 0;
  while (length < 1_048_576) {
    const w = pick(rand, words);
    parts.push(w);
    length += w.length + 1;
  }
  const line = parts.join(' ');
  const base = samples[int(rand, samples.length)]!;
  const lines = base.body.split('\n');
  const middle = int(rand, lines.length);
  const cases: [string, RawCable][] = [
    [
      'a 1 MB line of words inside a cable',
      { ...base, body: [...lines.slice(0, middle), line, ...lines.slice(middle)].join('\n') },
    ],
    ['a 1 MB header line', { ...base, header: line }],
    ['1 MB of one letter', { ...base, body: 'A'.repeat(1_048_576) }],
    ['1 MB of spaces', { ...base, body: ' '.repeat(1_048_576) }],
  ];
  for (const piece of ['-', '¶', '(', '.', ' \n', 'SUBJECT: ', 'REF: A. ', '1. (C) ', '\\\n']) {
    cases.push([
      `a run of ${JSON.stringify(piece)}`,
      { publishedRefId: '09STATE1', header: '', body: piece.repeat(Math.ceil(262_144 / piece.length)) },
    ]);
  }
  return cases;
}

if (isMainThread) {
  test('fuzz: the sample is there to mutate', () => {
    assert.ok(samples.length >= 20, `sample cables found: ${samples.length}`);
  });

  for (const [name, mutate] of Object.entries(MUTATIONS)) {
    test(`fuzz: ${name}`, () => {
      const rand = prng(SEED ^ [...name].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
      for (let round = 0; round < 3; round++) {
        samples.forEach((raw, i) => {
          run(mutate(rand, raw), `${name} #${round}/${i} (${raw.publishedRefId}, seed ${SEED})`);
        });
      }
    });
  }

  // Huge inputs run in one worker with a deadline per input: a parser that goes quadratic (or
  // worse) on them fails this test instead of hanging the whole suite.
  test('fuzz: huge inputs (about 1 MB each)', async () => {
    const cases = hugeCases();
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { file: import.meta.url } });
    const messages: string[] = [];
    let wake: (() => void) | null = null;
    worker.on('message', (m: string) => {
      messages.push(m);
      wake?.();
    });
    worker.on('error', (error) => {
      messages.push(`worker failed: ${error.stack ?? String(error)}`);
      wake?.();
    });
    const problems: string[] = [];
    for (const [name] of cases) {
      if (!messages.length) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HUGE_DEADLINE_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const message = messages.shift();
      if (message === undefined) {
        problems.push(`${name}: took more than ${HUGE_DEADLINE_MS / 1000} s (quadratic on long runs?)`);
        break;
      }
      if (message !== 'ok') problems.push(`${name}: ${message}`);
    }
    await worker.terminate();
    assert.deepEqual(problems, []);
  });
} else {
  for (const [name, raw] of hugeCases()) {
    try {
      run(raw, `huge input: ${name}`);
      parentPort!.postMessage('ok');
    } catch (error) {
      parentPort!.postMessage(error instanceof Error ? error.message : String(error));
    }
  }
}
