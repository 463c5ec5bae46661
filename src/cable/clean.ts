/** Removes page-break lines, section lines and repeated section headers from a body. (stub, being written) */
export function cleanBody(body: string): string {
  return body;
}
