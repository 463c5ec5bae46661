/**
 * The pool of real pieces a synthetic corpus is recombined from, built by parsing real cables:
 * per donor cable its paragraphs (portion marking, sentences, the heading above it), subject,
 * TAGS, "Classified By" text, signer, the lines between the classification line and the E.O.
 * line (SIPDIS, "DEPARTMENT FOR ..."), and its routing header as a template; plus the posts seen
 * (station, routing indicator, FM name, origin). Bounded: past `maxDonors` cables a seeded
 * reservoir sample is kept, so a pool built from the whole 1.7 GB release still fits in memory.
 */
import { parseCable } from '../cable/parse.ts';
import type { RawCable } from '../cable/record.ts';
import { splitRefId } from '../cable/refid.ts';
import { type HeaderTemplate, headerTemplate } from './header-template.ts';
import type { Random } from './random.ts';

/** One paragraph of a donor cable. */
export interface Piece {
  /** A short unnumbered line printed above the paragraph (`OVERVIEW`), or null. */
  heading: string | null;
  /** Numbered in the donor (`1. (C) ...`) or an unnumbered block. */
  numbered: boolean;
  /** The donor's portion marking (`C`, `SBU` ...) or null. */
  marking: string | null;
  sentences: string[];
}

/** Layout eras: the header and body formats of the release changed over time. */
export type Era = 'early' | 'nineties' | 'modern';

export interface Donor {
  refId: string;
  /** Station of the donor's id (`MOSCOW`), or null. */
  station: string | null;
  year: number;
  era: Era;
  /** The donor's text is all upper case (the older cables). */
  upper: boolean;
  pieces: Piece[];
  subject: string | null;
  tags: string[];
  classifiedBy: string | null;
  signer: string | null;
  /** Lines between the classification line and the E.O. line: `SIPDIS`, `DEPARTMENT FOR ...`. */
  addressLines: string[];
  template: HeaderTemplate | null;
}

export interface PoolPost {
  station: string;
  route: string;
  from: string;
  origin: string;
}

export interface Pool {
  donors: Donor[];
  byEra: Record<Era, Donor[]>;
  /** Donors by era and station (`modern/MOSCOW`), so a post's cables can read like that post's. */
  byStation: Map<string, Donor[]>;
  /** The distinct signers of the donors, in pool order (the Secretaries of State left out). */
  signers: string[];
  /** Sentences by case style, for swapping one sentence of a paragraph. */
  sentences: { upper: string[]; mixed: string[] };
  templates: Record<Era, HeaderTemplate[]>;
  posts: PoolPost[];
  /** Station -> its country TAG (`MOSCOW` -> `RS`): the two-letter TAG its cables carry most. */
  countryTags: Map<string, string>;
  /** Cables read, and cables that gave no usable paragraphs. */
  read: number;
  /** Mean characters of header and body of the donors: about what one generated cable weighs. */
  meanChars: number;
  skipped: number;
}

export function eraOf(year: number): Era {
  return year < 1990 ? 'early' : year < 2003 ? 'nineties' : 'modern';
}

const SENTENCE_END = /(?<=[.?!]["”’')]?)\s+(?=["“(]?[A-Z0-9])/;
const HEADING_MAX = 80;
const WHITESPACE = /\s+/g;
const LOWER = /[a-z]/;
const CLASSIFICATION_LINE = /^\s*(?:C O N F|S E C R|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL)/;
const EO_LINE = /^\s*(?:E\.?\s?O\.?|EO)\s*1\d{4}/;
const ADDRESS_LINE = /^[A-Z][A-Z0-9 ,/().&'-]{2,90}$/;
const MAX_ADDRESS_LINES = 4;
const MAX_SENTENCES = 200_000;

function squeeze(text: string): string {
  return text.replace(WHITESPACE, ' ').trim();
}

function splitSentences(text: string): string[] {
  return text.split(SENTENCE_END).filter((s) => s.length > 0);
}

/** Lines after the classification line and before the E.O. line that carry routing words. */
function addressLines(body: string): string[] {
  const lines = body.slice(0, 3000).split('\n');
  const start = lines.findIndex((line) => CLASSIFICATION_LINE.test(line));
  if (start < 0) return [];
  const out: string[] = [];
  for (let i = start + 1; i < lines.length && i < start + 15; i++) {
    const line = lines[i]!.replace(/¶/g, '').trim();
    if (EO_LINE.test(line) || /^(?:TAGS|SUBJ)/.test(line)) return out.slice(0, MAX_ADDRESS_LINES);
    if (line !== '' && ADDRESS_LINE.test(line)) out.push(line);
  }
  return [];
}

/** The pieces of a parsed cable: numbered paragraphs, unnumbered blocks, headings attached below. */
function piecesOf(paragraphs: { number: number | null; marking: string | null; text: string }[]): Piece[] {
  const pieces: Piece[] = [];
  let heading: string | null = null;
  for (const paragraph of paragraphs) {
    const text = squeeze(paragraph.text.replace(/¶/g, ''));
    if (!/[A-Za-z]/.test(text)) continue;
    const short = text.length <= HEADING_MAX && !/[.:;,]$/.test(text);
    if (paragraph.number === null && short && !/^(?:\d+\)|[A-Z]\.)/.test(text)) {
      heading = text;
      continue;
    }
    pieces.push({
      heading,
      numbered: paragraph.number !== null,
      marking: paragraph.marking,
      sentences: splitSentences(text),
    });
    heading = null;
  }
  return pieces;
}

const COUNTRY_TAG = /^[A-Z]{2}$/;

/** Senders that report on many countries: no country TAG of their own. */
const NO_COUNTRY = new Set(['STATE', 'USUNNEWYORK', 'USNATO', 'UNVIEVIENNA', 'USEUBRUSSELS', 'GENEVA']);

/**
 * The country TAG per station: the two-letter TAG on at least two of its cables and on more than
 * half of them (so a post that reports on its neighbours is not given theirs).
 */
function countryTags(
  counts: Map<string, Map<string, number>>,
  donors: Map<string, number>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [station, tags] of counts) {
    if (NO_COUNTRY.has(station)) continue;
    const best = [...tags].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (best && best[1] >= 2 && best[1] * 2 > (donors.get(station) ?? 0)) out.set(station, best[0]);
  }
  return out;
}

/** Collects donors from parsed real cables. */
export class PoolBuilder {
  private readonly donors: Donor[] = [];
  private readonly posts = new Map<string, PoolPost>();
  private read = 0;
  private skipped = 0;
  private donorChars = 0;
  private donorCount = 0;

  constructor(
    private readonly rng: Random,
    private readonly maxDonors = 20_000,
  ) {}

  add(raw: RawCable): void {
    this.read++;
    const record = parseCable(raw);
    const id = splitRefId(record.refId);
    const year = record.created ? Number(record.created.slice(0, 4)) : id?.year;
    const pieces = piecesOf(record.paragraphs);
    if (!year || !pieces.some((piece) => piece.numbered) || raw.body.includes('\n"')) {
      this.skipped++;
      return;
    }
    if (id && record.header.station && record.header.from && record.origin && !this.posts.has(id.station)) {
      this.posts.set(id.station, {
        station: id.station,
        route: record.header.station,
        from: record.header.from,
        origin: record.origin,
      });
    }
    this.donorChars += raw.header.length + raw.body.length;
    this.donorCount++;
    const text = pieces.map((piece) => piece.sentences.join(' ')).join(' ');
    const donor: Donor = {
      refId: record.refId,
      station: id?.station ?? null,
      year,
      era: eraOf(year),
      upper: !LOWER.test(text.slice(0, 2000)),
      pieces,
      subject: record.subject,
      tags: record.tags,
      classifiedBy: record.classifiedBy?.text ?? null,
      signer: record.signers[0] ?? null,
      addressLines: addressLines(raw.body),
      template: headerTemplate(raw.header),
    };
    if (this.donors.length < this.maxDonors) this.donors.push(donor);
    else {
      const slot = this.rng.int(this.read);
      if (slot < this.maxDonors) this.donors[slot] = donor;
    }
  }

  build(): Pool {
    const byEra: Record<Era, Donor[]> = { early: [], nineties: [], modern: [] };
    const byStation = new Map<string, Donor[]>();
    const templates: Record<Era, HeaderTemplate[]> = { early: [], nineties: [], modern: [] };
    const sentences = { upper: [] as string[], mixed: [] as string[] };
    const tagCounts = new Map<string, Map<string, number>>();
    const stationDonors = new Map<string, number>();
    const signers = new Set<string>();
    for (const donor of this.donors) {
      if (donor.station) {
        stationDonors.set(donor.station, (stationDonors.get(donor.station) ?? 0) + 1);
        let counts = tagCounts.get(donor.station);
        if (!counts) {
          counts = new Map();
          tagCounts.set(donor.station, counts);
        }
        for (const tag of donor.tags) if (COUNTRY_TAG.test(tag)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      }
      byEra[donor.era].push(donor);
      if (donor.signer && donor.station !== 'STATE') signers.add(donor.signer);
      if (donor.station) {
        const key = `${donor.era}/${donor.station}`;
        const list = byStation.get(key);
        if (list) list.push(donor);
        else byStation.set(key, [donor]);
      }
      if (donor.template) templates[donor.era].push(donor.template);
      const into = donor.upper ? sentences.upper : sentences.mixed;
      for (const piece of donor.pieces) {
        for (const sentence of piece.sentences)
          if (into.length < MAX_SENTENCES && sentence.length > 20) into.push(sentence);
      }
    }
    return {
      donors: this.donors,
      byEra,
      byStation,
      signers: [...signers],
      sentences,
      templates,
      posts: [...this.posts.values()],
      countryTags: countryTags(tagCounts, stationDonors),
      read: this.read,
      skipped: this.skipped,
      meanChars: this.donorCount > 0 ? this.donorChars / this.donorCount : 0,
    };
  }
}
