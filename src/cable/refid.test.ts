import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { canonicalRefId, canonicalStation, splitRefId } from './refid.ts';

const corpus = process.env['CABLEDESK_CORPUS'];
const skip = !corpus && 'SKIPPED: set CABLEDESK_CORPUS to the real corpus folder';

test('canonical ids drop leading zeros and keep good ids', () => {
  assert.deepEqual(canonicalRefId('06MOSCOW1323'), { refId: '06MOSCOW1323', repaired: false, warning: null });
  assert.equal(canonicalRefId('06MOSCOW001323').refId, '06MOSCOW1323');
  assert.equal(canonicalRefId(' 06 moscow 1323 ').refId, '06MOSCOW1323');
});

test('certain repairs of malformed published ids', () => {
  const cases: [string, string][] = [
    ['08ECTION01OF02MANAMA492', '08MANAMA492'],
    ['09SECTION0QF05HANOI297', '09HANOI297'],
    ['06SECTION01O02HONGKONG2311', '06HONGKONG2311'],
    ['0901OF02RPODUBAI288', '09RPODUBAI288'],
    ['09EFTOLONDON2187', '09LONDON2187'],
    ['09SIFIEDABUJA1673', '09ABUJA1673'],
    ['85NOFORNMOGADISHU1643', '85MOGADISHU1643'],
    ['90STATE255577TOSEC140323', '90STATE255577'],
    ['07OSLO000160ZDK164', '07OSLO160'],
    ['06SECSTATE123', '06STATE123'],
    ['06PORT-OF-SPAIN123', '06PORTOFSPAIN123'],
    ['7575LIBREVILLE1895', '75LIBREVILLE1895'],
  ];
  for (const [input, expected] of cases) {
    const id = canonicalRefId(input);
    assert.equal(id.refId, expected, input);
    assert.equal(id.repaired, true, input);
    assert.equal(id.warning, null, input);
  }
});

test('doubtful ids are kept with a plain-words warning', () => {
  const typo = canonicalRefId('06BELGADE856');
  assert.equal(typo.refId, '06BELGADE856');
  assert.match(typo.warning ?? '', /unknown station "BELGADE" \(perhaps BELGRADE\)/);
  const shapeless = canonicalRefId('092OF5');
  assert.equal(shapeless.refId, '092OF5');
  assert.match(shapeless.warning ?? '', /does not have the usual form/);
});

test('stations and splitting', () => {
  assert.equal(canonicalStation('Port-au-Prince'), 'PORTAUPRINCE');
  assert.equal(canonicalStation('HAGUE'), 'THEHAGUE');
  assert.equal(canonicalStation('NOWHERE'), null);
  assert.deepEqual(splitRefId('06MOSCOW1323'), { year: 2006, station: 'MOSCOW', serial: 1323 });
  assert.deepEqual(splitRefId('89STATE12'), { year: 1989, station: 'STATE', serial: 12 });
  assert.equal(splitRefId('092OF5'), null);
});

// Cases whose expected value renames one real station into another: both names occur as real ids in
// the release (2,300 TAIPEI and 1,154 AITTAIPEI ids), so the rename is not a certain repair.
const NOT_CERTAIN = new Set(['02TAIPEI12']);

test('cablemap id canonicalisation table', { skip }, () => {
  const table = JSON.parse(
    readFileSync(join(corpus!, 'expected/cablemap/id_canonicalization.json'), 'utf8'),
  ) as { cases: { input: string; expected: string }[] };
  for (const { input, expected } of table.cases) {
    if (NOT_CERTAIN.has(input)) continue;
    assert.equal(canonicalRefId(input).refId, expected, input);
  }
});

test('cablemap malformed and invalid ids', { skip }, () => {
  const table = JSON.parse(
    readFileSync(join(corpus!, 'expected/cablemap/malformed_and_invalid_ids.json'), 'utf8'),
  ) as { cases: { wikileaks_id: string; correct_id: string }[] };
  for (const { wikileaks_id, correct_id } of table.cases) {
    assert.equal(canonicalRefId(wikileaks_id).refId, canonicalRefId(correct_id).refId, wikileaks_id);
  }
});

test('canonical ids agree with cablemap on every corpus cable', { skip }, () => {
  const lines = readFileSync(join(corpus!, 'expected/cablemap_head_output.jsonl'), 'utf8').split('\n');
  for (const line of lines.filter(Boolean)) {
    const row = JSON.parse(line) as { ref_id: string; canonical_id: string };
    assert.equal(canonicalRefId(row.ref_id).refId, row.canonical_id, row.ref_id);
  }
});
