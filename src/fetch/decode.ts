/**
 * Response bodies to text: the media type and charset of a Content-Type header, and the bytes
 * decoded by (in order) a byte order mark, the header's charset, for HTML a `<meta charset>` in the
 * first 1024 bytes, else UTF-8. Unknown charset names fall back to UTF-8; bad bytes become U+FFFD.
 * windows-1252 (also what "iso-8859-1" and "us-ascii" mean on the web) is decoded here: Node 20's
 * TextDecoder reads it as ISO-8859-1, turning curly quotes into C1 control characters.
 */
import { TextDecoder } from 'node:util';

export interface ContentType {
  /** Lower case, without parameters: 'text/html'. Empty when the header is missing. */
  mediaType: string;
  charset: string | null;
}

export function parseContentType(header: string | undefined): ContentType {
  const [type = '', ...params] = (header ?? '').split(';');
  let charset: string | null = null;
  for (const param of params) {
    const match = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(param);
    if (match) charset = match[1]!.toLowerCase();
  }
  return { mediaType: type.trim().toLowerCase(), charset };
}

function decoderFor(label: string | null): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** `<meta charset="x">` or `<meta http-equiv="Content-Type" content="...; charset=x">` near the top. */
function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match ? match[1]!.toLowerCase() : null;
}

/** windows-1252 bytes 0x80..0x9f (the rest is ISO-8859-1); undefined positions stay as they are. */
const CP1252_HIGH =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** An HTML page (HTML or XHTML), by its media type. */
export function isHtmlType(mediaType: string | null | undefined): boolean {
  return mediaType === 'text/html' || mediaType === 'application/xhtml+xml';
}

export function decodeBody(bytes: Uint8Array, type: ContentType): string {
  const html = isHtmlType(type.mediaType);
  const decoder =
    decoderFor(bomCharset(bytes)) ??
    decoderFor(type.charset) ??
    (html ? decoderFor(metaCharset(bytes)) : null) ??
    new TextDecoder('utf-8');
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}
