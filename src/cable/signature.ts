/**
 * Where the closing signature of a cable sits: the last line that is a name (`BURNS`, `van Voorst`,
 * `MCNAMARA.`, `HORAN##`), skipping what follows it at the end (classification lines, `NNNN`, `BT`,
 * `>` trailers, declassification stamps, `NOTE BY OC/T` remarks), or a name glued after the last
 * sentence of a mixed-case cable (`... departed. PATTERSON`). Shared by signers.ts and paragraphs.ts.
 */

const TRAILING_JUNK =
  /^[ \t]*(?:(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)(?:\/\/[A-Z /]+)?|(?:NNNN|Nnnn).*|BT|>.*|[.#"'\\]+|Declassified\/Released.*|(?:Systematic )?Review \d.*|NOTE BY .*|End Cable Text|END CABLE TEXT|<_\w+>.*|0 \d\d?\/\d\d?\/\d{4}.*|\d{4}[A-Z]+\d+[ \t]+-[ \t]+.*)[ \t]*$/;
const NAME_WORD = "[A-Z][A-Za-z'’-]+";
const PARTICLE = '(?:van|von|de|da|del|der|di|du|la|le|St\\.?)';
const SIGNATURE_LINE = new RegExp(
  `^[ \\t]*((?:${PARTICLE}[ \\t]+)?${NAME_WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t]+)?${NAME_WORD}){0,2}(?:[ \\t]*(?:\\/|&|,)[ \\t]*${NAME_WORD})?)[ \\t]*(?:[.#"'*]+[ \\t]*)?$`,
);
/** Words that end texts but are not names. */
const NOT_A_NAME =
  /^(?:END|COMMENT|UNQUOTE|QUOTE|TEXT|NOTE|REGARDS|THANKS|SIPDIS|NOFORN|SUMMARY|ACTION|MINIMIZE|CONSIDERED|CONFIDENTIAL|SECRET|UNCLASSIFIED|BT|NNNN|AND|THE|CLEARED|DRAFTED|APPROVED|INFO|TAGS|SUBJECT|REF|PARA|PARAGRAPH|CABLE|US|UK|UN|EU|USG|GOE|IMMEDIATE|PRIORITY|ROUTINE|AMEMBASSY|AMCONSUL|SECSTATE|WASHDC|[A-Z]\.?|[IVX]+)$/i;
const GLUED_SIGNATURE =
  /(?:[.!?"”)]|X{6,})[ \t]+([A-Z][A-Za-z'’-]{1,}(?:[ \t]+[A-Z][A-Za-z'’-]{1,})?)(?:[ \t]+NNNN)?[ \t]*(?:\.[ \t]*)?$/;
/** A name after a web address that ends the text: `... index. cfm TUTTLE`, `.../nap / BASSETT`. */
const AFTER_ADDRESS_SIGNATURE = /(?:\/|\bcfm|\bhtml?)[ \t]+([A-Z][A-Z'’-]{2,})[ \t]*$/;
/** `NNNN End Cable Text` after a glued signature. */
const TRAILER_TAIL =
  /[ \t]+(?:(?:NNNN|Nnnn)(?:[ \t]+End Cable Text)?|0[ \t]+\d\d?\/\d\d?\/\d{4}(?:[ \t]+\d{4}[ \t]+\S*)?)[ \t]*$/;
const GLUED_CAPS_SIGNATURE = /[.!?"”)][ \t]+([A-Z][A-Z'’-]{2,})(?:[ \t]+NNNN)?[ \t]*$/;

export interface Signature {
  /** Index of the line holding the signature. */
  line: number;
  /** True when the name is glued to the end of a text line instead of standing alone. */
  glued: boolean;
  /** Offset in that line where the name starts (0 when it stands alone). */
  at: number;
  /** The signers, upper case. */
  names: string[];
}

function namesOf(text: string): string[] | null {
  const names = text
    .split(/[ \t]*(?:\/|&|,)[ \t]*/)
    .map((n) =>
      n
        .replace(/[.#"'*]+$/, '')
        .replace(/\s+NNNN$/, '')
        .trim()
        .toUpperCase()
        .replace(/^(\S+)\s+\1$/, '$1'),
    )
    .filter((n) => n.length > 0);
  if (names.length === 0) return null;
  for (const n of names) {
    if (n.length < 2 || n.split(/\s+/).some((w) => NOT_A_NAME.test(w))) return null;
  }
  return names;
}

/**
 * The end of a line from its last character that is not a letter, `'`, `’`, `-`, `.`, space or tab:
 * a glued signature (which reaches the end of the line and holds only those after its first
 * character) lies in it, so the regexes need not try every position of a long line.
 */
function signatureStretch(line: string): string {
  let k = line.length - 1;
  for (; k > 0; k--) {
    const c = line.charCodeAt(k);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!letter && c !== 32 && c !== 9 && c !== 46 && c !== 39 && c !== 45 && c !== 8217) break;
  }
  return k > 0 ? line.slice(k) : line;
}

/** Finds the signature among the last lines, or null. */
export function locateSignature(lines: string[]): Signature | null {
  let k = lines.length - 1;
  const stop = Math.max(0, lines.length - 40);
  while (k >= stop && (lines[k]!.trim() === '' || (lines[k]!.length < 300 && TRAILING_JUNK.test(lines[k]!))))
    k--;
  if (k < stop) return null;
  const line = lines[k]!.length < 3000 ? lines[k]!.replace(TRAILER_TAIL, '') : lines[k]!;
  const alone = SIGNATURE_LINE.exec(line);
  if (alone) {
    const prev = lines[k - 1];
    const caps = !/[a-z]/.test(alone[1]!);
    if (!caps && prev !== undefined && /[a-z,][ \t]*$/.test(prev)) return null;
    const names = namesOf(alone[1]!);
    if (names) return { line: k, glued: false, at: 0, names };
    return null;
  }
  // A name glued after the last sentence; in all-caps text only a single word is trusted.
  {
    const mixed = /[a-z]{3}/.test(line);
    const end = signatureStretch(line);
    const glued = mixed
      ? (GLUED_SIGNATURE.exec(end) ?? AFTER_ADDRESS_SIGNATURE.exec(end))
      : GLUED_CAPS_SIGNATURE.exec(end);
    if (glued) {
      const names = namesOf(glued[1]!);
      if (names) return { line: k, glued: true, at: line.lastIndexOf(glued[1]!), names };
    }
  }
  return null;
}
