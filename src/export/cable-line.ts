/**
 * One cable as one line of `cables.jsonl`, both ways. The line is the cable record of the
 * contract (spec/cable-record.md: the current version's record, `released`, `raw` header and body
 * byte for byte, tags, references) with two more fields: `versions`, every stored version in
 * import order (content hash, whether it is current, release date, source, import time, and the
 * header and body of each version that is not current; the current one's text is `raw`), and
 * `updatedAt`, when the archive last changed the cable. Pure: no database here.
 */
import type { CableRecord, Reference } from '../cable/record.ts';
import type { CableRowFields, VersionRowFields } from '../store/cable-rows.ts';
import { contentHash } from '../store/prepared-cable.ts';

/** The database row of a cable joined with its current version's text. */
export interface CableRow {
  ref_id: string;
  record: string;
  released: string | null;
  current_hash: string;
  updated_at: string;
  raw_header: string;
  raw_body: string;
}

/** A stored version; its text is null when it is the current one (the text is in CableRow). */
export interface VersionRow {
  ref_id: string;
  content_hash: string;
  released: string | null;
  source_format: string;
  source_path: string | null;
  source_line: number | string | null;
  imported_at: string;
  raw_header: string | null;
  raw_body: string | null;
}

export interface VersionEntry {
  contentHash: string;
  current: boolean;
  released: string | null;
  source: { format: string; path: string | null; line: number | null };
  importedAt: string;
  /** The text of a version that is not current. */
  header?: string;
  body?: string;
}

/** The JSON text of a cable's line (without the newline). */
export function cableLine(cable: CableRow, versions: VersionRow[]): string {
  const record = JSON.parse(cable.record) as CableRecord;
  record.released = cable.released;
  const entries: VersionEntry[] = versions.map((v) => {
    const current = v.content_hash === cable.current_hash;
    const entry: VersionEntry = {
      contentHash: v.content_hash,
      current,
      released: v.released,
      source: {
        format: v.source_format,
        path: v.source_path,
        line: v.source_line === null ? null : Number(v.source_line),
      },
      importedAt: v.imported_at,
    };
    if (!current) {
      entry.header = v.raw_header ?? '';
      entry.body = v.raw_body ?? '';
    }
    return entry;
  });
  return JSON.stringify({
    ...record,
    raw: { header: cable.raw_header, body: cable.raw_body },
    versions: entries,
    updatedAt: cable.updated_at,
  });
}

/** A version as it is written back: its row's values and its exported import time. */
export interface RestoredVersion extends VersionRowFields {
  importedAt: string;
}

/** A cable line read back: the values of its rows. */
export interface RestoredCable extends CableRowFields {
  /** The stored record: the line without `raw`, `versions` and `updatedAt`. */
  recordJson: string;
  updatedAt: string;
  currentHash: string;
  /** In import order. */
  versions: RestoredVersion[];
  tags: string[];
  references: Reference[];
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

function need(ok: boolean, why: string): asserts ok {
  if (!ok) throw new Error(why);
}

function readVersion(value: unknown, index: number, raw: { header: string; body: string }): RestoredVersion {
  const v = value as Partial<VersionEntry> | null;
  need(!!v && typeof v === 'object', `versions[${index}] is not an object`);
  need(isString(v.contentHash), `versions[${index}] has no contentHash`);
  const source = v.source as Partial<VersionEntry['source']> | undefined;
  need(!!source && isString(source.format), `versions[${index}] has no source`);
  need(isStringOrNull(source.path ?? null), `versions[${index}].source.path is not text`);
  need(
    source.line === undefined || source.line === null || Number.isInteger(source.line),
    `versions[${index}].source.line is not a number`,
  );
  need(isStringOrNull(v.released ?? null), `versions[${index}].released is not text`);
  need(isString(v.importedAt), `versions[${index}] has no importedAt`);
  const header = v.current === true ? raw.header : v.header;
  const body = v.current === true ? raw.body : v.body;
  need(isString(header) && isString(body), `versions[${index}] has no header and body`);
  need(
    contentHash(header, body) === v.contentHash,
    `versions[${index}]: the text does not match its content hash ${v.contentHash}`,
  );
  return {
    contentHash: v.contentHash,
    released: v.released ?? null,
    sourceFormat: source.format,
    sourcePath: source.path ?? null,
    sourceLine: source.line ?? null,
    importedAt: v.importedAt,
    rawHeader: header,
    rawBody: body,
  };
}

/** Reads one line back; throws an Error saying what is wrong with it. */
export function readCableLine(text: string): RestoredCable {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  need(!!value && typeof value === 'object' && !Array.isArray(value), 'not a JSON object');
  const { raw, versions, updatedAt, ...record } = value as Record<string, unknown>;
  const r = record as Partial<CableRecord>;
  need(isString(r.refId) && r.refId !== '', 'no refId');
  const refId = r.refId;
  const fail = (why: string) => new Error(`${refId}: ${why}`);
  try {
    need(isString(r.publishedRefId), 'no publishedRefId');
    need(
      isStringOrNull(r.created ?? null) && isStringOrNull(r.released ?? null),
      'created or released is not text',
    );
    need(isString(r.classification) && isString(r.origin), 'no classification or origin');
    need(isStringOrNull(r.subject ?? null), 'subject is not text');
    need(typeof r.partial === 'boolean', 'partial is not true or false');
    need(Array.isArray(r.tags) && r.tags.every(isString), 'tags is not a list of text');
    need(
      Array.isArray(r.references) &&
        r.references.every(
          (x) => !!x && isString(x.text) && isStringOrNull(x.label) && isStringOrNull(x.refId),
        ),
      'references is not a list of references',
    );
    const rawText = raw as { header?: unknown; body?: unknown } | null;
    need(!!rawText && isString(rawText.header) && isString(rawText.body), 'no raw header and body');
    const rawStrings = { header: rawText.header, body: rawText.body };
    need(isString(updatedAt), 'no updatedAt');
    need(Array.isArray(versions) && versions.length > 0, 'no versions');
    const current = versions.filter((v) => (v as VersionEntry | null)?.current === true);
    need(current.length === 1, `${current.length} versions are marked current instead of one`);
    const restored = versions.map((v, i) => readVersion(v, i, rawStrings));
    const currentHash = (current[0] as VersionEntry).contentHash;
    return {
      refId,
      publishedRefId: r.publishedRefId,
      created: r.created ?? null,
      released: r.released ?? null,
      classification: r.classification,
      origin: r.origin,
      subject: r.subject ?? null,
      partial: r.partial,
      recordJson: JSON.stringify(record),
      updatedAt,
      currentHash,
      versions: restored,
      tags: r.tags,
      references: r.references,
    };
  } catch (error) {
    throw fail((error as Error).message);
  }
}
