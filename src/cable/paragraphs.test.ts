import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readCableFile } from '../sources/cable-file.ts';
import { cleanBody } from './clean.ts';
import { hasPageBreak } from './page-breaks.ts';
import { parseParagraphs } from './paragraphs.ts';

const corpus = process.env['CABLEDESK_CORPUS'];

const MOSCOW = `C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 001323 
E.O. 12958: DECL: 02/10/2016 
Classified By: Ambassador William J. Burns.  Reasons: 1.4(B/D). 
1. (C)  On February 10 Ambassador Burns called on DFM 
Saltanov seeking clarification. 
7. (C)  Saltanov characterized Russia's relationship with 
Algeria as "improved" and noted interest in the Russian business community. 
MFA Statement on Hamas Invitation 
MOSCOW 00001323  002 OF 002 
In response to a press correspondent regarding President 
Putin's intention, Russian MFA Spokesman Kamynin said: 
"Our intention is to hold open the
possibility for further 
progress on the Road Map. 
"In a planned meeting with the Hamas leadership, we intend to 
promote the Quartet approach. 

BURNS
`;

test('06MOSCOW1323 layout: numbered paragraphs, heading, quoted statement, no signature', () => {
  const ps = parseParagraphs(cleanBody(MOSCOW));
  assert.deepEqual(ps[0], {
    number: 1,
    marking: 'C',
    text: 'On February 10 Ambassador Burns called on DFM Saltanov seeking clarification.',
  });
  assert.equal(ps[1]!.number, 7);
  assert.deepEqual(ps[2], { number: null, marking: null, text: 'MFA Statement on Hamas Invitation' });
  assert.equal(ps[3]!.number, null);
  assert.ok(ps[3]!.text.startsWith('In response to a press correspondent regarding President Putin'));
  assert.ok(ps[4]!.text.includes('to hold open the possibility for further progress'));
  assert.ok(ps.every((p) => !p.text.includes('BURNS') && !hasPageBreak(p.text)));
});

test('marking variants and underlined headings', () => {
  const ps = parseParagraphs(
    'SUBJECT: X\n\nSummary\n-------\n\n1. C) Content 1\n2.(SBU) Content 2\n\n3. (S/NF) Content 3:\n\nA. first item\n\n(C) Unnumbered marked\n',
  );
  assert.deepEqual(ps, [
    { number: null, marking: null, text: 'Summary' },
    { number: 1, marking: 'C', text: 'Content 1' },
    { number: 2, marking: 'SBU', text: 'Content 2' },
    { number: 3, marking: 'S/NF', text: 'Content 3:\nA. first item' },
    { number: null, marking: 'C', text: 'Unnumbered marked' },
  ]);
});

test('no page-break line left in any paragraph of the corpus', {
  skip: !corpus && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder',
}, () => {
  const dir = `${corpus}/cables`;
  const bad: string[] = [];
  for (const f of readdirSync(dir)) {
    const { cable } = readCableFile(readFileSync(`${dir}/${f}`, 'utf8'), f);
    for (const p of parseParagraphs(cleanBody(cable.body)))
      if (hasPageBreak(p.text)) bad.push(`${f}: ${p.text.slice(0, 80)}`);
  }
  assert.deepEqual(bad, []);
});

test('first paragraph glued to a reflowed preamble line', () => {
  const ps = parseParagraphs(
    'SUBJECT: INTERIOR MINISTRY EAGER REF: A. CAIRO 892 Classified By: Acting DCM Haynes Mahoney for reason 1.4 (b). (C) In a June 30 meeting, the DCM urged a response. SCOBEY',
  );
  assert.deepEqual(ps, [
    { number: null, marking: 'C', text: 'In a June 30 meeting, the DCM urged a response.' },
  ]);
});

test('a parenthesis that is not a marking stays in the text', () => {
  const ps = parseParagraphs(
    'TAGS: X\n\n2. (Afghanistan) Presidential Elections\nThe EU observers said so.\n',
  );
  assert.deepEqual(ps, [
    { number: 2, marking: null, text: '(Afghanistan) Presidential Elections The EU observers said so.' },
  ]);
});
