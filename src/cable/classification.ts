/**
 * The classification line at the top of a cable body and what goes with it in the preamble:
 * - the level, with spaced-out letters joined and spellings normalised: `C O N F I D E N T I A L`
 *   -> `CONFIDENTIAL`, `UNCLAS` -> `UNCLASSIFIED`, `S E C R E T` -> `SECRET`;
 * - handling caveats found anywhere in the preamble (before the SUBJECT line), each once, in order of
 *   appearance: NOFORN, SIPDIS, NODIS, EXDIS, LIMDIS, STADIS, NOCONTRACT, ORCON, PROPIN, FGI,
 *   `REL TO ...`; `FOR OFFICIAL USE ONLY` is listed as FOUO, `SENSITIVE BUT UNCLASSIFIED` (or `SENSITIVE`
 *   alone on its line or before SIPDIS) as SBU;
 * - the section count from `SECTION 01 OF 05` -> 5.
 */

import { memoize } from './memo.ts';
import { singleSpaced } from './preamble.ts';

export interface ClassificationLine {
  /** Normalised classification from the body line (`CONFIDENTIAL`), spaced-out letters joined. */
  classification: string | null;
  caveats: string[];
  /** Total sections from `SECTION 01 OF 02`, or null. */
  sections: number | null;
}

/** The preamble is short; a window this long always holds it (page-dump bodies aside). */
const WINDOW = 2500;
const SUBJECT_LINE = /^[ \t]*SUBJ(?:ECT)?\b/im;

/** Letters of a word, optionally separated by single spaces (`S E C R E T`). */
const spaced = (word: string) => word.split('').join(' ?');
/** Levels, longest first so that `TOP SECRET` wins over `SECRET` and `UNCLASSIFIED` over `UNCLAS`. */
const LEVEL_SOURCE = [
  `TOP ?${spaced('SECRET')}`,
  `(?:C ?)?O ${spaced('NFIDENTIAL')}`,
  spaced('CONFIDENTIAL'),
  `(?:S ?)?E ${spaced('CRET')}`,
  spaced('SECRET'),
  spaced('UNCLASSIFIED'),
  spaced('UNCLAS'),
  'NCLAS',
  'LIMITED OFFICIAL USE',
  'SENSITIVE BUT UNCLASSIFIED',
].join('|');
/** At the start of a line (the usual place) ... */
const LEVEL_AT_LINE_START = new RegExp(`^[ \\t"]*(${LEVEL_SOURCE})(?![A-Za-z])`, 'im');
/** ... or glued after other text (`Cable dated:2005-11-29T14:19:00C O N F I D E N T I A L`). */
const LEVEL_ANYWHERE = new RegExp(`(${LEVEL_SOURCE})(?![A-Za-z])`);

const CAVEATS =
  /\b(NOFORN|SIPDIS|NODIS|EXDIS|LIMDIS|STADIS|NOCONTRACT|ORCON|PROPIN|FGI|FOUO|FOR OFFICIAL USE ONLY|SENSITIVE BUT UNCLASSIFIED|SENSITIVE(?=[ \t,\\]*(?:\r?$|SIPDIS\b|NOFORN\b))|REL TO(?:[ ,]+(?:AND[ ]+)?(?:USA|[A-Z]{3}|NATO|ISAF|[A-Z]{2,6} ?EYES))+)\b/gm;
const CAVEAT_NAMES: Readonly<Record<string, string>> = {
  'FOR OFFICIAL USE ONLY': 'FOUO',
  'SENSITIVE BUT UNCLASSIFIED': 'SBU',
  SENSITIVE: 'SBU',
};

const SECTION = /\bS?ECTION\s+0*(\d{1,3})\s+OF\s+0*(\d{1,3})\b/i;

/** The normalised level from the matched text (a few spellings come back in every cable). */
const level = memoize(levelOf, 1000);

function levelOf(text: string): string {
  const joined = text.toUpperCase().replace(/\s+/g, '');
  if (joined.startsWith('TOP')) return 'TOP SECRET';
  if (joined.endsWith('ONFIDENTIAL')) return 'CONFIDENTIAL';
  if (joined.endsWith('ECRET')) return 'SECRET';
  if (joined.startsWith('UNCLAS') || joined === 'NCLAS' || joined === 'SENSITIVEBUTUNCLASSIFIED')
    return 'UNCLASSIFIED';
  return 'LIMITED OFFICIAL USE';
}

/** Reads the body's classification line, the preamble's caveats, and the section count. */
export function parseClassificationLine(body: string): ClassificationLine {
  let preamble = body.slice(0, WINDOW);
  const subject = SUBJECT_LINE.exec(preamble);
  if (subject) preamble = preamble.slice(0, subject.index);

  const found = LEVEL_AT_LINE_START.exec(preamble) ?? LEVEL_ANYWHERE.exec(preamble);
  const classification = found ? level(found[1]!) : null;

  const caveats: string[] = [];
  // (exec with lastIndex: matchAll would copy the regex on every call)
  CAVEATS.lastIndex = 0;
  for (let m = CAVEATS.exec(preamble); m; m = CAVEATS.exec(preamble)) {
    const raw = singleSpaced(m[1]!);
    const name = CAVEAT_NAMES[raw] ?? raw;
    if (!caveats.includes(name)) caveats.push(name);
  }

  const section = SECTION.exec(preamble);
  let sections: number | null = null;
  if (section) {
    const part = Number(section[1]);
    const total = Number(section[2]);
    if (total >= 1 && part >= 1 && part <= total) sections = total;
  }
  return { classification, caveats, sections };
}
