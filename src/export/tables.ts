/**
 * The tables an export carries besides the cables, one file each (`<table>.jsonl`, one row per
 * line as an object of its columns), in the order a restore loads them (a table after the tables
 * it points to). Adding a table to exports and restores is one entry here; its columns are read
 * from the database, so a column added by a later migration travels without any change.
 *
 * Not exported, because they are derived or short-lived: sessions, rate limits, search snapshots,
 * the job queue, cache counters, schema_migrations.
 */

/** How a table appears in a public export (`--public`): which rows, with which values replaced. */
export interface PublicRows {
  /** Joins after `FROM <table> t` (the table is `t`). */
  joins?: string;
  /** Which rows are public. */
  where: string;
  /** SQL expressions replacing columns (the rest are copied as they are). */
  replace: Record<string, string>;
}

export interface ExportedTable {
  table: string;
  /** Rows are exported and restored in this order (parents before the rows that point to them). */
  orderBy: string;
  /** `false`: left out of a public export (e-mail addresses, password hashes, moderation). */
  public: false | PublicRows;
}

/** In a public export: comments shown to readers; authors by display name only. */
const PUBLIC_COMMENTS: PublicRows = {
  joins: 'LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN comments p ON p.id = t.parent_id',
  where: "t.status IN ('approved', 'deleted')",
  replace: {
    // A reply whose parent is not public becomes a comment of its own.
    parent_id: "CASE WHEN p.status IN ('approved', 'deleted') THEN t.parent_id END",
    account_id: 'NULL',
    guest_name: "COALESCE(a.name, t.guest_name, 'anonymous')",
    guest_email: 'NULL',
    address: 'NULL',
    // Deleted by their author: only the tombstone that keeps the replies in place.
    body: "CASE WHEN t.status = 'deleted' THEN '' ELSE t.body END",
    html: "CASE WHEN t.status = 'deleted' THEN '' ELSE t.html END",
  },
};

/** In a public export: approved mentions, without the sender's address and status-page token. */
const PUBLIC_MENTIONS: PublicRows = {
  where: "t.status = 'approved'",
  replace: { token: "'public-' || t.id", address: 'NULL' },
};

export const EXPORTED_TABLES: readonly ExportedTable[] = [
  { table: 'accounts', orderBy: 'id', public: false },
  { table: 'account_identities', orderBy: 'account_id, issuer, subject', public: false },
  { table: 'comments', orderBy: 'id', public: PUBLIC_COMMENTS },
  { table: 'bans', orderBy: 'created_at, author', public: false },
  { table: 'moderation_log', orderBy: 'id', public: false },
  { table: 'mentions', orderBy: 'id', public: PUBLIC_MENTIONS },
  { table: 'linkback_blocked_hosts', orderBy: 'created_at, host', public: false },
  { table: 'linkbacks_sent', orderBy: 'sent_at, source, target', public: false },
];

/** The file a table is exported to. */
export function tableFile(table: string): string {
  return `${table}.jsonl`;
}

/** The SELECT that exports a table's rows (all of them, or the public ones). */
export function exportSelect(spec: ExportedTable, columns: string[], publicOnly: boolean): string {
  const orderBy = spec.orderBy
    .split(',')
    .map((c) => `t.${c.trim()}`)
    .join(', ');
  if (!publicOnly || spec.public === false) {
    return `SELECT ${columns.map((c) => `t.${c}`).join(', ')} FROM ${spec.table} t ORDER BY ${orderBy}`;
  }
  const rows = spec.public;
  const list = columns.map((c) => (rows.replace[c] ? `${rows.replace[c]} AS ${c}` : `t.${c}`)).join(', ');
  return `SELECT ${list} FROM ${spec.table} t ${rows.joins ?? ''} WHERE ${rows.where} ORDER BY ${orderBy}`;
}
