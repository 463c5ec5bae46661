/**
 * The rows of `cables`, `cable_versions`, `cable_tags` and `cable_references` as they are
 * written: the columns in order (with the PostgreSQL type of each, for casts) and the values of a
 * cable's rows in that order. Written once for both stores and for the export's restore
 * (src/export/restore.ts), which writes rows with their exported import and update times.
 */
import type { PreparedCable } from './store.ts';

/** The values a cable row takes from its cable (a prepared one, or one read back from an export). */
export type CableRowFields = Pick<
  PreparedCable,
  | 'refId'
  | 'publishedRefId'
  | 'created'
  | 'released'
  | 'classification'
  | 'origin'
  | 'subject'
  | 'partial'
  | 'recordJson'
>;

/** The values a version row takes from its version (its import time is given apart). */
export type VersionRowFields = Pick<
  PreparedCable,
  'contentHash' | 'released' | 'sourceFormat' | 'sourcePath' | 'sourceLine' | 'rawHeader' | 'rawBody'
>;

/** `cables` columns written, in the order of `cableRowValues`, with their PostgreSQL types. */
export const CABLE_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['ref_id', 'text'],
  ['published_ref_id', 'text'],
  ['created', 'text'],
  ['released', 'text'],
  ['classification', 'text'],
  ['origin', 'text'],
  ['subject', 'text'],
  ['partial', 'boolean'],
  ['current_hash', 'text'],
  ['record', 'text'],
  ['updated_at', 'text'],
];

/** `cable_versions` columns written, in the order of `versionRowValues`, with their PostgreSQL types. */
export const VERSION_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['ref_id', 'text'],
  ['content_hash', 'text'],
  ['released', 'text'],
  ['source_format', 'text'],
  ['source_path', 'text'],
  ['source_line', 'int'],
  ['imported_at', 'text'],
  ['raw_header', 'text'],
  ['raw_body', 'text'],
];

/** One `cables` row, in CABLE_COLUMNS order (`partial` a boolean: SQLite needs it as 1 or 0). */
export function cableRowValues(c: CableRowFields, currentHash: string, updatedAt: string): unknown[] {
  return [
    c.refId,
    c.publishedRefId,
    c.created,
    c.released,
    c.classification,
    c.origin,
    c.subject,
    c.partial,
    currentHash,
    c.recordJson,
    updatedAt,
  ];
}

/** One `cable_versions` row, in VERSION_COLUMNS order. */
export function versionRowValues(refId: string, v: VersionRowFields, importedAt: string): unknown[] {
  return [
    refId,
    v.contentHash,
    v.released,
    v.sourceFormat,
    v.sourcePath,
    v.sourceLine,
    importedAt,
    v.rawHeader,
    v.rawBody,
  ];
}

export const CABLE_COLUMN_NAMES = CABLE_COLUMNS.map(([name]) => name);
export const VERSION_COLUMN_NAMES = VERSION_COLUMNS.map(([name]) => name);

/** One cable's row replaced (`?` placeholders): the values are `updateCableValues`. */
export const UPDATE_CABLE_SQL = `UPDATE cables SET ${CABLE_COLUMN_NAMES.slice(1)
  .map((name) => `${name} = ?`)
  .join(', ')} WHERE ref_id = ?`;

/** The values of UPDATE_CABLE_SQL: the row's values but the id, then the id. */
export function updateCableValues(c: CableRowFields, currentHash: string, updatedAt: string): unknown[] {
  const [refId, ...values] = cableRowValues(c, currentHash, updatedAt);
  return [...values, refId];
}

/** `cable_tags` columns, in the order of `tagRowValues`, with their PostgreSQL types. */
export const TAG_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['ref_id', 'text'],
  ['position', 'int'],
  ['tag', 'text'],
];

/** `cable_references` columns, in the order of `referenceRowValues`, with their PostgreSQL types. */
export const REFERENCE_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['from_ref_id', 'text'],
  ['position', 'int'],
  ['label', 'text'],
  ['text', 'text'],
  ['to_ref_id', 'text'],
];

export const TAG_COLUMN_NAMES = TAG_COLUMNS.map(([name]) => name);
export const REFERENCE_COLUMN_NAMES = REFERENCE_COLUMNS.map(([name]) => name);

type ChildRowFields = Pick<PreparedCable, 'refId' | 'tags' | 'references'>;

/** The `cable_tags` rows of cables, tags in their order. */
export function tagRowValues(cables: readonly ChildRowFields[]): unknown[][] {
  return cables.flatMap((c) => c.tags.map((tag, i) => [c.refId, i, tag]));
}

/** The `cable_references` rows of cables, references in their order. */
export function referenceRowValues(cables: readonly ChildRowFields[]): unknown[][] {
  return cables.flatMap((c) => c.references.map((r, i) => [c.refId, i, r.label, r.text, r.refId]));
}
