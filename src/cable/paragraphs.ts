import type { Paragraph } from './record.ts';
/** The reading text as paragraphs. (stub, being written) */
export function parseParagraphs(_clean: string): Paragraph[] {
  return [];
}
