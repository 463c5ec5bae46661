/** Date-time groups (`101526Z FEB 06`) to ISO 8601 UTC. (stub, being written) */
export function dtgToIso(_dtg: string, _hintIso: string | null): string | null {
  return null;
}
