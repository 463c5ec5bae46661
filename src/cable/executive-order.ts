/** The E.O. line and its DECL date. (stub, being written) */
export function parseExecutiveOrder(_text: string): {
  executiveOrder: string | null;
  declassifyOn: string | null;
} {
  return { executiveOrder: null, declassifyOn: null };
}
