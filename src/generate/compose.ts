/**
 * Builds one synthetic cable from pool pieces: the routing header from a real template, and a
 * body laid out as the release's bodies are: classification line with the section count, the
 * NOFORN / SENSITIVE / SIPDIS lines, E.O. and DECL, TAGS, SUBJECT, REF list, "Classified By",
 * numbered paragraphs with portion markings (most from one donor cable, some from a second, a
 * sentence swapped now and then, so each cable has its own mix of the real vocabulary), headings,
 * page-break lines between sections or pages of long cables, and the signature.
 */

import { dumpDate } from './csv-writer.ts';
import { type HeaderTemplate, renderHeader } from './header-template.ts';
import type { CableId } from './id-space.ts';
import { type Donor, eraOf, type Piece, type Pool, type PoolPost } from './pool.ts';
import type { Random } from './random.ts';

/** One generated cable, in the columns of cables.csv. */
export interface GeneratedCable {
  row: number;
  /** `MM/DD/YYYY HH:MM` */
  date: string;
  refId: string;
  origin: string;
  classification: string;
  /** Cited ids, `|`-separated as in the dump's references column. */
  references: string;
  header: string;
  body: string;
}

export interface CableSpec {
  row: number;
  time: Date;
  id: CableId;
  post: PoolPost;
  classification: string;
  /** Cited ids, in list order. */
  cites: CableId[];
  /** The Department addressee for cables it sends: `RUEHMO/AMEMBASSY MOSCOW`. */
  addressee: string;
}

/** Lines per section (modern) or page (old layout) before a break line is printed. */
const SECTION_LINES = [90, 150] as const;
const PAGE_LINES = [40, 55] as const;
const SECOND_DONOR_SHARE = 0.3;
const SENTENCE_SWAP = 0.2;

const SECRETARIES: [number, string][] = [
  [2009, 'CLINTON'],
  [2005, 'RICE'],
  [2001, 'POWELL'],
  [1997, 'ALBRIGHT'],
  [1993, 'CHRISTOPHER'],
  [1989, 'BAKER'],
  [1982, 'SHULTZ'],
  [1973, 'KISSINGER'],
  [0, 'ROGERS'],
];

const MARKINGS: Record<string, readonly string[]> = {
  SECRET: ['S', 'S', 'S', 'C', 'U'],
  'SECRET//NOFORN': ['S/NF', 'S/NF', 'S', 'C', 'C/NF'],
  CONFIDENTIAL: ['C', 'C', 'C', 'C', 'SBU', 'U'],
  'CONFIDENTIAL//NOFORN': ['C/NF', 'C/NF', 'C', 'C', 'U'],
  UNCLASSIFIED: ['U', 'U', 'SBU'],
  'UNCLASSIFIED//FOR OFFICIAL USE ONLY': ['SBU', 'SBU', 'U'],
};

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Breaks text into lines of at most `width` characters at spaces. */
export function wrap(text: string, width: number, out: string[]): void {
  let at = 0;
  while (text.length - at > width) {
    let cut = text.lastIndexOf(' ', at + width);
    if (cut <= at) cut = text.indexOf(' ', at + width);
    if (cut < 0) break;
    out.push(text.slice(at, cut));
    at = cut + 1;
  }
  out.push(text.slice(at));
}

function classificationWord(classification: string): string {
  return classification.startsWith('SECRET')
    ? 'SECRET'
    : classification.startsWith('CONF')
      ? 'CONFIDENTIAL'
      : 'UNCLASSIFIED';
}

/** `C O N F I D E N T I A L`, `S E C R E T` or `UNCLAS`. */
function spelledClassification(word: string): string {
  return word === 'UNCLASSIFIED' ? 'UNCLAS' : word.split('').join(' ');
}

function executiveOrderLine(time: Date, classified: boolean, rng: Random): string {
  const year = time.getUTCFullYear();
  if (year < 1978) return 'E.O. 11652: GDS';
  if (year < 1982)
    return classified
      ? `E.O. 12065: GDS ${pad(time.getUTCMonth() + 1, 2)}/${pad(time.getUTCDate(), 2)}/${(year + 6) % 100}`
      : 'E.O. 12065: N/A';
  if (year < 1995) return classified ? 'E.O. 12356: DECL: OADR' : 'E.O. 12356: N/A';
  const order = time.getTime() >= Date.UTC(2009, 11, 29) ? '13526' : '12958';
  if (!classified) return `E.O. ${order}: N/A`;
  const span = rng.chance(0.8) ? 10 : rng.range(5, 25);
  const decl = `${pad(time.getUTCMonth() + 1, 2)}/${pad(time.getUTCDate(), 2)}/${year + span}`;
  return rng.chance(0.05)
    ? `EO ${order} DECL: ${decl.slice(0, 6)}${decl.slice(8)}`
    : `E.O. ${order}: DECL: ${decl}`;
}

function reasonsText(year: number, upper: boolean, rng: Random): string {
  const section = year < 2003 ? '1.5' : '1.4';
  const letters = rng.chance(0.7)
    ? ['b', 'd']
    : rng.chance(0.5)
      ? ['d']
      : rng.chance(0.5)
        ? ['c']
        : ['b', 'c', 'd'];
  const text =
    letters.length === 1
      ? `${section} (${letters[0]})`
      : rng.chance(0.5)
        ? `${section} (${letters.join(') and (')})`
        : `${section}(${letters.join('/')})`;
  return upper ? text.toUpperCase() : text;
}

function referenceText(cite: CableId, ownYear: number, rng: Random): string {
  const yy = cite.year !== ownYear || rng.chance(0.25) ? `${pad(((cite.year % 100) + 100) % 100, 2)} ` : '';
  return `${yy}${cite.place} ${cite.serial}`;
}

/** The donor's TAGS, its post's country TAG swapped for the new post's when both are known. */
function tagsFor(donor: Donor, station: string, pool: Pool): string[] {
  const own = pool.countryTags.get(station);
  const theirs = donor.station ? pool.countryTags.get(donor.station) : undefined;
  if (!own || !theirs || own === theirs) return donor.tags;
  const tags = donor.tags.filter((tag) => tag !== own);
  const at = tags.indexOf(theirs);
  if (at >= 0) tags[at] = own;
  else tags.push(own);
  return tags;
}

/** Subject: the donor's, sometimes its topic joined to another donor's (`ZIMBABWE: ...`). */
function subjectOf(donor: Donor, second: Donor, rng: Random): string {
  const own = donor.subject ?? second.subject;
  if (!own) {
    const first = donor.pieces[0]?.sentences[0] ?? 'REPORT';
    return first
      .split(' ')
      .slice(0, 10)
      .join(' ')
      .replace(/[.,;:]+$/, '')
      .toUpperCase();
  }
  const other = second.subject;
  if (other && other !== own && rng.chance(0.35)) {
    const colon = own.indexOf(': ');
    const otherColon = other.indexOf(': ');
    if (colon > 0 && colon < 40)
      return `${own.slice(0, colon)}: ${otherColon > 0 ? other.slice(otherColon + 2) : other}`;
  }
  return own;
}

function pieceText(piece: Piece, pool: Pool, upper: boolean, rng: Random): string {
  if (piece.sentences.length > 1 && rng.chance(SENTENCE_SWAP)) {
    const swaps = upper ? pool.sentences.upper : pool.sentences.mixed;
    if (swaps.length > 0) {
      const sentences = piece.sentences.slice();
      sentences[rng.int(sentences.length)] = swaps[rng.int(swaps.length)]!;
      return sentences.join(' ');
    }
  }
  return piece.sentences.join(' ');
}

/** The paragraph lines of the body: the first donor's sequence, some pieces taken from the second donor. */
function paragraphLines(
  spec: CableSpec,
  donor: Donor,
  second: Donor,
  pool: Pool,
  width: number,
  rng: Random,
): string[] {
  const lines: string[] = [];
  const markings = MARKINGS[spec.classification] ?? MARKINGS['UNCLASSIFIED']!;
  const marked =
    donor.pieces.some((piece) => piece.marking !== null) &&
    !(spec.classification === 'UNCLASSIFIED' && rng.chance(0.4));
  const upper = donor.upper;
  let number = 0;
  const count = Math.max(1, donor.pieces.length + rng.range(-1, 1));
  for (let i = 0; i < count; i++) {
    const own = donor.pieces[i];
    const piece =
      own === undefined || (rng.chance(SECOND_DONOR_SHARE) && second.upper === upper)
        ? rng.pick(second.pieces)
        : own;
    if (piece.heading && number > 0) {
      lines.push('', piece.heading);
      if (!upper || rng.chance(0.5)) lines.push('-'.repeat(Math.min(piece.heading.length, width)));
    }
    lines.push('');
    let text = pieceText(piece, pool, upper, rng);
    if (piece.numbered || number === 0) {
      number++;
      const marking = marked ? `(${markings[rng.int(markings.length)]}) ` : '';
      text = `${number}. ${marking}${text}`;
    }
    wrap(text, width, lines);
  }
  return lines;
}

/** Inserts section (modern) or page (old) break lines into the body lines; returns the section count. */
function breakLines(
  lines: string[],
  spec: CableSpec,
  oldLayout: boolean,
  word: string,
  rng: Random,
): { lines: string[]; sections: number } {
  const [min, max] = oldLayout ? PAGE_LINES : SECTION_LINES;
  const size = rng.range(min, max);
  const parts = Math.max(1, Math.ceil(lines.length / size));
  if (parts === 1) return { lines, sections: 1 };
  const out: string[] = [];
  const place = spec.id.place.length > 10 ? spec.id.place.slice(0, 10).trimEnd() : spec.id.place;
  const dtg = `${pad(spec.time.getUTCDate(), 2)}${pad(spec.time.getUTCHours(), 2)}${pad(spec.time.getUTCMinutes(), 2)}Z`;
  const pagesPerSection = 4;
  const sections = oldLayout ? Math.ceil(parts / pagesPerSection) : parts;
  for (let part = 0; part < parts; part++) {
    if (part > 0) {
      if (oldLayout) {
        const section = Math.floor(part / pagesPerSection) + 1;
        out.push(
          ` ${word}`,
          `PAGE ${pad(part + 1, 2)} ${spec.id.place} ${pad(spec.id.serial % 100000, 5)} ${pad(section, 2)} OF ${pad(sections, 2)} ${dtg}`,
        );
      } else {
        out.push('', `${place} ${pad(spec.id.serial, 8)}  ${pad(part + 1, 3)} OF ${pad(parts, 3)}`, '');
      }
    }
    for (let i = part * size; i < Math.min(lines.length, (part + 1) * size); i++) out.push(lines[i]!);
  }
  return { lines: out, sections };
}

/** Small stable string hash (FNV-1a), to give a post the same signer for a whole term. */
function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The signature: the Secretary of State for the Department's cables; the donor's own signer when
 * the donor is from the same post; else one signer of the pool per post and three-year term, so a
 * post's cables are signed by the same "ambassador" for a while, as in the release.
 */
function signerOf(station: string, year: number, donor: Donor, pool: Pool): string | null {
  if (station === 'STATE') return SECRETARIES.find(([from]) => year >= from)![1];
  if (donor.station === station && donor.signer) return donor.signer;
  if (pool.signers.length === 0) return null;
  return pool.signers[stableHash(`${station}/${Math.floor(year / 3)}`) % pool.signers.length]!;
}

/** Share of cables whose main donor is a cable of the same post, when the pool has one of the era. */
const SAME_POST = 0.7;

function pickDonor(pool: Pool, year: number, station: string, rng: Random): Donor {
  const era = eraOf(year);
  const own = pool.byStation.get(`${era}/${station}`);
  if (own && rng.chance(SAME_POST)) return own[rng.int(own.length)]!;
  const donors = pool.byEra[era].length > 0 ? pool.byEra[era] : pool.donors;
  return donors[rng.int(donors.length)]!;
}

function pickTemplate(pool: Pool, donor: Donor, year: number, rng: Random): HeaderTemplate | null {
  if (donor.template) return donor.template;
  const era = eraOf(year);
  const templates = pool.templates[era].length > 0 ? pool.templates[era] : pool.templates.modern;
  return templates.length > 0 ? templates[rng.int(templates.length)]! : null;
}

const DEFAULT_TEMPLATE: HeaderTemplate = {
  layout: 'modern',
  slots: [
    { kind: 'transmission', letters: 'XYZ' },
    { kind: 'de' },
    { kind: 'security', suffix: ' ZZH' },
    { kind: 'precedence', precedence: 'R ', suffix: '' },
    { kind: 'from' },
    { kind: 'to-state', prefix: 'TO RUEHC/', rest: ' 0001' },
  ],
};

/** Builds one cable. */
export function composeCable(spec: CableSpec, pool: Pool, rng: Random): GeneratedCable {
  const year = spec.time.getUTCFullYear();
  const donor = pickDonor(pool, year, spec.id.station, rng);
  const second = pickDonor(pool, year, spec.id.station, rng);
  const template = pickTemplate(pool, donor, year, rng) ?? DEFAULT_TEMPLATE;
  const oldLayout = template.layout === 'old';
  const upper = donor.upper;
  const word = classificationWord(spec.classification);
  const classified = word !== 'UNCLASSIFIED';
  const width = rng.range(64, 72);

  const paragraphs = paragraphLines(spec, donor, second, pool, width, rng);
  const signer = signerOf(spec.id.station, year, donor, pool);
  if (signer) paragraphs.push('', signer);
  const { lines: bodyLines, sections } = breakLines(paragraphs, spec, oldLayout, word, rng);

  const head: string[] = [];
  const serial = year < 1990 ? String(spec.id.serial) : pad(spec.id.serial, 6);
  const section =
    sections > 1 ? (year < 1990 ? ` SECTION 1 OF ${sections}` : ` SECTION 01 OF ${pad(sections, 2)}`) : '';
  head.push(`${spelledClassification(word)}${section} ${spec.id.place} ${serial}`, '');
  if (spec.classification.endsWith('NOFORN')) head.push('NOFORN');
  if (spec.classification.endsWith('OFFICIAL USE ONLY')) head.push('SENSITIVE');
  if (year >= 2002 && rng.chance(0.85)) head.push('SIPDIS');
  if (head.length > 2) head.push('');
  if (donor.addressLines.length > 0 && rng.chance(0.5)) {
    for (const line of donor.addressLines) if (!/^(?:SIPDIS|NOFORN|SENSITIVE)\b/.test(line)) head.push(line);
    if (head[head.length - 1] !== '') head.push('');
  }
  head.push(executiveOrderLine(spec.time, classified, rng));
  const tags = tagsFor(donor.tags.length > 0 ? donor : second, spec.id.station, pool);
  if (tags.length > 0) head.push(`TAGS: ${tags.join(', ')}`);
  const subject = subjectOf(donor, second, rng);
  wrap(`SUBJECT: ${upper ? subject.toUpperCase() : subject}`, width, head);
  if (spec.cites.length > 0) {
    head.push('');
    const texts = spec.cites.map((cite) => referenceText(cite, year, rng));
    if (texts.length === 1) head.push(`REF: ${texts[0]}`);
    else {
      for (let i = 0; i < texts.length; i++) {
        head.push(`${i === 0 ? 'REF: ' : '     '}${String.fromCharCode(65 + i)}. ${texts[i]}`);
      }
    }
  }
  if (classified && year >= 1995) {
    const by =
      donor.classifiedBy ?? second.classifiedBy ?? (upper ? 'POLITICAL COUNSELOR' : 'Political Counselor');
    const label = upper ? 'CLASSIFIED BY' : 'Classified By';
    head.push('');
    wrap(`${label}: ${by}. ${upper ? 'REASONS' : 'Reasons'}: ${reasonsText(year, upper, rng)}.`, width, head);
  }

  const header = renderHeader(
    template,
    {
      route: spec.post.route,
      serial: spec.id.serial,
      sections,
      time: spec.time,
      from: spec.post.from,
      place: spec.id.place,
      word,
      addressee: spec.addressee,
    },
    rng,
  );
  return {
    row: spec.row,
    date: dumpDate(spec.time.toISOString()),
    refId: spec.id.refId,
    origin: spec.post.origin,
    classification: spec.classification,
    references: spec.cites.map((cite) => cite.refId).join('|'),
    header,
    body: `${head.join('\n')}\n${bodyLines.join('\n')}\n`,
  };
}
