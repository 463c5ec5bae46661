import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseRoutingHeader } from './routing.ts';

const corpus = process.env['CABLEDESK_CORPUS'];
const skip = !corpus && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder';

const MOSCOW = `VZCZCXRO9862
PP RUEHDBU
DE RUEHMO #9533/01 2430639
ZNY CCCCC ZZH
P 310639Z AUG 06
FM AMEMBASSY MOSCOW
TO RUEHC/SECSTATE WASHDC PRIORITY 1394
INFO RUCNCIS/CIS COLLECTIVE PRIORITY
RUEHXD/MOSCOW POLITICAL COLLECTIVE PRIORITY
`;

test('modern AUTODIN header', () => {
  assert.deepEqual(parseRoutingHeader(MOSCOW, 'C O N F I D E N T I A L SECTION 01 OF 05 MOSCOW 009533'), {
    transmissionId: 'VZCZCXRO9862',
    precedence: 'PRIORITY',
    dtg: '310639Z AUG 06',
    station: 'RUEHMO',
    stationName: 'AMEMBASSY MOSCOW',
    serial: 9533,
    from: 'AMEMBASSY MOSCOW',
    to: ['SECSTATE WASHDC'],
    info: ['CIS COLLECTIVE', 'MOSCOW POLITICAL COLLECTIVE'],
  });
});

test('the precedence before the DTG counts, not the routing line', () => {
  const h = parseRoutingHeader('VZCZCXYZ0003\nOO RUEHWEB\n\nDE RUEHC #4490 3592211\nR 242158Z DEC 08\n', '');
  assert.equal(h.precedence, 'ROUTINE');
  assert.equal(h.serial, 4490);
  const two = parseRoutingHeader('P R 221403Z NOV 06\nFM AMEMBASSY DUSHANBE\n', '');
  assert.equal(two.precedence, 'PRIORITY');
  assert.equal(two.dtg, '221403Z NOV 06');
});

test('old-format header', () => {
  const header = `PAGE 01        HARARE  05461  01 OF 02  271458Z 
ACTION AF-00    

INFO  LOG-00   NP-00    ACQ-00   CIAE-00  DINT-00  DODE-00  SRPP-00  
      NFAT-00  SAS-00     /006W
                  ------------------8A8E0D  271459Z /38    
FM AMEMBASSY HARARE
TO SECSTATE WASHDC IMMEDIATE 7212
INFO NSC WASHDC IMMEDIATE
SOUTHERN AFRICAN DEVELOPMENT COMMUNITY
`;
  const h = parseRoutingHeader(header, '');
  assert.equal(h.from, 'AMEMBASSY HARARE');
  assert.deepEqual(h.to, ['SECSTATE WASHDC']);
  assert.deepEqual(h.info, ['NSC WASHDC', 'SOUTHERN AFRICAN DEVELOPMENT COMMUNITY']);
  assert.equal(h.dtg, '271458Z');
});

test('partial extracts, empty headers and media-partner bodies', () => {
  const partial =
    'This record is a partial extract of the original cable. The full text of the original cable is not available.\n\n061428Z Jun 03\n';
  assert.equal(parseRoutingHeader(partial, '').dtg, '061428Z Jun 03');
  const media = parseRoutingHeader(
    '',
    'Thursday, 31 August 2006, 06:39\nC O N F I D E N T I A L MOSCOW 009533\n',
  );
  assert.equal(media.dtg, 'Thursday, 31 August 2006, 06:39');
  assert.equal(media.precedence, null);
  assert.deepEqual(parseRoutingHeader('', 'UNCLAS BRASILIA 002619\n').to, []);
});

test('XMT exclusions and page lines are not addressees', () => {
  const h = parseRoutingHeader(
    'FM AMEMBASSY FOOBAR\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 3355\nRUEHX/EUROPEAN POLITICAL COLLECTIVE\nXMT AMEMBASSY SOFIA\nAMEMBASSY BUCHAREST\n',
    '',
  );
  assert.deepEqual(h.to, ['SECSTATE WASHDC', 'EUROPEAN POLITICAL COLLECTIVE']);
});

interface RecipientCase {
  input_header: string;
  expected: { name: string }[];
}
const cases = (file: string) =>
  (JSON.parse(readFileSync(join(corpus!, 'expected/cablemap', file), 'utf8')) as { cases: RecipientCase[] })
    .cases;

test('cablemap TO recipients (names)', { skip }, () => {
  for (const c of cases('recipients.json')) {
    assert.deepEqual(
      parseRoutingHeader(c.input_header, '').to,
      c.expected.map((r) => r.name),
      c.input_header,
    );
  }
});

test('cablemap INFO recipients (names)', { skip }, () => {
  for (const c of cases('info_recipients.json')) {
    assert.deepEqual(
      parseRoutingHeader(c.input_header, '').info,
      c.expected.map((r) => r.name),
      c.input_header,
    );
  }
});

test('a DTG inside body text is a reference, not the cable date', () => {
  assert.equal(parseRoutingHeader('', 'UNCLAS X 000001\nREF: STATE 123 DTG 101526Z FEB 06\n').dtg, null);
  assert.equal(parseRoutingHeader('', 'P 101526Z FEB 06\nFM AMEMBASSY X\n').dtg, '101526Z FEB 06');
});

test('office distribution codes of old-format headers are not addressees', () => {
  const h = parseRoutingHeader('ACTION AF-00\n\nINFO  LOG-00   NP-00    ACQ-00\n      DS-00    EUR-00\n', '');
  assert.deepEqual(h.info, []);
});
