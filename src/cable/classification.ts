/** The classification line of the body, handling caveats, section count. (stub, being written) */
export interface ClassificationLine {
  /** Normalised classification from the body line (`CONFIDENTIAL`), spaced-out letters joined. */
  classification: string | null;
  caveats: string[];
  /** Total sections from `SECTION 01 OF 02`, or null. */
  sections: number | null;
}
export function parseClassificationLine(_body: string): ClassificationLine {
  return { classification: null, caveats: [], sections: null };
}
