/**
 * Browse queries written once for both databases (plain SQL that SQLite and PostgreSQL both
 * accept), run through a `SqlRunner`: pages of cable summaries filtered by origin, classification,
 * tag, creation month or year and release day, sorted and paginated; counts per facet; the lookup
 * of a cable by the id as published; a cheap fingerprint of the archive's state.
 */
import type { SqlRunner } from './sql-runner.ts';
import type { CountRow } from './store.ts';

/** One line of a listing: what a reader needs to pick a cable. */
export interface CableSummary {
  refId: string;
  subject: string | null;
  created: string | null;
  released: string | null;
  classification: string;
  origin: string;
}

export const CABLE_SORTS = ['created', '-created', 'released', '-released', 'refid', '-refid'] as const;
export type CableSort = (typeof CABLE_SORTS)[number];

export interface CableListQuery {
  origin?: string;
  classification?: string;
  tag?: string;
  /** `YYYY` or `YYYY-MM`: cables created in that year or month. */
  createdIn?: string;
  /** `YYYY-MM-DD`: cables released that day. */
  releasedOn?: string;
  /** Default `-created` (newest first). */
  sort?: CableSort;
  /** 1-based. */
  page?: number;
  limit?: number;
}

export interface CableList {
  total: number;
  items: CableSummary[];
}

/** The facets a listing can be counted by. `month` counts within one year (`year` option). */
export type Facet = 'origin' | 'classification' | 'tag' | 'year' | 'month' | 'releasedDay';

/** What changes whenever the archive does: number of cables and the latest write time. */
export interface ArchiveState {
  cables: number;
  lastUpdated: string | null;
}

/** End (exclusive) of the period that starts at `start` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
function periodEnd(start: string): string {
  if (/^\d{4}$/.test(start)) return String(Number(start) + 1).padStart(4, '0');
  if (/^\d{4}-\d\d$/.test(start)) {
    const [y, m] = start.split('-').map(Number) as [number, number];
    return m === 12
      ? `${String(y + 1).padStart(4, '0')}-01`
      : `${start.slice(0, 5)}${String(m + 1).padStart(2, '0')}`;
  }
  const next = new Date(`${start}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * Orders an index can deliver: the date indexes hold (date, id), the ref_id index is unique. The
 * id breaks ties. Cables without a date come first or last depending on the database.
 */
const ORDER: Record<CableSort, string> = {
  created: 'c.created, c.id',
  '-created': 'c.created DESC, c.id DESC',
  released: 'c.released, c.id',
  '-released': 'c.released DESC, c.id DESC',
  refid: 'c.ref_id',
  '-refid': 'c.ref_id DESC',
};

function where(q: CableListQuery): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (q.origin !== undefined) {
    parts.push('c.origin = ?');
    params.push(q.origin);
  }
  if (q.classification !== undefined) {
    parts.push('c.classification = ?');
    params.push(q.classification);
  }
  if (q.tag !== undefined) {
    parts.push('c.ref_id IN (SELECT t.ref_id FROM cable_tags t WHERE t.tag = ?)');
    params.push(q.tag);
  }
  if (q.createdIn !== undefined) {
    parts.push('c.created >= ? AND c.created < ?');
    params.push(q.createdIn, periodEnd(q.createdIn));
  }
  if (q.releasedOn !== undefined) {
    parts.push('c.released >= ? AND c.released < ?');
    params.push(q.releasedOn, periodEnd(q.releasedOn));
  }
  return { sql: parts.length ? ` WHERE ${parts.join(' AND ')}` : '', params };
}

/**
 * Whether walking all cables in sort order finds `needed` cables with a tag held by `tagged`
 * cables sooner than reading those `tagged` cables (rows are only ever added, so the highest id
 * is the number of cables).
 */
async function walkInOrder(db: SqlRunner, tagged: number, needed: number): Promise<boolean> {
  if (tagged === 0) return false;
  const [row] = await db.all<{ n: number | string | null }>('SELECT MAX(id) AS n FROM cables');
  const cables = Number(row?.n ?? 0);
  return (needed * cables) / tagged < tagged;
}

function hasOtherFilter(q: CableListQuery): boolean {
  return (
    q.origin !== undefined ||
    q.classification !== undefined ||
    q.createdIn !== undefined ||
    q.releasedOn !== undefined
  );
}

export async function listCables(db: SqlRunner, q: CableListQuery): Promise<CableList> {
  const { sql, params } = where(q);
  const limit = Math.max(1, Math.min(q.limit ?? 50, 500));
  const offset = (Math.max(1, q.page ?? 1) - 1) * limit;
  const onlyTag = q.tag !== undefined && !hasOtherFilter(q);
  const [countRow] = onlyTag
    ? // From the tag index alone, without visiting the cables.
      await db.all<{ n: number | string }>(
        'SELECT COUNT(DISTINCT ref_id) AS n FROM cable_tags WHERE tag = ?',
        [q.tag],
      )
    : await db.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM cables c${sql}`, params);
  const total = Number(countRow?.n ?? 0);
  let filter = sql;
  if (onlyTag && (await walkInOrder(db, total, offset + limit))) {
    // A common tag: walk the sort's index and keep the cables that have the tag, stopping at the
    // page, instead of reading every tagged cable to sort them.
    filter = ' WHERE EXISTS (SELECT 1 FROM cable_tags t WHERE t.tag = ? AND t.ref_id = c.ref_id)';
  }
  const rows = await db.all<{
    ref_id: string;
    subject: string | null;
    created: string | null;
    released: string | null;
    classification: string;
    origin: string;
  }>(
    // The page's ids first (from the indexes alone), then their rows: deep pages do not read the
    // wide rows they skip.
    `SELECT c.ref_id, c.subject, c.created, c.released, c.classification, c.origin FROM cables c ` +
      `WHERE c.id IN (SELECT c.id FROM cables c${filter} ORDER BY ${ORDER[q.sort ?? '-created']} LIMIT ? OFFSET ?) ` +
      `ORDER BY ${ORDER[q.sort ?? '-created']}`,
    [...params, limit, offset],
  );
  return {
    total,
    items: rows.map((r) => ({
      refId: r.ref_id,
      subject: r.subject,
      created: r.created,
      released: r.released,
      classification: r.classification,
      origin: r.origin,
    })),
  };
}

/** Counts per value of a facet, sorted by value. `year` restricts `month` to one year. */
export async function countCables(db: SqlRunner, facet: Facet, year?: string): Promise<CountRow[]> {
  let sql: string;
  let params: unknown[] = [];
  switch (facet) {
    case 'origin':
      sql = 'SELECT origin AS value, COUNT(*) AS n FROM cables GROUP BY origin ORDER BY value';
      break;
    case 'classification':
      sql =
        'SELECT classification AS value, COUNT(*) AS n FROM cables GROUP BY classification ORDER BY value';
      break;
    case 'tag':
      sql = 'SELECT tag AS value, COUNT(*) AS n FROM cable_tags GROUP BY tag ORDER BY value';
      break;
    case 'year':
      sql =
        'SELECT SUBSTR(created, 1, 4) AS value, COUNT(*) AS n FROM cables WHERE created IS NOT NULL ' +
        'GROUP BY SUBSTR(created, 1, 4) ORDER BY value';
      break;
    case 'month':
      sql =
        'SELECT SUBSTR(created, 1, 7) AS value, COUNT(*) AS n FROM cables WHERE created >= ? AND created < ? ' +
        'GROUP BY SUBSTR(created, 1, 7) ORDER BY value';
      params = [year ?? '0000', periodEnd(year ?? '0000')];
      break;
    case 'releasedDay':
      sql =
        'SELECT SUBSTR(released, 1, 10) AS value, COUNT(*) AS n FROM cables WHERE released IS NOT NULL ' +
        'GROUP BY SUBSTR(released, 1, 10) ORDER BY value';
      break;
  }
  const rows = await db.all<{ value: string; n: number | string }>(sql, params);
  return rows.map((r) => ({ value: String(r.value), count: Number(r.n) }));
}

/** The canonical id of the cable published as `publishedRefId` (any case), or null. */
export async function findByPublishedId(db: SqlRunner, publishedRefId: string): Promise<string | null> {
  const rows = await db.all<{ ref_id: string }>(
    'SELECT ref_id FROM cables WHERE UPPER(published_ref_id) = ? OR ref_id = ? ORDER BY ref_id LIMIT 1',
    [publishedRefId.toUpperCase(), publishedRefId.toUpperCase()],
  );
  return rows[0]?.ref_id ?? null;
}

/** Which of `refIds` are in the archive. */
export async function existingIds(db: SqlRunner, refIds: string[]): Promise<Set<string>> {
  if (refIds.length === 0) return new Set();
  const unique = [...new Set(refIds)].slice(0, 500);
  const rows = await db.all<{ ref_id: string }>(
    `SELECT ref_id FROM cables WHERE ref_id IN (${unique.map(() => '?').join(', ')})`,
    unique,
  );
  return new Set(rows.map((r) => r.ref_id));
}

/** Number of cables and the latest write: a cheap fingerprint of the archive (also a health probe). */
export async function archiveState(db: SqlRunner): Promise<ArchiveState> {
  const [row] = await db.all<{ n: number | string; last: string | null }>(
    'SELECT COUNT(*) AS n, MAX(updated_at) AS last FROM cables',
  );
  return { cables: Number(row?.n ?? 0), lastUpdated: row?.last ?? null };
}

/**
 * A fingerprint of the archive that changes with every write: the highest cable and version ids
 * (rows are only ever added; a changed cable always comes with a new version). Two primary-key
 * lookups, so it can be asked every second even on the full release.
 */
export async function archiveFingerprint(db: SqlRunner): Promise<string> {
  const [row] = await db.all<{ c: number | string | null; v: number | string | null }>(
    'SELECT (SELECT MAX(id) FROM cables) AS c, (SELECT MAX(id) FROM cable_versions) AS v',
  );
  return `${row?.c ?? 0}:${row?.v ?? 0}`;
}

/**
 * The change counters (migration 9), e.g. `{ discussion: 12, mentions: 3 }`: database triggers add
 * one on every write to comments, account names and mentions, whichever server or command made it.
 * One small table: cheap enough to ask every second. Caches of what those tables show compare them.
 */
export async function changeCounters(db: SqlRunner): Promise<Record<string, number>> {
  const rows = await db.all<{ name: string; value: number | string }>(
    'SELECT name, value FROM change_counters',
  );
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.value)]));
}
