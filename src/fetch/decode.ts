/**
 * Response bodies to text: the media type and charset of a Content-Type header, and the bytes
 * decoded by (in order) a byte order mark, the header's charset, for HTML a `<meta charset>` in the
 * first 1024 bytes, else UTF-8. Unknown charset names fall back to UTF-8; bad bytes become U+FFFD.
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

export function decodeBody(bytes: Uint8Array, type: ContentType): string {
  const html = type.mediaType === 'text/html' || type.mediaType === 'application/xhtml+xml';
  const decoder =
    decoderFor(bomCharset(bytes)) ??
    decoderFor(type.charset) ??
    (html ? decoderFor(metaCharset(bytes)) : null) ??
    new TextDecoder('utf-8');
  return decoder.decode(bytes);
}
