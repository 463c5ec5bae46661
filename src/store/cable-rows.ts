/**
 * The rows of `cables` and `cable_versions` as they are written: the columns in order (with the
 * PostgreSQL type of each, for `unnest` casts) and the values of one row in that order. Written
 * once for both stores and for the export's restore (src/export/restore.ts), which writes rows
 * with their exported import and update times instead of now.
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
