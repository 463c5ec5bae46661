import type { ClassifiedBy } from './record.ts';
/** "Classified By" and its reasons. (stub, being written) */
export function parseClassifiedBy(_text: string): { classifiedBy: ClassifiedBy | null; reasons: string[] } {
  return { classifiedBy: null, reasons: [] };
}
