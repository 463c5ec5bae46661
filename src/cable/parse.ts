/**
 * parseCable: one raw cable in, one CableRecord out (spec/cable-record.md). Pure: no I/O.
 *
 * It never throws. Each field parser runs inside `guard`, so a bug or an unforeseen input in one
 * field leaves that field empty with a warning and the rest of the record intact. The raw header
 * and body are copied into the record untouched.
 */
import { parseClassificationLine } from './classification.ts';
import { parseClassifiedBy } from './classified-by.ts';
import { cleanBodyLines, textEnds } from './clean.ts';
import type { ParseContext } from './context.ts';
import { dtgToIso } from './dtg.ts';
import { parseExecutiveOrder } from './executive-order.ts';
import { lineHintsOf, paragraphsOfLines } from './paragraphs.ts';
import { PREAMBLE_CHARS } from './preamble.ts';
import type { CableRecord, Paragraph, RawCable, RoutingHeader } from './record.ts';
import { parseReferences } from './references.ts';
import { canonicalRefId, splitRefId } from './refid.ts';
import { parseRoutingHeader } from './routing.ts';
import { locateSignature, type Signature } from './signature.ts';
import { SIGNATURE_CHARS, signersOfLines } from './signers.ts';
import { parseSubject } from './subject.ts';
import { summaryOfParagraphs } from './summary.ts';
import { parseTags } from './tags.ts';

const PARTIAL_MARK = /partial extract of the original cable/i;
const NOT_BLANK = /\S/;

const emptyHeader = (): RoutingHeader => ({
  transmissionId: null,
  precedence: null,
  dtg: null,
  station: null,
  stationName: null,
  serial: null,
  from: null,
  to: [],
  info: [],
});

/** Runs one field parser; on an exception records a warning and returns the fallback. */
function guard<T>(warnings: string[], field: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    warnings.push(`could not read the ${field}: ${why}`);
    return fallback;
  }
}

/**
 * The release's form of a classification (`SECRET//NOFORN`) built from the body's classification
 * line and caveats, for sources (plain text) that do not state it.
 */
function releaseClassification(level: string | null, caveats: string[]): string {
  if (!level) return '';
  if (caveats.includes('NOFORN')) return `${level}//NOFORN`;
  if (level === 'UNCLASSIFIED' && caveats.includes('FOUO')) return 'UNCLASSIFIED//FOR OFFICIAL USE ONLY';
  return level;
}

/** Parses one raw cable into its record. Never throws; problems end up in `warnings`. */
export function parseCable(raw: RawCable): CableRecord {
  const warnings: string[] = [];
  const header = typeof raw.header === 'string' ? raw.header : '';
  const body = typeof raw.body === 'string' ? raw.body : '';
  const published = typeof raw.publishedRefId === 'string' ? raw.publishedRefId : '';

  const id = guard(
    warnings,
    'reference id',
    { refId: published.trim(), repaired: false, warning: null },
    () => canonicalRefId(published),
  );
  if (id.warning) warnings.push(id.warning);
  const parts = splitRefId(id.refId);
  const sourceYear = raw.created ? Number(raw.created.slice(0, 4)) : null;
  const ctx: ParseContext = { year: parts?.year ?? sourceYear, station: parts?.station ?? null };

  const routing = guard(warnings, 'routing header', emptyHeader(), () => parseRoutingHeader(header, body));
  const created = guard(warnings, 'date-time group', null, () =>
    routing.dtg ? dtgToIso(routing.dtg, raw.created ?? null) : null,
  );
  if (routing.dtg && !created) {
    warnings.push(
      `the date-time group "${routing.dtg}" is not a valid date or disagrees with the source's date; the source's date is used`,
    );
  }

  const lines = guard(warnings, 'body layout', null, () => cleanBodyLines(body)) ?? body.split('\n');
  // The preamble parsers read the first PREAMBLE_CHARS of the cleaned text, the signature its end.
  const { head: clean, tail, all: whole } = textEnds(lines, PREAMBLE_CHARS, SIGNATURE_CHARS);
  // Read once, for the summary and then the paragraphs (a failure is reported for both, as it affects both).
  // The closing signature, located once for the paragraphs (which end before it) and the signers.
  let signature: Signature | null | undefined;
  const signatureOfLines = (): Signature | null => {
    if (signature === undefined) signature = locateSignature(lines);
    return signature;
  };
  let paragraphs: Paragraph[] | null = null;
  const readParagraphs = (): Paragraph[] => {
    paragraphs ??= paragraphsOfLines(lines, lineHintsOf(body, whole), signatureOfLines());
    return paragraphs;
  };
  const line = guard(
    warnings,
    'classification line',
    { classification: null, caveats: [], sections: null },
    () => parseClassificationLine(body),
  );
  const eo = guard(warnings, 'E.O. line', { executiveOrder: null, declassifyOn: null }, () =>
    parseExecutiveOrder(clean),
  );
  const classified = guard(
    warnings,
    '"Classified By" line',
    { classifiedBy: null, reasons: [] as string[] },
    () => parseClassifiedBy(clean, body),
  );

  const record: CableRecord = {
    refId: id.refId,
    publishedRefId: published,
    created: created ?? raw.created ?? null,
    released: raw.released ?? null,
    classification: (
      raw.classification ?? releaseClassification(line.classification, line.caveats)
    ).toUpperCase(),
    origin: raw.origin ?? '',
    partial: raw.partial === true || PARTIAL_MARK.test(header) || PARTIAL_MARK.test(body.slice(0, 400)),
    header: routing,
    subject: guard(warnings, 'subject', null, () => parseSubject(clean)),
    tags: guard(warnings, 'tags', [], () => parseTags(clean)),
    references: guard(warnings, 'references', [], () => parseReferences(clean, ctx)),
    classifiedBy: classified.classifiedBy,
    reasons: classified.reasons,
    executiveOrder: eo.executiveOrder,
    declassifyOn: eo.declassifyOn,
    summary: guard(warnings, 'summary', null, () => summaryOfParagraphs(readParagraphs())),
    paragraphs: guard(warnings, 'paragraphs', [], readParagraphs),
    signers: guard(warnings, 'signature', [], () => signersOfLines(lines, signatureOfLines, tail)),
    sections: line.sections,
    caveats: line.caveats,
    bodyClassification: line.classification,
    raw: { header, body },
    warnings,
  };
  // (a search for the first non-blank character: trim() would copy the whole body)
  if (!NOT_BLANK.test(body)) warnings.push('the cable has no body text');
  return record;
}
