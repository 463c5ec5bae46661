/**
 * Turns a raw cable and its parsed record into a `PreparedCable`: the plain values the store
 * writes (indexed columns, the record as JSON, the content hash of the raw text, the text for the
 * full-text index). Pure computation; runs in the importer's worker thread.
 */
import { createHash } from 'node:crypto';
import type { CableRecord, RawCable } from '../cable/record.ts';
import type { PreparedCable } from './store.ts';

/**
 * SHA-256 (hex) of a cable's raw header and body. The header's length goes first so that moving
 * text between header and body gives another hash.
 */
export function contentHash(header: string, body: string): string {
  return createHash('sha256').update(`${header.length}:`).update(header).update(body).digest('hex');
}

/**
 * The text the full-text index gets besides the subject: the paragraphs as the reader sees them.
 * When the parser found no paragraphs, the raw body, so that the cable can still be found.
 */
export function readingText(record: CableRecord): string {
  if (record.paragraphs.length === 0) return record.raw.body;
  return record.paragraphs.map((p) => p.text).join('\n\n');
}

/** The record as stored: everything but `raw` (the raw text lives in the version). */
export function recordJson(record: CableRecord): string {
  const { raw: _raw, ...rest } = record;
  return JSON.stringify(rest);
}

/** Everything the store needs about one cable. */
export function prepareCable(raw: RawCable, record: CableRecord): PreparedCable {
  return {
    refId: record.refId,
    publishedRefId: record.publishedRefId,
    created: record.created,
    released: record.released ?? raw.released ?? null,
    classification: record.classification,
    origin: record.origin,
    subject: record.subject,
    partial: record.partial,
    recordJson: recordJson(record),
    rawHeader: record.raw.header,
    rawBody: record.raw.body,
    contentHash: contentHash(record.raw.header, record.raw.body),
    sourceFormat: raw.source?.format ?? 'unknown',
    sourcePath: raw.source?.path ?? null,
    sourceLine: raw.source?.line ?? null,
    tags: record.tags,
    references: record.references,
    readingText: readingText(record),
  };
}
