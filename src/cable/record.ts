/**
 * The shapes that flow through the parser: a `RawCable` (what a source reader produces: the
 * published text plus whatever metadata the source had) and a `CableRecord` (the parsed result,
 * as fixed by the contract in spec/cable-record.md). Types only: no logic lives here.
 */

/** Where a raw cable came from, for error messages and provenance. */
export interface SourceInfo {
  /** Input format: `csv`, `html`, `jsonl`, `text` or `cable-file`. */
  format: string;
  /** File the cable was read from, when it came from a file. */
  path?: string;
  /** Position inside the file: a line number (csv, jsonl) or null for one-cable files. */
  line?: number;
}

/** One cable as a source published it, before parsing. Nothing here is interpreted yet. */
export interface RawCable {
  /** The reference id exactly as the source spelled it (may be malformed). */
  publishedRefId: string;
  /** The routing header text (first `<pre>` block / csv header column), byte for byte; may be empty. */
  header: string;
  /** The body text, byte for byte. */
  body: string;
  /** The source's "Created" value as ISO 8601 UTC (`2006-02-10T15:26:00Z`), when it had one. */
  created?: string | null;
  /** The source's "Released" value as ISO 8601 UTC, when it had one. */
  released?: string | null;
  /** The release's classification as the source published it. */
  classification?: string | null;
  /** The sending post as the release names it (`Embassy Moscow`). */
  origin?: string | null;
  /** The source itself says this is a partial extract (besides the marker inside the header text). */
  partial?: boolean;
  source?: SourceInfo;
}

/** Decoded routing header (the `VZCZC...` / `DE` / `FM` / `TO` / `INFO` block). */
export interface RoutingHeader {
  transmissionId: string | null;
  /** Spelled out: IMMEDIATE, PRIORITY, ROUTINE, FLASH, NIACT IMMEDIATE ... */
  precedence: string | null;
  /** The date-time group as written, e.g. `101526Z FEB 06`. */
  dtg: string | null;
  /** Routing indicator of the sender from the `DE` line, e.g. `RUEHMO`. */
  station: string | null;
  /** Human name of the sending station when the routing indicator is known (extra field). */
  stationName: string | null;
  /** Message serial from the `DE` line. */
  serial: number | null;
  from: string | null;
  to: string[];
  info: string[];
}

export interface Reference {
  /** The list label (`A`, `B` ...) or null. */
  label: string | null;
  /** The reference as written, whitespace collapsed. */
  text: string;
  /** Canonical cable id when the reference is a cable, else null. */
  refId: string | null;
}

export interface ClassifiedBy {
  /** The full text after `Classified By:` up to the reasons. */
  text: string;
  /** The bare person's name, without rank or office; null when no name can be told apart. */
  name: string | null;
}

export interface Paragraph {
  /** The paragraph number, or null for unnumbered blocks (headings, quoted statements). */
  number: number | null;
  /** Portion marking without parentheses: `C`, `S`, `SBU`, `S/NF`, `U` ... or null. */
  marking: string | null;
  text: string;
}

/** The parsed cable: spec/cable-record.md. Extra fields are allowed by the contract. */
export interface CableRecord {
  refId: string;
  publishedRefId: string;
  created: string | null;
  released: string | null;
  classification: string;
  origin: string;
  partial: boolean;
  header: RoutingHeader;
  subject: string | null;
  tags: string[];
  references: Reference[];
  classifiedBy: ClassifiedBy | null;
  reasons: string[];
  executiveOrder: string | null;
  declassifyOn: string | null;
  summary: string | null;
  paragraphs: Paragraph[];
  signers: string[];
  sections: number | null;
  /** Handling caveats found in the text: NOFORN, SIPDIS, NODIS, EXDIS ... (extra field). */
  caveats: string[];
  /** The classification line as written in the body, e.g. `C O N F I D E N T I A L` -> `CONFIDENTIAL` (extra). */
  bodyClassification: string | null;
  raw: { header: string; body: string };
  warnings: string[];
}
