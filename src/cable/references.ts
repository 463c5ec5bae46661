import type { ParseContext } from './context.ts';
import type { Reference } from './record.ts';
/** REF lists. (stub, being written) */
export function parseReferences(_text: string, _ctx: ParseContext): Reference[] {
  return [];
}
