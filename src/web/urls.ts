/**
 * The site's addresses, built in one place: cable pages and their downloads, browse pages per
 * facet (origins and classifications by slug), feeds. Every link the views print comes from here.
 */

/** `Embassy The Hague` -> `embassy-the-hague`; `SECRET//NOFORN` -> `secret-noforn`. */
export function slug(value: string): string {
  return (
    value
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || '-'
  );
}

export const urls = {
  home: () => '/',
  cable: (refId: string) => `/cable/${encodeURIComponent(refId)}`,
  cableDownload: (refId: string, ext: 'txt' | 'json') => `/cable/${encodeURIComponent(refId)}.${ext}`,
  cableCitation: (refId: string, ext: 'bib' | 'ris' | 'csl.json') =>
    `/cable/${encodeURIComponent(refId)}/cite.${ext}`,
  diff: (refId: string, a: string, b: string) =>
    `/cable/${encodeURIComponent(refId)}/diff?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`,
  api: (refId: string) => `/api/cables/${encodeURIComponent(refId)}`,
  cables: () => '/cables',
  origins: () => '/origins',
  origin: (origin: string) => `/origins/${slug(origin)}`,
  years: () => '/years',
  year: (year: string) => `/years/${year}`,
  month: (yearMonth: string) => `/years/${yearMonth.slice(0, 4)}/${yearMonth.slice(5, 7)}`,
  releases: () => '/released',
  releaseDay: (day: string) => `/released/${day}`,
  classifications: () => '/classifications',
  classification: (classification: string) => `/classifications/${slug(classification)}`,
  tags: () => '/tags',
  tag: (tag: string) => `/tags/${encodeURIComponent(tag)}`,
  aboutClassification: () => '/about/classification',
  feedNew: () => '/feeds/new.atom',
  feedOrigin: (origin: string) => `/feeds/origins/${slug(origin)}.atom`,
  feedTag: (tag: string) => `/feeds/tags/${encodeURIComponent(tag)}.atom`,
};
