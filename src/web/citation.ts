/**
 * Citation exports of a cable: BibTeX, RIS, CSL-JSON and a formatted reference (author-date, in
 * the manner of the Chicago notes style), all from the same few facts: the sending post as author,
 * the subject as title, the reference id as number, creation and release dates, the permalink.
 */
import type { CableRecord } from '../cable/record.ts';
import { longDate } from './dates.ts';

export interface CitationFacts {
  refId: string;
  title: string;
  origin: string;
  created: string | null;
  released: string | null;
  classification: string;
  url: string;
  /** `YYYY-MM-DD` the reader looked at it (today). */
  accessed: string;
}

/** The subject, or a stand-in naming the cable when it has none. */
export function cableTitle(record: Pick<CableRecord, 'subject' | 'refId'>): string {
  return record.subject ?? `Cable ${record.refId}`;
}

export function citationFacts(record: CableRecord, url: string, accessed: string): CitationFacts {
  return {
    refId: record.refId,
    title: cableTitle(record),
    origin: record.origin,
    created: record.created,
    released: record.released,
    classification: record.classification,
    url,
    accessed,
  };
}

const BIBTEX_SPECIAL = /[\\{}&%$#_^~]/g;

function bibtexEscape(text: string): string {
  return text.replace(BIBTEX_SPECIAL, (ch) => {
    if (ch === '\\') return '\\textbackslash{}';
    if (ch === '^') return '\\^{}';
    if (ch === '~') return '\\~{}';
    return `\\${ch}`;
  });
}

const BIB_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function toBibtex(f: CitationFacts): string {
  const lines = [
    `@misc{${f.refId.replace(/[^A-Za-z0-9]/g, '')},`,
    `  author = {{${bibtexEscape(f.origin)}}},`,
    `  title = {{${bibtexEscape(f.title)}}},`,
  ];
  if (f.created) {
    lines.push(`  year = {${f.created.slice(0, 4)}},`);
    const month = BIB_MONTHS[Number(f.created.slice(5, 7)) - 1];
    if (month) lines.push(`  month = ${month},`);
  }
  lines.push(
    `  howpublished = {Diplomatic cable ${bibtexEscape(f.refId)}},`,
    `  note = {${bibtexEscape(f.classification)}${f.released ? `. Released ${f.released.slice(0, 10)}` : ''}},`,
    `  url = {${f.url}},`,
    `  urldate = {${f.accessed}}`,
    '}',
  );
  return `${lines.join('\n')}\n`;
}

function risDate(iso: string): string {
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/`;
}

export function toRis(f: CitationFacts): string {
  const lines = ['TY  - GOVDOC', `TI  - ${f.title}`, `AU  - ${f.origin}`];
  if (f.created) lines.push(`PY  - ${f.created.slice(0, 4)}`, `DA  - ${risDate(f.created)}`);
  lines.push(`M1  - ${f.refId}`, 'M3  - Diplomatic cable', `N1  - ${f.classification}`);
  if (f.released) lines.push(`N1  - Released ${f.released.slice(0, 10)}`);
  lines.push(`UR  - ${f.url}`, `Y2  - ${f.accessed}`, 'ER  - ');
  return `${lines.map((l) => l.replace(/[\r\n]+/g, ' ')).join('\r\n')}\r\n`;
}

function dateParts(iso: string): number[][] {
  return [[Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))]];
}

export function toCslJson(f: CitationFacts): object {
  return {
    id: f.refId,
    type: 'document',
    genre: 'Diplomatic cable',
    title: f.title,
    author: [{ literal: f.origin }],
    number: f.refId,
    ...(f.created ? { issued: { 'date-parts': dateParts(f.created) } } : {}),
    ...(f.released ? { 'available-date': { 'date-parts': dateParts(f.released) } } : {}),
    note: f.classification,
    URL: f.url,
    accessed: { 'date-parts': dateParts(f.accessed) },
  };
}

/** `Embassy Moscow. "TITLE." Diplomatic cable 06MOSCOW1323, 10 February 2006 (Confidential). Released 30 August 2011. URL (accessed ...).` */
export function formattedCitation(f: CitationFacts): string {
  const level = f.classification.charAt(0) + f.classification.slice(1).toLowerCase();
  const when = f.created ? `, ${longDate(f.created)}` : '';
  const released = f.released ? ` Released ${longDate(f.released)}.` : '';
  return `${f.origin}. “${f.title}.” Diplomatic cable ${f.refId}${when} (${level}).${released} ${f.url} (accessed ${longDate(f.accessed)}).`;
}
