/**
 * The TAGS line(s): the subject and country codes a cable was filed under, upper case, in order,
 * without duplicates. Reads every spelling seen in the release (`TAGS:`, `TAGS` without colon,
 * `tAgs`, `TAG`, `TAS:`, `TABS:`, wrapped lines, commas, semicolons or spaces between codes).
 * Multi-word tags stay one (`HUMAN RIGHTS`, `GOI EXTERNAL`), a name in parentheses after OVIP
 * stays one (`STEINBERG, JAMES B.`), and codes glued together (`PHUMBA`, `KFRDKIRFCVIS...`) are
 * split when every piece is a known TAGS code.
 */
import { preambleWindow } from './preamble.ts';

/** `TAGS` label at the start of a line (allowing a few spelling slips), or after the E.O. line text. */
const LABEL_AT_LINE = /^[ \t¶]*(?:TAGS?|TABS|TAS)(?![A-Z0-9])[ \t]*[:,.;]?/im;
const LABEL_INLINE = /(?:TAGS?|TABS|TAS|AGS)\s*:|(?<=(?:\d|N\/A)\s{1,3})TAG\b/i;
/** `TAGS` without a colon in running text: only in capitals. */
const LABEL_CAPITALS = /\bTAGS\b/;
/** A line that starts another preamble field: the tag list ends before it. */
const NEXT_FIELD =
  /^[ \t¶]*(?:SUBJ\w*|UBJECT|E\.?\s?O\.?\s*\d|REF\w*|CLASSIFIED|DECL|\d{1,2}\s*\.|\(\w{1,5}\)|[A-Z][A-Za-z .]{0,25}:|SUMMARY|SIPDIS|UNCLAS|CONFIDENTIAL|SECRET|C O N|S E C|PAGE \d)/i;
/** Where a tag list that was reflowed onto one line with the next field ends. */
const INLINE_END =
  /\s(?:SUBJ(?:ECT)?\s*:|SUBJECT\b|REF\w*\s*:|CLASSIFIED BY|(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)\s+PAGE\b)/i;
const SEPARATOR_LIST = /[,;]/;
/** Handling caveats that slip into the tag list but are not tags. */
const NOT_TAGS = new Set(['SIPDIS', 'NOFORN', '']);

/** The TAGS subject codes (four letters); used to split codes written without separators. */
const SUBJECT_CODES = new Set(
  (
    'AADP ABLD ABUD ACOA ACKM ADCO ADPM AEMR AFIN AFSI AFSN AGAO AINF AINR AINT ALOW AMED AMGT AMTC ANET ' +
    'AODE AOMS AORC APCS APER ASCH ASEC ASIG BBSR BEXP BMGT BTIO CASC CFED CJAN CLOK CMGT CPAS CVIS EAGR ' +
    'EAID EAIR ECON ECPS EFIN EFIS EIND EINT EINV ELAB ELTN EMIN ENRG EPET ETRD ETTC EWWT MARR MASS MCAP ' +
    'MNUC MOPS ODIP OEXC OFDP OIIP OPDC OPRC OREP OSCI OTRA OVIP PARM PBTS PGOV PHSA PHUM PINR PINS PNAT ' +
    'PREF PREL PROP PTER SCUL SENV SMIG SNAR SOCI TBIO TINT TNGD TPHY TRGY TSPA TSPL KCRM KDEM KFRD KIRF ' +
    'KOCI KPAO KWMN KJUS KNNP KISL KSUM KTIP KTFN KCOR KHLS KMDR KPAL KWBG KPKO KSCA KSEP KFLU KGHG KIPR ' +
    'KCIP KSTC KMPI KMCA KHIV KTER KIRC KSAF KBIO KCFE KGIC KPOW KOMC KRVC KVPR KNAR KACT KAWC KFIN KNEI ' +
    'KUNR KDRG KPLS KTDB KFPC KSPR KRAD KREC KSCI KWAC KPRP KAWK ECIN KFLO'
  ).split(' '),
);

/**
 * Splits codes written without separators into their pieces: `PHUMBA` -> `PHUM`, `BA`; `ITPHUM`
 * -> `IT`, `PHUM`; `KFRDKIRFCVIS` -> three codes. The pieces are known four-letter subject codes
 * and two-letter country codes; a word is only split when at least two of its pieces are subject
 * codes or it is one subject code and one country code (so `ECONOMIC` stays whole). Null when
 * the word is not such a run.
 */
function splitGlued(token: string): string[] | null {
  if (token.length < 6 || token.length % 2 !== 0 || !/^[A-Z]+$/.test(token)) return null;
  // best[i]: the pieces of token.slice(i) with the most subject codes, or null when impossible.
  const best: (string[] | null)[] = new Array(token.length + 1).fill(null);
  best[token.length] = [];
  for (let at = token.length - 2; at >= 0; at -= 2) {
    const four = token.slice(at, at + 4);
    const viaFour = at + 4 <= token.length && SUBJECT_CODES.has(four) ? (best[at + 4] ?? null) : null;
    const viaTwo = best[at + 2] ?? null;
    const codes = (parts: string[] | null): number =>
      parts ? parts.filter((p) => p.length === 4).length : -1;
    if (viaFour && codes(viaFour) + 1 >= codes(viaTwo)) best[at] = [four, ...viaFour];
    else if (viaTwo) best[at] = [token.slice(at, at + 2), ...viaTwo];
  }
  const parts = best[0];
  if (!parts) return null;
  const codes = parts.filter((p) => p.length === 4).length;
  const countries = parts.length - codes;
  return codes >= 2 ? (countries <= 2 ? parts : null) : codes === 1 && countries === 1 ? parts : null;
}

/**
 * True when `line` carries on the tag list: after a trailing comma, when it is one or two words,
 * or when at least half its words are country or subject codes and none reads like prose.
 */
function continuesList(previous: string, line: string): boolean {
  if (/[,;]\s*$/.test(previous)) return true;
  const words = line
    .trim()
    .toUpperCase()
    .split(/[\s,;]+/);
  if (words.length <= 2) return true;
  if (words.some((w) => /['’]|^\d/.test(w))) return false;
  const codes = words.filter((w) => /^[A-Z]{2}$/.test(w) || SUBJECT_CODES.has(w) || /^K[A-Z]{3}$/.test(w));
  return codes.length * 2 >= words.length;
}

/** The raw text of the tag list: the label's line plus wrapped continuation lines. */
function tagListText(window: string): string | null {
  let label = LABEL_AT_LINE.exec(window);
  if (!label) label = LABEL_INLINE.exec(window) ?? LABEL_CAPITALS.exec(window);
  if (!label) return null;
  const start = label.index + label[0].length;
  const lines = window.slice(start, start + 1500).split('\n');
  const kept = [lines[0]!];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim() || NEXT_FIELD.test(line) || !continuesList(kept[kept.length - 1]!, line)) break;
    kept.push(line);
  }
  let text = kept.join(' ');
  const end = INLINE_END.exec(text);
  if (end) text = text.slice(0, end.index);
  return text;
}

/** A word that is a tag code on its own: a country code, a subject code, an acronym-like code. */
function isCode(word: string): boolean {
  return word.length <= 4 || /[^A-Z]/.test(word) || SUBJECT_CODES.has(word) || splitGlued(word) !== null;
}

/**
 * Splits one piece of a tag list into tags. In a comma list a piece is one tag unless most of its
 * words are codes (`PTER MARR`); in a space list, runs of two or more plain words are one tag
 * (`MEETINGS WITH AMBASSADOR`), and a name after OVIP becomes `SURNAME, GIVEN`.
 */
function splitPiece(piece: string, commaList: boolean): string[] {
  const words = piece.split(/\s+/).filter(Boolean);
  if (words.length <= 1) return words;
  if (commaList) {
    const plain = words.filter((w) => !isCode(w)).length;
    if (plain * 2 >= words.length) return [words.join(' ')];
  }
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length === 1) out.push(run[0]!);
    else if (run.length > 1) {
      out.push(out[out.length - 1] === 'OVIP' ? `${run[0]}, ${run.slice(1).join(' ')}` : run.join(' '));
    }
    run = [];
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // Short joining words (IN, AND, WITH) stay inside a run of plain words.
    const joiner = run.length > 0 && /^(?:IN|OF|AND|WITH|THE|FOR)$/.test(word) && i + 1 < words.length;
    // A name after OVIP (`OVIP RICE CONDOLEEZZA`) is plain words even when short.
    const afterOvip = out[out.length - 1] === 'OVIP';
    const name = afterOvip && run.length < 3 && word.length > 2 && !SUBJECT_CODES.has(word);
    // A three-letter acronym right before a plain word opens a phrase: `GOI EXTERNAL`, `TIP IN TURKEY`.
    const opener =
      /^[A-Z]{3}$/.test(word) &&
      i + 1 < words.length &&
      (words[i + 1]!.length >= 7 ||
        (words[i + 1] === 'IN' && i + 2 < words.length && !isCode(words[i + 2]!)));
    if (opener && run.length > 0) flush();
    if (!isCode(word) || joiner || name || opener) run.push(word);
    else {
      flush();
      out.push(word);
    }
  }
  flush();
  return out;
}

/** The TAGS of a cable body (or of a bare TAGS line), upper case, in order, without duplicates. */
export function parseTags(text: string): string[] {
  const list = tagListText(preambleWindow(text, 4000));
  if (list === null) return [];
  const upper = list.toUpperCase().replace(/\\/g, ' ');
  const tags: string[] = [];
  const seen = new Set<string>();
  const add = (tag: string): void => {
    // A trailing dot is kept on names (`STEINBERG, JAMES B.`), dropped from codes (`PREL.`).
    const clean = tag.includes(' ') ? tag.trim() : tag.replace(/^[.:-]+|[.:-]+$/g, '');
    if (NOT_TAGS.has(clean) || seen.has(clean)) return;
    seen.add(clean);
    tags.push(clean);
  };
  // A name in parentheses (`OVIP (STEINBERG, JAMES B.)`) is one tag.
  const pieces = upper.split(/(\([^()]*\))/);
  const commaList = SEPARATOR_LIST.test(upper.replace(/\([^()]*\)/g, ''));
  for (const piece of pieces) {
    if (piece.startsWith('(')) {
      add(piece.slice(1, -1).trim());
      continue;
    }
    for (const part of commaList ? piece.split(/[,;]+/) : [piece]) {
      for (const tag of splitPiece(part.trim(), commaList)) {
        const glued = splitGlued(tag);
        if (glued) for (const g of glued) add(g);
        else add(tag);
      }
    }
  }
  return tags;
}
