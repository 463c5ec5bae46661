/**
 * A search request read from named parameters (a URL query string, CLI flags): the same rules
 * everywhere. Returns the request or throws SearchParamError (-> 400 / usage error).
 */
import type { SearchRequest, SearchSort } from './backend.ts';
import { SEARCH_SORTS } from './backend.ts';
import { SearchParamError } from './engine.ts';

function whole(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,6}$/.test(text))
    throw new SearchParamError(`${name} is a whole number, not "${text.slice(0, 20)}"`);
  return Number(text);
}

export function searchRequestFrom(get: (name: string) => string | undefined): SearchRequest {
  const request: SearchRequest = { q: get('q') ?? '' };
  for (const name of ['origin', 'classification', 'tag', 'from', 'to'] as const) {
    const value = get(name)?.trim();
    if (value) request[name] = value;
  }
  const sort = get('sort');
  if (sort !== undefined && sort !== '') {
    if (!(SEARCH_SORTS as readonly string[]).includes(sort)) {
      throw new SearchParamError(`sort is one of ${SEARCH_SORTS.join(', ')}`);
    }
    request.sort = sort as SearchSort;
  }
  const page = whole('page', get('page'));
  const limit = whole('limit', get('limit'));
  if (page !== undefined) request.page = page;
  if (limit !== undefined) request.limit = limit;
  return request;
}
