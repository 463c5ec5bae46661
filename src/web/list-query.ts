/**
 * The query string of a listing (`?sort=-released&page=2&limit=100`), checked: a value out of
 * range is a 400 with a message the reader understands, never a server error.
 */
import { CABLE_SORTS, type CableSort } from '../store/browse.ts';

export interface ListParams {
  sort: CableSort;
  page: number;
  limit: number;
}

export const MAX_LIMIT = 200;
export const MAX_PAGE = 100_000;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseListParams(
  query: (name: string) => string | undefined,
  defaultSort: CableSort = '-created',
): Checked<ListParams> {
  const sort = query('sort') ?? defaultSort;
  if (!(CABLE_SORTS as readonly string[]).includes(sort)) {
    return { ok: false, message: `sort must be one of ${CABLE_SORTS.join(', ')}.` };
  }
  const pageText = query('page') ?? '1';
  const page = /^\d{1,6}$/.test(pageText) ? Number(pageText) : Number.NaN;
  if (!(page >= 1 && page <= MAX_PAGE))
    return { ok: false, message: `page must be a whole number from 1 to ${MAX_PAGE}.` };
  const limitText = query('limit') ?? '50';
  const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT))
    return { ok: false, message: `limit must be a whole number from 1 to ${MAX_LIMIT}.` };
  return { ok: true, value: { sort: sort as CableSort, page, limit } };
}
