/** TAGS line(s). (stub, being written) */
export function parseTags(_text: string): string[] {
  return [];
}
