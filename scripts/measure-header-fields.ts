/**
 * Measures the header-side field parsers on the real corpus: created date+hour (from the DTG) against
 * the page's Created cell, presence of station / from / to, canonical ids against cablemap's, and the
 * body classification line against the release's classification. Prints figures and disagreements.
 *   CABLEDESK_CORPUS=/path/to/corpus node --import tsx scripts/measure-header-fields.ts [--verbose]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseClassificationLine } from '../src/cable/classification.ts';
import { dtgToIso } from '../src/cable/dtg.ts';
import { canonicalRefId } from '../src/cable/refid.ts';
import { parseRoutingHeader } from '../src/cable/routing.ts';
import { readCableFile } from '../src/sources/cable-file.ts';

const corpus = process.env['CABLEDESK_CORPUS'];
if (!corpus) {
  console.error('set CABLEDESK_CORPUS to the corpus folder');
  process.exit(2);
}
const verbose = process.argv.includes('--verbose');
const cablemap = new Map<string, string>();
for (const line of readFileSync(join(corpus, 'expected/cablemap_head_output.jsonl'), 'utf8').split('\n')) {
  if (!line) continue;
  const row = JSON.parse(line) as { ref_id: string; canonical_id: string };
  cablemap.set(row.ref_id, row.canonical_id);
}

const counts = new Map<string, number>();
const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
const files = readdirSync(join(corpus, 'cables')).filter((f) => f.endsWith('.txt'));
let bytes = 0;
let ms = 0;
for (const file of files) {
  const { cable } = readCableFile(readFileSync(join(corpus, 'cables', file), 'utf8'), file);
  bytes += cable.header.length + cable.body.length;
  const t0 = performance.now();
  const h = parseRoutingHeader(cable.header, cable.body);
  const iso = h.dtg ? dtgToIso(h.dtg, cable.created ?? null) : null;
  const line = parseClassificationLine(cable.body);
  const id = canonicalRefId(cable.publishedRefId);
  ms += performance.now() - t0;

  bump('cables');
  const created = iso ?? cable.created ?? null;
  if (h.dtg) bump('dtg found');
  if (iso) bump('dtg valid');
  if (created && cable.created) {
    if (created.slice(0, 13) === cable.created.slice(0, 13)) bump('created date+hour = page');
    else {
      bump('created date+hour != page');
      const d = Math.abs(Date.parse(created) - Date.parse(cable.created)) / 3600e3;
      const kind =
        created.slice(0, 10) === cable.created.slice(0, 10) ? 'same day' : `${Math.round(d)} h apart`;
      console.log(`DATE ${file} dtg="${h.dtg}" -> ${created} page ${cable.created} (${kind})`);
    }
  }
  if (iso && cable.created && iso.slice(0, 13) === cable.created.slice(0, 13)) bump('dtg date+hour = page');
  if (h.station) bump('station');
  if (h.stationName) bump('stationName');
  if (h.from) bump('from');
  if (h.to.length) bump('to');
  if (h.info.length) bump('info');
  if (h.precedence) bump('precedence');
  if (h.transmissionId) bump('transmissionId');
  if (/^\s*(VZCZC|.*\n\s*DE\s)/.test(cable.header)) bump('header has DE/VZCZC');
  if (/^\s*FM\s/m.test(cable.header)) {
    bump('header has FM');
    if (!h.to.length && verbose) console.log(`NO TO ${file}`);
  }
  const expected = cablemap.get(cable.publishedRefId);
  if (expected) {
    bump('cablemap ids');
    if (expected === id.refId) bump('canonical id = cablemap');
    else console.log(`ID ${cable.publishedRefId} -> ${id.refId}, cablemap ${expected}`);
  }
  if (id.warning) console.log(`IDWARN ${id.warning}`);
  if (line.classification) {
    bump('body classification');
    const release = (cable.classification ?? '').split('//')[0];
    if (release === line.classification) bump('body classification = release level');
    else if (verbose)
      console.log(`CLASS ${file} body ${line.classification} release ${cable.classification}`);
  } else if (verbose) console.log(`NOCLASS ${file} ${JSON.stringify(cable.body.slice(0, 80))}`);
  if (line.sections) bump('sections');
}
const total = counts.get('cables')!;
for (const [key, n] of counts) console.log(`${key.padEnd(36)} ${n}  (${((100 * n) / total).toFixed(2)}%)`);
console.log(`speed ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s over ${(bytes / 1e6).toFixed(1)} MB`);
