/** Closing signature(s). (stub, being written) */
export function parseSigners(_clean: string): string[] {
  return [];
}
