/** Header templates: a real modern and a real old header, rebuilt around a new sender, serial and time. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerTemplate, renderHeader } from './header-template.ts';
import { Random } from './random.ts';

const MODERN = `VZCZCXRO6866
PP RUEHDE RUEHDH RUEHDIR
DE RUEHAD #0874/01 2451156
ZNY SSSSS ZZH
P 021156Z SEP 09
FM AMEMBASSY ABU DHABI
TO RUEHC/SECSTATE WASHDC PRIORITY 2893
INFO RUEHDE/AMCONSUL DUBAI PRIORITY 8414`;

const OLD = `This record is a partial extract of the original cable. The full text of the original cable is not available.

                           CONFIDENTIAL     PTQ2529

PAGE 01        HARARE  05461  01 OF 02  271458Z 
ACTION AF-00    
                  ------------------8A8E0D  271459Z /38    
FM AMEMBASSY HARARE
TO SECSTATE WASHDC IMMEDIATE 7212`;

const values = {
  route: 'RUEHMO',
  serial: 1323,
  sections: 1,
  time: new Date(Date.UTC(2006, 1, 10, 15, 26)),
  from: 'AMEMBASSY MOSCOW',
  place: 'MOSCOW',
  word: 'CONFIDENTIAL',
  addressee: 'RUEHMO/AMEMBASSY MOSCOW',
};

test('a modern header gets the new DE line, security line, date-time group and FM; addressees stay', () => {
  const template = headerTemplate(MODERN)!;
  assert.equal(template.layout, 'modern');
  const lines = renderHeader(template, values, new Random('t')).split('\n');
  assert.match(lines[0]!, /^VZCZCXRO\d{4}$/);
  assert.equal(lines[1], 'PP RUEHDE RUEHDH RUEHDIR');
  assert.equal(lines[2], 'DE RUEHMO #1323 0411526');
  assert.equal(lines[3], 'ZNY CCCCC ZZH');
  assert.equal(lines[4], 'P 101526Z FEB 06');
  assert.equal(lines[5], 'FM AMEMBASSY MOSCOW');
  assert.equal(lines[6], 'TO RUEHC/SECSTATE WASHDC PRIORITY 2893');
});

test('an old header gets the new page line, marker time and FM; the partial-extract note goes', () => {
  const template = headerTemplate(OLD)!;
  assert.equal(template.layout, 'old');
  const text = renderHeader(template, { ...values, sections: 2, word: 'SECRET' }, new Random('t'));
  assert.ok(!text.includes('partial extract'));
  assert.match(text, /^ +SECRET +PTQ2529$/m);
  assert.match(text, /^PAGE 01 +MOSCOW +01323 +01 OF 02 +101526Z $/m);
  assert.match(text, /-{6}8A8E0D +101526Z \/38/);
  assert.match(text, /^FM AMEMBASSY MOSCOW$/m);
});

test('a cable the Department sends is addressed to a post, not to itself', () => {
  const text = renderHeader(
    headerTemplate(MODERN)!,
    { ...values, from: 'SECSTATE WASHDC', route: 'RUEHC' },
    new Random('t'),
  );
  assert.match(text, /^TO RUEHMO\/AMEMBASSY MOSCOW PRIORITY 2893$/m);
});
