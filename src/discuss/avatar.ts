/**
 * Avatars generated here, never fetched: a 5x5 mirrored identicon drawn as SVG from a hash of the
 * author's key (account id or guest e-mail), so the same author always gets the same picture and
 * the address itself cannot be read back from it.
 */
import { createHash } from 'node:crypto';

export function identiconSvg(key: string, size = 40): string {
  const h = createHash('sha256').update(`cabledesk-avatar:${key}`).digest();
  const hue = ((h[0]! << 8) | h[1]!) % 360;
  const colour = `hsl(${hue} 55% 45%)`;
  const cell = size / 5;
  const rects: string[] = [];
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 3; col++) {
      if ((h[2 + row * 3 + col]! & 1) === 0) continue;
      const cols = col === 2 ? [2] : [col, 4 - col];
      for (const x of cols)
        rects.push(`<rect x="${x * cell}" y="${row * cell}" width="${cell}" height="${cell}"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}"><rect width="${size}" height="${size}" fill="#eee"/><g fill="${colour}">${rects.join('')}</g></svg>`;
}

/** The SVG as a data: URL for an <img> (the site's CSP allows `img-src data:`). */
export function identiconDataUrl(key: string, size = 40): string {
  return `data:image/svg+xml;base64,${Buffer.from(identiconSvg(key, size)).toString('base64')}`;
}

/** The avatar key of an author: account id, or the hash of a guest's e-mail. */
export function avatarKey(accountId: number | null, email: string | null): string {
  return accountId !== null ? `account:${accountId}` : `guest:${(email ?? '').toLowerCase()}`;
}
