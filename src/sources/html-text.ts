/**
 * HTML to plain text for the cablegate pages: character references decoded (named, decimal and
 * hex: `&#x000A;` is a newline), markup tags removed while keeping their text (a TAG link becomes
 * its code, a paragraph anchor its `¶`). Only real tag names count as tags: the cables contain
 * text like `<<142612>>` that must survive.
 */

/**
 * The Latin-1 names, U+00A0 to U+00FF in order. With `&amp;` `&lt;` `&gt;` `&quot;` (and their upper
 * case forms) these are the "legacy" references that HTML decodes even without the semicolon:
 * a browser shows `&centrales8` as `¢rales8`, and the published text did the same.
 */
const LATIN1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute ' +
  'icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ');

/** References decoded even without a semicolon (longest name first wins). */
const LEGACY = new Map<string, string>([
  ...LATIN1_NAMES.map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
  ['amp', '&'],
  ['AMP', '&'],
  ['lt', '<'],
  ['LT', '<'],
  ['gt', '>'],
  ['GT', '>'],
  ['quot', '"'],
  ['QUOT', '"'],
  ['COPY', '©'],
  ['REG', '®'],
]);
const LEGACY_LONGEST = Math.max(...[...LEGACY.keys()].map((name) => name.length));

/** Further names, decoded only with their semicolon; unknown names are left as written. */
const WITH_SEMICOLON = new Map<string, string>([
  ...LEGACY,
  ['apos', "'"],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['sbquo', '‚'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['bdquo', '„'],
  ['ndash', '–'],
  ['mdash', '—'],
  ['hellip', '…'],
  ['bull', '•'],
  ['dagger', '†'],
  ['Dagger', '‡'],
  ['permil', '‰'],
  ['lsaquo', '‹'],
  ['rsaquo', '›'],
  ['trade', '™'],
  ['euro', '€'],
  ['OElig', 'Œ'],
  ['oelig', 'œ'],
  ['Scaron', 'Š'],
  ['scaron', 'š'],
  ['Yuml', 'Ÿ'],
  ['fnof', 'ƒ'],
  ['circ', 'ˆ'],
  ['tilde', '˜'],
  ['ensp', '\u2002'],
  ['emsp', '\u2003'],
  ['thinsp', '\u2009'],
  ['zwnj', '\u200c'],
  ['zwj', '\u200d'],
  ['lrm', '\u200e'],
  ['rlm', '\u200f'],
  ['larr', '←'],
  ['rarr', '→'],
  ['uarr', '↑'],
  ['darr', '↓'],
  ['harr', '↔'],
  ['minus', '−'],
  ['le', '≤'],
  ['ge', '≥'],
  ['ne', '≠'],
  ['asymp', '≈'],
  ['infin', '∞'],
  ['prime', '′'],
  ['Prime', '″'],
]);

/** Code points 0x80-0x9F in a numeric reference mean their windows-1252 characters (HTML rule). */
const WINDOWS_1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function numeric(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252[code - 0x80]!;
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

function namedReference(whole: string, name: string, semicolon: string): string {
  if (semicolon) {
    const known = WITH_SEMICOLON.get(name);
    if (known !== undefined) return known;
  }
  for (let length = Math.min(name.length, LEGACY_LONGEST); length >= 2; length--) {
    const legacy = LEGACY.get(name.slice(0, length));
    if (legacy !== undefined) return legacy + whole.slice(1 + length);
  }
  return whole;
}

const NEWLINE_REFERENCE = '&#x000A;';
const REFERENCE = /&(?:#([0-9]+)|#[xX]([0-9A-Fa-f]+)|([A-Za-z][A-Za-z0-9]*))(;?)/g;

/**
 * Decodes character references the way a browser does in page text: numeric ones (with or
 * without `;`), named ones with `;`, and the legacy Latin-1 names even without `;`.
 */
export function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  // The pages write each newline as `&#x000A;`: those (each a whole match of REFERENCE) are
  // replaced in one pass, which is far cheaper than a callback per match.
  const rest = text.includes(NEWLINE_REFERENCE) ? text.replaceAll(NEWLINE_REFERENCE, '\n') : text;
  if (rest.indexOf('&') < 0) return rest;
  return rest.replace(
    REFERENCE,
    (
      whole,
      dec: string | undefined,
      hex: string | undefined,
      name: string | undefined,
      semicolon: string,
    ) => {
      if (name !== undefined) return namedReference(whole, name, semicolon);
      const digits = dec ?? hex!;
      if (digits.length > 8) return '\ufffd';
      return numeric(Number.parseInt(digits, dec !== undefined ? 10 : 16));
    },
  );
}

const TAG = /<\/?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?\/?>/g;
const HTML_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'big',
  'br',
  'code',
  'div',
  'em',
  'font',
  'hr',
  'i',
  'img',
  'p',
  'pre',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'tt',
  'u',
]);

/** Removes HTML tags (keeping the text between them), then decodes character references. */
export function htmlToText(html: string): string {
  const bare =
    html.indexOf('<') < 0
      ? html
      : html.replace(TAG, (whole, name: string) => (HTML_TAGS.has(name.toLowerCase()) ? '' : whole));
  return decodeEntities(bare);
}
