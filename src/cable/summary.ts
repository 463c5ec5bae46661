/** The summary paragraph(s). (stub, being written) */
export function parseSummary(_clean: string): string | null {
  return null;
}
