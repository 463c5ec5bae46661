/**
 * The one-cable "cable file" layout used by the corpus and the bundled sample: a block of
 * `key: value` lines, a blank line, `<<<HEADER>>>`, the header, `<<<BODY>>>`, the body to the end.
 * Exactly one `\n` was added before `<<<BODY>>>`, so it is taken off again: header and body come
 * back byte for byte as the page had them.
 */
import type { RawCable } from '../cable/record.ts';
import { isoMinute } from './source-date.ts';

const HEADER_MARK = '<<<HEADER>>>\n';
const BODY_MARK = '\n<<<BODY>>>\n';

/** True when the text looks like a cable file (so `--format auto` can tell it from plain text). */
export function isCableFile(text: string): boolean {
  return text.includes(HEADER_MARK) && text.includes(BODY_MARK) && /^[a-z_]+: /.test(text);
}

/** Metadata of a cable file as a map, plus the raw cable it holds. Throws when the layout is wrong. */
export function readCableFile(
  text: string,
  path?: string,
): { meta: Record<string, string>; cable: RawCable } {
  const headerAt = text.indexOf(HEADER_MARK);
  const bodyAt = text.indexOf(BODY_MARK, headerAt);
  if (headerAt < 0 || bodyAt < 0) {
    throw new Error(`${path ?? 'input'}: not a cable file (no <<<HEADER>>> and <<<BODY>>> markers)`);
  }
  const meta: Record<string, string> = {};
  for (const line of text.slice(0, headerAt).split('\n')) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) meta[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  const cable: RawCable = {
    publishedRefId: meta['ref_id'] ?? '',
    header: text.slice(headerAt + HEADER_MARK.length, bodyAt),
    body: text.slice(bodyAt + BODY_MARK.length),
    created: isoMinute(meta['created']),
    released: isoMinute(meta['released']),
    classification: meta['classification'] ?? null,
    origin: meta['origin'] ?? null,
    partial: meta['partial'] === 'yes',
    source: { format: 'cable-file', ...(path ? { path } : {}) },
  };
  return { meta, cable };
}
