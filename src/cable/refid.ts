/** Reference ids: canonical form and certain repairs of malformed published ids. (stub, being written) */
export interface CanonicalId {
  refId: string;
  /** True when the published id was changed beyond upper-casing. */
  repaired: boolean;
  /** Why the id could not be trusted, in words for a reader; null when fine. */
  warning: string | null;
}
export function canonicalRefId(published: string): CanonicalId {
  return { refId: published.trim().toUpperCase(), repaired: false, warning: null };
}
/** Splits a canonical id into its parts, or null when it does not have the YY+STATION+SERIAL shape. */
export function splitRefId(refId: string): { year: number; station: string; serial: number } | null {
  const m = /^(\d\d)([A-Z]+)(\d+)$/.exec(refId);
  if (!m) return null;
  const yy = Number(m[1]);
  return { year: yy > 60 ? 1900 + yy : 2000 + yy, station: m[2]!, serial: Number(m[3]) };
}
