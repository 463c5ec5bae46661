/**
 * `--format auto`: which reader an input needs. The first bytes decide when they are clear (a
 * cables.csv row, an HTML page, a JSON object); otherwise the file's extension; otherwise it is
 * taken for one cable as plain text. Content goes first so that a dump named `cables.txt` is
 * still read row by row instead of as one giant cable.
 */
export type Format = 'csv' | 'html' | 'jsonl' | 'text';
export const FORMATS: readonly Format[] = ['csv', 'html', 'jsonl', 'text'];

const CSV_ROW = /^"\d+","\d{1,2}\/\d{1,2}\/\d{4}[ "]/;
const HTML_START = /^<(?:\?xml|!DOCTYPE html|html\b)/i;
const HTML_INSIDE = /<html\b|<pre\b|<table\b[^>]*class=['"]cable['"]/i;
const JSON_START = /^\{\s*"/;
const SNIFF_CHARS = 65_536;

const EXTENSIONS: Record<string, Format> = {
  csv: 'csv',
  html: 'html',
  htm: 'html',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'jsonl',
  txt: 'text',
  text: 'text',
};

/** The format a file name suggests, or null. */
export function formatFromName(path: string): Format | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || /[/\\]/.test(path.slice(dot))) return null;
  return EXTENSIONS[path.slice(dot + 1).toLowerCase()] ?? null;
}

/** The format the first bytes clearly show, or null. */
export function formatFromContent(head: string): Format | null {
  const text = head.slice(0, SNIFF_CHARS).replace(/^\uFEFF?\s*/, '');
  if (CSV_ROW.test(text)) return 'csv';
  if (JSON_START.test(text)) return 'jsonl';
  if (HTML_START.test(text) || (text.startsWith('<') && HTML_INSIDE.test(text))) return 'html';
  return null;
}

/** The format of an input from its first chunk and (when it is a file) its name. */
export function detectFormat(head: string, path?: string): Format {
  return formatFromContent(head) ?? (path ? formatFromName(path) : null) ?? 'text';
}
