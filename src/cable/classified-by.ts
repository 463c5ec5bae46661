/**
 * The "Classified By" line: who classified the cable (`Classified By: Ambassador William J. Burns.
 * Reasons: 1.4(B/D).` -> text `Ambassador William J. Burns`, name `William J. Burns`) and the
 * classification reasons, normalised to `1.4(b)`, `1.4(d)` ... The line may be wrapped over
 * several lines (words cut by the page's fixed width, sometimes run into one line again), in
 * capitals or mixed case, with the reasons spelled in many ways; on a page that shows a preview
 * cut short and then the cable again, it may be cut, repeated whole further down, or only in the
 * body as published.
 */
import { preambleWindow, squeeze } from './preamble.ts';
import type { ClassifiedBy } from './record.ts';

/** (The look-behind, "not after RE, DE or UN", is checked after the word, so the word is searched for first.) */
const LABEL =
  /(?:CLASSIFIED|[Cc]lassified)(?<!(?:[Rr][Ee]|[Dd][Ee]|[Uu][Nn])(?:CLASSIFIED|[Cc]lassified))\s+(?:BY|[Bb]y)\b\s*:?/g;
/** A small `classified` after a small word: a sentence (`untreated water classified by AyA`), unless reasons follow. */
const IN_SENTENCE = /[a-z][ \t]$/;
/** Where the classifier's text ends and the reasons begin. */
const REASONS_START =
  /(?:^|[\s,.;:(-])(?:r[ae]{1,2}[so]{1,2}ns?\b|r\s?e\s?a\s?s|rea(?:\s*\n|\.{2,}|\s*$)|re\s*\n|r\s*\n\s*eas|reQ)|(?:^|[\s,.;(])E\.?\s?O\.?\s*12958|(?:^|[\s,(])1\s*[.,]\s*\n?\s*[2-5]\s*\.?\s*\(?\s*[a-h]?\b|\n\s*\n|\n\s*(?:\(\w{1,4}\)|\d\.|¶)|\n\s*(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)\s*\n|(?:^|\s)12958\b/i;
/** Words that join the classifier to the reasons: `for`, `per`, `under`, `due to`, `based upon`. */
const TRAILING_JOINER =
  /(?:[\s,;:-]*[\s-](?:for|per|under|due\s+to|based\s+(?:up)?on|based\s+0n|fr|f0r|section|se|para|reason|as)\b)+[\s,;:-]*$/i;
/** A label repeated inside the text (`Classified By: Classified by DCM ...`, `Classified By: (C) CLASSIFIED BY`). */
const REPEATED_LABEL = /^(?:\(\w{1,4}\)\s*|\d\.\s*)?CLASSIFIED\s+BY\b\s*:?\s*/i;
const LEADING_MARK = /^(?:\(\w{1,4}\)\s*)+/;

/** Words of rank and office that come before (or after) a name. */
const TITLE_WORD =
  /^(?:amb\w*|amab\w*|charg\w*|d['’,]?\s?affai\w*|de['’]affai\w*|affai\w*|a\.?i\.?|cda|dcm|a\/dcm|deputy|dep|acting|chief|cief|of|the|mission|political|politcal|pol|poloff|polcouns|polmincons|polmil|econ\w*|ecmin|ecopol|counse\w*|counc\w*|couns|minister\w*|min|mc|mcounselor|consul\w*|congen|general|gen|principal|office|officer|off|section|head|director|dir|assistant|asst|secretary|sec|under|state|for|and|special|advis[eo]r|legal|rso|tdy|legatt|ipo|conoff|dpo|das|pdas|permanent|representative|rep|bureau|affairs|public|diplomacy|management|regional|security|senior|labor|attache|defense|embassy|u\.?s\.?|usun|useu|usnato|ait|prt|governance|sub-national|national|provincial|team|leader|coordinator|officer-in-charge|oic|deputy-chief|staff|team-leader|program|ambassador-at-large|chargé|a\/|pao|ppo|unit|desk|country|director-general|executive|foreign|service|mgmt|management|consular|commercial|agricultural|economic|economics|political-economic|pol-econ|pe|pmo|pol\/econ|polecon|econpol|deputy-director|vice|president|envoy|in|on|at|by|to|with|s\/ct|polmc|m-c|adcm|cg|com|drl|u\/s|couselor|watch|operations|ops|center|isn|eur|nea|wha|eap|sca|af|io|inl|inr|oes|eeb|prm|ct|pm|vci|avc|ds|nsc|usaid)$/i;

/** The normalised reasons after `1.4` / `1.5`: `1.4(B/D)` -> `1.4(b)`, `1.4(d)`. */
const SECTION_NUMBER = /\b1\s*[.,]\s*\n?\s*([2-5])(?!\d)/g;
/** What may follow a section number: the letters, with brackets, commas, `and`, `&`, `+`, `/`. */
const REASON_LETTERS = /^(?:[\s(),/&+.;:-]|and\b|or\b|\n|[a-h](?![a-z0-9]))*/i;

const REASONS_CUT = /\.{3}|\n[ \t]*\n/;

/** The reasons written after the classifier, normalised, sorted and without duplicates. */
export function parseReasons(text: string): string[] {
  const reasons: string[] = [];
  SECTION_NUMBER.lastIndex = 0;
  for (let m = SECTION_NUMBER.exec(text); m; m = SECTION_NUMBER.exec(text)) {
    const section = `1.${m[1]}`;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 60);
    // Letters after a cut (`1.4 (...`) or a blank line belong to the next text, not the reasons.
    const tail = REASON_LETTERS.exec(after)?.[0].split(REASONS_CUT)[0] ?? '';
    const letters = tail.replace(/\band\b|\bor\b/gi, ' ').match(/(?<![a-z])[a-h](?![a-z])/gi) ?? [];
    for (const letter of letters) {
      const reason = `${section}(${letter.toLowerCase()})`;
      if (!reasons.includes(reason)) reasons.push(reason);
    }
    SECTION_NUMBER.lastIndex = m.index + m[0].length + tail.length;
  }
  return reasons.sort();
}

/** Run-together office abbreviations: `DepPolCouns`, `MinCouns`, `PolOff`, `EconOff`, `ESTHOff`. */
const OFFICE_ABBREVIATION =
  /^(?:dep|a\/?|act|pol|poli|econ|eco|ec|min|mgmt|mgt|esth|est|con|pub|pa|pe|rs|mil|pm|lab|labor|env|sci|cons|gen|i|ii|res|mgmt)+(?:couns\w*|off|offr|min|chief|cons|c)$/i;

/** Small words inside names (`Carol van Voorst`). */
const PARTICLE = /^(?:de|da|van|von|del|della|der|den|la|le|di|du|dos|al|el|bin|ibn|abu|y)$/;
/** A capital Q inside a small-letter word (`CooQnator`): a character damaged on the page, not a name. */
const DAMAGED_WORD = /[a-z]Q(?!u)/;

/** True when a token is a rank or office word rather than part of a name. */
function isTitle(token: string, mixedCase: boolean): boolean {
  const bare = token.replace(/[.:]+$/, '');
  if (!bare || TITLE_WORD.test(bare) || TITLE_WORD.test(token) || OFFICE_ABBREVIATION.test(bare)) return true;
  if (DAMAGED_WORD.test(bare)) return true;
  if (bare.includes('-') && bare.split('-').every((part) => TITLE_WORD.test(part))) return true;
  if (bare.includes('/') || /^\(.*\)$/.test(bare)) return true;
  // In mixed-case text an all-capitals word of a few letters is an office (`ISN`, `AIT`, `EUR`).
  if (mixedCase && /^[A-Z]{2,6}$/.test(bare)) return true;
  return mixedCase && /^[a-z]/.test(bare) && !PARTICLE.test(bare);
}

/** Small words that come after a name; a piece of one (`fo`, `rea`) is no cut-off end of a name. */
const WORDS_AFTER_NAME =
  'for per reasons under based due as and or by on in from is section paragraph with the to of'.split(' ');

/**
 * In mixed-case text, a word of the name cut in two by the page's fixed-width wrap and then run
 * into one line (`Do nald A. Blome`, `Andrew Y oung`, `Hoyt Y ee for reasons`): a capitalised
 * piece followed by a few small letters that are no word of their own.
 */
function joinCutWords(tokens: string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const previous = out[out.length - 1];
    if (
      previous !== undefined &&
      /^[a-z]{1,5}$/.test(token) &&
      /^[A-Z][a-z]*$/.test(previous) &&
      !TITLE_WORD.test(previous) &&
      !TITLE_WORD.test(token) &&
      !PARTICLE.test(token) &&
      !WORDS_AFTER_NAME.some((word) => word.startsWith(token))
    ) {
      out[out.length - 1] = previous + token;
    } else {
      out.push(token);
    }
  }
  return out;
}

/** Ranks held by one person, after which a capitals-only word is the person's initials (`Ambassador LBSH`). */
const PERSON_RANK = /^(?:amb|ambassador|charg\w*|cda|dcm|adcm|a\/dcm)\.?$/i;

const SUFFIX = /^(?:jr|sr|ii|iii|iv)\.?$/i;

/** The person's name in one piece of the classifier's text: its last run of name words. */
function nameIn(segment: string): string | null {
  // Mixed case: both capitals and small letters, so case tells names from other words.
  const mixedCase = /[a-z]{3}/.test(segment) && /[A-Z][a-z]/.test(segment);
  const split = segment
    .replace(/\bA\.\s?I\.(?=\s|$)/gi, 'a.i.')
    .split(/\s+/)
    .filter(Boolean);
  const tokens = mixedCase ? joinCutWords(split) : split;
  let end = tokens.length;
  while (end > 0 && isTitle(tokens[end - 1]!, mixedCase) && !SUFFIX.test(tokens[end - 1]!)) end--;
  let start = end;
  while (start > 0 && (!isTitle(tokens[start - 1]!, mixedCase) || SUFFIX.test(tokens[start - 1]!))) start--;
  let words = tokens.slice(start, end);
  if (!words.length && mixedCase && tokens.length >= 2) {
    const last = tokens[tokens.length - 1]!;
    if (/^[A-Z]{2,5}$/.test(last) && !TITLE_WORD.test(last) && PERSON_RANK.test(tokens[tokens.length - 2]!))
      return last;
  }
  // A long run still holds an office (`CENTRAL ASIA GEORGE KROL`): keep the last two name words.
  const full = words.filter((w) => w.replace(/\./g, '').length > 1 && !SUFFIX.test(w));
  if (full.length > 3) {
    const keepFrom = words.indexOf(full[full.length - 2]!);
    words = words.slice(keepFrom);
  }
  const name = words.join(' ').replace(/[,;:-]+$/, '');
  return /[A-Za-z]{2}/.test(name) ? name : null;
}

/** The name in the classifier's text: the first comma/colon/dash-separated piece that has one. */
function personName(text: string): string | null {
  if (/^derived\b/i.test(text)) return null;
  // An apostrophe damaged into a comma (`Daniel O,Grady`) would split the name.
  const pieces = text
    .replace(/\b([OD]),(?=[A-Z][a-z])/g, "$1'")
    .split(/\s*(?:[,;:]|\s-{1,2}\s)\s*/)
    .filter(Boolean);
  for (let i = 0; i < pieces.length; i++) {
    // `THOMAS W. SIMONS, JR.`: a suffix belongs to the name before it.
    const suffix = i + 1 < pieces.length && SUFFIX.test(pieces[i + 1]!) ? `, ${pieces[i + 1]}` : '';
    const name = nameIn(pieces[i]!);
    if (name) return name + suffix;
  }
  return null;
}

/** A backslash continuation at the end of a line, with the blanks around it. */
const LINE_CONTINUATION = /[ \t]*\\[ \t]*(?=\n|$)/g;

/** Width at which the release's pages cut long lines, even in the middle of a word. */
const CUT_WIDTH = 69;

/**
 * Rejoins words the page cut at its fixed line width (`Hoyt Y \nee for reasons`, `Michae \nl
 * Corbin`): a full-width line ending in a letter, followed by a line that starts in lower case.
 */
function unwrapWords(text: string): string {
  const lines = text.split('\n');
  let out = lines[0]!;
  for (let i = 1; i < lines.length; i++) {
    // The page's cut leaves one space at the end of the line (`Hoyt Y \nee`); a line ending in a
    // letter without it was wrapped between words. A lone capital at the start of the next line
    // (`AFFAIR \nS ROBERT LUKE`) is also a cut word.
    const previous = lines[i - 1]!;
    const next = lines[i]!;
    const cut =
      previous.trimEnd().length >= CUT_WIDTH && /[A-Za-z] $/.test(previous) && /^(?:[a-z]|[A-Z] )/.test(next);
    out = cut ? out.trimEnd() + next : `${out}\n${next}`;
  }
  return out;
}

type Parsed = { classifiedBy: ClassifiedBy | null; reasons: string[] };

/** The text, name and reasons after the label found at `label` in `window`. */
function afterLabel(window: string, label: RegExpExecArray): Parsed {
  const lineStart = window.lastIndexOf('\n', label.index) + 1;
  // Backslash line continuations of dump rows (`for \` + newline) are layout, not text.
  const piece = window.slice(lineStart, label.index + label[0].length + 600);
  const block = unwrapWords(piece.includes('\\') ? piece.replace(LINE_CONTINUATION, '') : piece);
  let rest = block.slice(label.index - lineStart + label[0].length);
  // `Classified By: Classified by DCM ...`, `Classified By: (C) CLASSIFIED BY ...`, or a REF list
  // wrongly put under the label with the real line after it.
  const again = /CLASSIFIED\s+BY\b\s*:?/i.exec(rest.slice(0, 300));
  if (
    again &&
    (REPEATED_LABEL.test(rest.trimStart()) ||
      !/[a-z]{3}/i.test(
        rest
          .slice(0, again.index)
          .replace(/\d+/g, '')
          .replace(/\b[A-Z]+\b/g, ''),
      ))
  ) {
    rest = rest.slice(again.index + again[0].length);
  }
  rest = rest.replace(/^\s+/, '').replace(LEADING_MARK, '');
  const end = REASONS_START.exec(rest);
  const own = end ? rest.slice(0, end.index) : rest.split('\n')[0]!;
  const reasons = parseReasons(rest.slice(0, 400));
  let textOut = squeeze(own.replace(/\s*\n\s*/g, ' '))
    // `Laura Kirkconnellfor reasons`: a `for` glued to the name.
    .replace(/(?<=[a-z]{3})for$/, '')
    .replace(TRAILING_JOINER, '')
    .replace(/[\s,;:-]+$/, '');
  // A page cut short (`USEU POLMC Chr...`, `Ambassador John ...`): the text keeps the dots; a
  // word cut by them is no name, and a lone first name is not one either.
  if (/\.{3}$/.test(textOut)) {
    const before = textOut.slice(0, -3);
    const left = personName(/\w$/.test(before) ? before.replace(/\s*\S*$/, '') : before.trimEnd());
    return { classifiedBy: { text: textOut, name: left?.includes(' ') ? left : null }, reasons };
  }
  // Keep the full stop of a closing initial or suffix (`Jr.`), drop a sentence's full stop.
  if (!/\b(?:[A-Z]|jr|sr)\.$/i.test(textOut)) textOut = textOut.replace(/[\s.]+$/, '');
  if (!textOut) return { classifiedBy: null, reasons };
  return { classifiedBy: { text: textOut, name: personName(textOut) }, reasons };
}

/** How many labels are looked at in one text before giving up. */
const MAX_LABELS = 3;

/** A line read to its end: it has text and was not cut short by the page (`Ambassador Hea...`). */
const isWhole = (parsed: Parsed): boolean =>
  parsed.classifiedBy !== null && !/(?:\.{3}|…)$/.test(parsed.classifiedBy.text);

/**
 * The line after the first label; when the page cut that one short, the first whole one after it
 * (the page then shows the cable again: `Classified By: A...`, further down `Classified By: Amb.
 * Clifford Sobel for reasons ...`), else the first cut one with a name, else the first.
 */
function bestLabel(window: string): Parsed | null {
  let first: Parsed | null = null;
  let named: Parsed | null = null;
  LABEL.lastIndex = 0;
  for (let i = 0, m = LABEL.exec(window); m && i < MAX_LABELS; i++, m = LABEL.exec(window)) {
    const at = LABEL.lastIndex;
    const parsed = afterLabel(window, m);
    LABEL.lastIndex = at;
    if (
      m[0].startsWith('c') &&
      IN_SENTENCE.test(window.slice(m.index - 2, m.index)) &&
      !parsed.reasons.length
    ) {
      continue;
    }
    if (isWhole(parsed)) return parsed;
    first ??= parsed;
    if (parsed.classifiedBy?.name) named ??= parsed;
  }
  return named ?? first;
}

/**
 * The "Classified By" text, the person's name in it and the reasons, from a cable body (the
 * cleaned text). `rawBody`, the body as published, is read when the cleaned text has no whole
 * line and the page has an ellipsis: a page that shows a preview cut short (`Classified By:
 * Ambassador J. Thomas Schieffer for reasons 1.4 (...`) and then the cable again without its
 * preamble, where cleaning keeps neither line.
 */
export function parseClassifiedBy(text: string, rawBody?: string): Parsed {
  const fromText = bestLabel(preambleWindow(text));
  if (fromText && isWhole(fromText)) return fromText;
  if (rawBody && rawBody !== text) {
    const raw = preambleWindow(rawBody);
    if (raw.includes('...') || raw.includes('…')) {
      const fromRaw = bestLabel(raw);
      if (
        fromRaw &&
        (!fromText || isWhole(fromRaw) || (fromRaw.classifiedBy?.name && !fromText.classifiedBy?.name))
      )
        return fromRaw;
    }
  }
  return fromText ?? { classifiedBy: null, reasons: [] };
}
