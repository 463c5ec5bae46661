/** SUBJECT line(s). (stub, being written) */
export function parseSubject(_text: string): string | null {
  return null;
}
