/**
 * Reader of JSON lines: one object per line with `body` (required) and any of `refId`,
 * `created`, `released`, `classification`, `origin`, `header` (and `partial`, and `publishedRefId`
 * for the id exactly as published when `refId` is a canonical one). A cable record (`cabledesk
 * parse` output, a line of `cabledesk export`'s cables.jsonl) is read too, its text from `raw.header`
 * and `raw.body`. Streamed line by line; a line that is not such an object is reported with its
 * line number and the rest is read. Without `refId`, the id is looked for in the text as for a
 * plain text cable.
 */
import type { RawCable } from '../cable/record.ts';
import { position, type ReadItem } from './read-item.ts';
import { isoMinute } from './source-date.ts';
import { refIdFromText } from './text.ts';

function optionalString(object: Record<string, unknown>, key: string): string | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Error(`"${key}" is not a string`);
  return value;
}

/** One parsed JSON value to a raw cable; throws with a reason when it does not describe one. */
export function cableFromJson(value: unknown, path: string | undefined, line: number): RawCable {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error('not a JSON object');
  const object = value as Record<string, unknown>;
  // A cable record (what `cabledesk parse` prints, a line of `cabledesk export`) has its text in `raw`.
  const raw = object['raw'] as Record<string, unknown> | null | undefined;
  const record =
    !!raw && typeof raw === 'object' && typeof raw['body'] === 'string' && object['body'] === undefined;
  const body = record ? raw['body'] : object['body'];
  if (typeof body !== 'string') throw new Error('"body" is missing or not a string');
  const header = record ? (optionalString(raw, 'header') ?? '') : (optionalString(object, 'header') ?? '');
  const created = optionalString(object, 'created');
  const released = optionalString(object, 'released');
  const createdIso = isoMinute(created);
  const releasedIso = isoMinute(released);
  if (created && !createdIso) throw new Error(`"created" is not a date: ${JSON.stringify(created)}`);
  if (released && !releasedIso) throw new Error(`"released" is not a date: ${JSON.stringify(released)}`);
  const refId =
    optionalString(object, 'publishedRefId') ??
    optionalString(object, 'refId') ??
    refIdFromText(header, body) ??
    '';
  return {
    publishedRefId: refId,
    header,
    body,
    created: createdIso,
    released: releasedIso,
    classification: optionalString(object, 'classification'),
    origin: optionalString(object, 'origin'),
    partial: object['partial'] === true,
    source: path === undefined ? { format: 'jsonl', line } : { format: 'jsonl', path, line },
  };
}

function readLine(text: string, path: string | undefined, line: number): ReadItem | null {
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: { where: position(path, line), message: `not valid JSON: ${(error as Error).message}` } };
  }
  try {
    return { cable: cableFromJson(value, path, line) };
  } catch (error) {
    return { error: { where: position(path, line), message: (error as Error).message } };
  }
}

/** Reads cables from JSON-lines text arriving in chunks, in line order. */
export async function* readJsonl(chunks: AsyncIterable<string>, path?: string): AsyncGenerator<ReadItem> {
  let rest = '';
  let line = 0;
  for await (const chunk of chunks) {
    const text = rest ? rest + chunk : chunk;
    let start = 0;
    let end = text.indexOf('\n');
    while (end >= 0) {
      line++;
      const item = readLine(text.slice(start, end), path, line);
      if (item) yield item;
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    rest = text.slice(start);
  }
  if (rest) {
    const item = readLine(rest, path, line + 1);
    if (item) yield item;
  }
}
