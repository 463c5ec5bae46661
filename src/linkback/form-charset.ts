/**
 * An `application/x-www-form-urlencoded` body in the character set its Content-Type names, as the
 * TrackBack specification asks ("the character encoding of the content being sent ... in the
 * charset attribute of the Content-Type header"): older blogs ping in ISO-8859-1, Shift_JIS or
 * EUC-JP. The WHATWG urlencoded parser with that encoding: bytes split at `&` and `=`, `+` is a
 * space, percent escapes are bytes, then each name and value is decoded. An unknown or missing
 * charset is UTF-8.
 */
import { TextDecoder } from 'node:util';

/** The `charset` parameter of a Content-Type value, or null. */
export function charsetOf(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

function decoderFor(charset: string | null): TextDecoder {
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

/** Percent escapes to bytes (a `%` not followed by two hex digits stays as it is). */
function percentDecode(latin1: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < latin1.length; i++) {
    const hex = latin1.charAt(i) === '%' ? latin1.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(latin1.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

/** The fields of a urlencoded body (the last value of a repeated name wins). */
export function decodeForm(body: Buffer, charset: string | null): Record<string, string> {
  const decoder = decoderFor(charset);
  const fields: Record<string, string> = {};
  // latin1 maps every byte to one character, so the split works on the bytes themselves.
  for (const part of body.toString('latin1').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const [name, value] = eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    const decode = (text: string) => decoder.decode(percentDecode(text.replace(/\+/g, ' ')));
    Object.defineProperty(fields, decode(name), {
      value: decode(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return fields;
}
